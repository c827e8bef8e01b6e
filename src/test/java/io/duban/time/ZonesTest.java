package io.duban.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The plan's zone and the production wall clock. */
class ZonesTest {
  @Test
  void thePlanRunsOnShanghaiTime() {
    assertThat(Zones.SHANGHAI).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(
            Zones.SHANGHAI
                .getRules()
                .getOffset(Instant.parse("2026-07-01T00:00:00Z"))
                .getTotalSeconds())
        .isEqualTo(8 * 3600);
  }

  @Test
  void theWallClockIsTheSystemClockInShanghai() {
    Clock wall = new WallClockProducer().wallClock();
    assertThat(wall.getZone()).isEqualTo(Zones.SHANGHAI);
    Instant before = Instant.now();
    Instant read = wall.instant();
    assertThat(read).isBetween(before, Instant.now());
  }
}
