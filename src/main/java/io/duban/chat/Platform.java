package io.duban.chat;

import java.util.Locale;
import java.util.Optional;

/** The chat platforms Duban speaks; console is the built-in text platform for local use. */
public enum Platform {
  DINGTALK("dingtalk", "钉钉"),
  WECOM("wecom", "企业微信"),
  FEISHU("feishu", "飞书"),
  CONSOLE("console", "控制台");

  private final String key;
  private final String label;

  Platform(String key, String label) {
    this.key = key;
    this.label = label;
  }

  public String key() {
    return key;
  }

  public String label() {
    return label;
  }

  public static Optional<Platform> fromKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String k = key.trim().toLowerCase(Locale.ROOT);
    for (Platform p : values()) {
      if (p.key.equals(k)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
