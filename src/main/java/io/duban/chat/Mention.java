package io.duban.chat;

/**
 * A person to @-mention: their name, mobile (DingTalk mentions by mobile) and id on the sending
 * bot's platform (DingTalk staffId, WeCom userid, Feishu open_id of that app); either may be null.
 */
public record Mention(String name, String mobile, String platformId) {
  /** One line of the outbox's mentions column. */
  public String encode() {
    return nz(name) + "|" + nz(mobile) + "|" + nz(platformId);
  }

  public static Mention decode(String line) {
    String[] p = line.split("\\|", -1);
    return new Mention(
        blank(p[0]), p.length > 1 ? blank(p[1]) : null, p.length > 2 ? blank(p[2]) : null);
  }

  private static String nz(String s) {
    return s == null ? "" : s.replace("|", "").replace("\n", "");
  }

  private static String blank(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
