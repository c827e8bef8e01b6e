package io.duban.chat.console;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.chat.RateLimit;
import java.util.Map;

/** The built-in console: needs no values, is not paced, ids hold for every bot, no markup. */
public final class ConsoleRules implements PlatformRules {

  @Override
  public Platform platform() {
    return Platform.CONSOLE;
  }

  @Override
  public String missingRequired(Map<String, String> values) {
    return null;
  }

  @Override
  public RateLimit defaultRate() {
    return RateLimit.UNPACED;
  }
}
