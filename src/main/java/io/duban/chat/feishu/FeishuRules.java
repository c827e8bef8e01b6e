package io.duban.chat.feishu;

import static io.duban.chat.PlatformRules.isSet;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.chat.RateLimit;
import java.util.Map;

/**
 * Feishu: a custom-bot webhook or an app (app-key, app-secret; in {@code mode: stream} the app
 * alone, no verification token or encrypt key); 100/min and 5/s; a user's open_id differs from one
 * app to the next, so ids are per bot; mentions arrive as "@_user_N" and "@_all".
 */
public final class FeishuRules implements PlatformRules {
  private static final String USER = "@_user_";
  private static final String ALL = "@_all";

  @Override
  public Platform platform() {
    return Platform.FEISHU;
  }

  @Override
  public String missingRequired(Map<String, String> v) {
    if ("stream".equals(v.get("mode"))) {
      // the long connection authenticates with App ID and App Secret only: no callback to verify
      return isSet(v, "app-key") && isSet(v, "app-secret")
          ? null
          : "stream 模式（长连接）要配置 app-key（App ID）与 app-secret（App Secret）";
    }
    boolean webhook = isSet(v, "webhook-url");
    boolean app = isSet(v, "app-key") && isSet(v, "app-secret");
    if (!webhook && !app) {
      return "至少要配置 webhook-url（自定义机器人）或 app-key 与 app-secret（应用机器人）";
    }
    return null;
  }

  /** Feishu 长连接 (self-built enterprise apps): {@link FeishuStream}. */
  @Override
  public boolean supportsStream() {
    return true;
  }

  @Override
  public RateLimit defaultRate() {
    return new RateLimit(100, 5);
  }

  @Override
  public boolean idsPerBot() {
    return true;
  }

  /**
   * Feishu replaces each mention with "@_user_N" (N digits) or "@_all" in the message text; each
   * becomes a space ("@_allen" is not a mention and stays).
   */
  @Override
  public String removeMentions(String text) {
    if (text == null || text.indexOf('@') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int end = text.charAt(i) == '@' ? placeholderEnd(text, i) : -1;
      if (end > 0) {
        out.append(' ');
        i = end;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  private static int placeholderEnd(String s, int at) {
    if (s.startsWith(USER, at)) {
      int k = at + USER.length();
      int digitsStart = k;
      while (k < s.length() && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
        k++;
      }
      return k > digitsStart ? k : -1;
    }
    if (s.startsWith(ALL, at)) {
      int k = at + ALL.length();
      if (k == s.length() || !isAsciiWordChar(s.charAt(k))) {
        return k;
      }
    }
    return -1;
  }

  private static boolean isAsciiWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
