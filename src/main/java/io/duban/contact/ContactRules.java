package io.duban.contact;

/**
 * How contacts' mobiles are shown where more people than their owner may read them, and which names
 * and platform ids a contact may have.
 */
public final class ContactRules {
  private ContactRules() {}

  /**
   * Why a contact's name cannot be used, or null: control characters (NUL, line breaks) and the
   * bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name read
   * differently from what it is.
   */
  public static String nameProblem(String name) {
    if (name == null || name.isBlank()) {
      return "姓名不能为空";
    }
    if (name.length() > 100) {
      return "姓名最长 100 个字符";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.getType(c) == Character.CONTROL
          || (c >= '\u202A' && c <= '\u202E')
          || (c >= '\u2066' && c <= '\u2069')
          || c == '\u200E'
          || c == '\u200F') {
        return "姓名不能含控制字符或文字方向控制符（U+" + String.format("%04X", (int) c) + "）";
      }
    }
    return null;
  }

  /** Why a platform id cannot be used, or null: ids go into mention markup and must be plain. */
  public static String idProblem(String id) {
    if (id == null || id.isBlank()) {
      return "平台 id 不能为空";
    }
    if (id.length() > 128) {
      return "平台 id 最长 128 个字符";
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '&' || c == 0x7F) {
        return "平台 id 不能含空白、引号或 < > &";
      }
    }
    return null;
  }

  /** 138****0001: an 11-digit mobile with its middle four digits hidden. */
  public static String maskMobile(String mobile) {
    if (mobile == null) {
      return "";
    }
    return mobile.length() == 11 ? mobile.substring(0, 3) + "****" + mobile.substring(7) : "****";
  }
}
