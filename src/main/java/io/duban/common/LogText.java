package io.duban.common;

/** Text from a request (a path, a bot id) made safe for one log line: no breaks, no controls. */
public final class LogText {
  private LogText() {}

  /** At most {@code max} characters; line breaks, controls and bidi overrides become "?". */
  public static String printable(String s, int max) {
    if (s == null) {
      return "";
    }
    String cut = s.length() > max ? s.substring(0, max) + "…" : s;
    return cut.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069]", "?");
  }
}
