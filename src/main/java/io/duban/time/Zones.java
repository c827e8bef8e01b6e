package io.duban.time;

import java.time.ZoneId;

/** The plan's time zone: every plan date and time of day is Asia/Shanghai. */
public final class Zones {
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private Zones() {}
}
