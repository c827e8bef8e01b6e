package io.duban.chat;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An outbound pace: at most {@code perMinute} messages a minute and {@code perSecond} a second (0 =
 * no limit on that window); {@link #UNPACED} is for local sinks.
 */
public record RateLimit(int perMinute, int perSecond) {
  public static final RateLimit UNPACED = new RateLimit(0, 0);

  private static final Pattern PART = Pattern.compile("(\\d+)\\s*/\\s*(s|sec|second|m|min|minute)");

  public boolean unpaced() {
    return perMinute == 0 && perSecond == 0;
  }

  /** Parses "20/min", "5/s", "100/min,5/s" or "0"; throws IllegalArgumentException otherwise. */
  public static RateLimit parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("0") || t.equals("none") || t.equals("unlimited")) {
      return UNPACED;
    }
    int perMinute = 0;
    int perSecond = 0;
    for (String part : t.split("[,;]")) {
      Matcher m = PART.matcher(part.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException(text);
      }
      int n = Integer.parseInt(m.group(1));
      if (n <= 0) {
        throw new IllegalArgumentException(text);
      }
      if (m.group(2).startsWith("s")) {
        perSecond = n;
      } else {
        perMinute = n;
      }
    }
    return new RateLimit(perMinute, perSecond);
  }

  @Override
  public String toString() {
    if (unpaced()) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    if (perMinute > 0) {
      sb.append(perMinute).append("/min");
    }
    if (perSecond > 0) {
      sb.append(sb.length() > 0 ? "," : "").append(perSecond).append("/s");
    }
    return sb.toString();
  }
}
