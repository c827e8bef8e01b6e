package io.duban.chat;

/**
 * Neutralising a platform's markup in text Duban did not write (names, notes, numbers as typed):
 * the markup's ASCII characters become their full-width look-alikes, which no platform parses and
 * every reader still reads. The substitution is idempotent, so text may be escaped twice.
 */
public final class Markup {
  private Markup() {}

  /**
   * Replaces each character of {@code special} with its full-width form (U+FF01..U+FF5E); with
   * {@code lineStart}, those characters only where they begin a line (after optional spaces).
   */
  public static String fullWidth(String text, String special, String lineStart) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    boolean atLineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean replace = special.indexOf(c) >= 0 || (atLineStart && lineStart.indexOf(c) >= 0);
      sb.append(replace ? (char) (c + 0xFEE0) : c);
      if (c == '\n') {
        atLineStart = true;
      } else if (c != ' ' && c != '\t') {
        atLineStart = false;
      }
    }
    return sb.toString();
  }

  /** An id that may stand inside a platform's mention markup: letters, digits, . _ - @ only. */
  public static boolean safeId(String id) {
    return id != null && !id.isEmpty() && id.length() <= 128 && id.matches("[A-Za-z0-9._@$:=+/-]+");
  }
}
