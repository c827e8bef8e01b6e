package io.duban.chat.wecom;

import static io.duban.chat.PlatformRules.isSet;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.chat.RateLimit;
import java.util.Map;

/**
 * WeCom: a group webhook or a callback (token, 43-character encoding-aes-key); app messages need
 * corp-id, corp-secret and agent-id together; a 智能机器人 in {@code mode: stream} (长连接) needs bot-id
 * and secret instead of the callback's token; ids hold for every bot; 20/min.
 */
public final class WeComRules implements PlatformRules {

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  public String missingRequired(Map<String, String> v) {
    if ("stream".equals(v.get("mode"))) {
      if (isSet(v, "ws-url") && !v.get("ws-url").matches("(?i)wss?://[^\\s]+")) {
        return "ws-url 应以 wss:// 开头";
      }
      return isSet(v, "bot-id") && isSet(v, "secret")
          ? null
          : "长连接（mode: stream）的智能机器人需要 bot-id 和 secret";
    }
    boolean webhook = isSet(v, "webhook-url");
    boolean callback = isSet(v, "token") && isSet(v, "encoding-aes-key");
    if (!webhook && !callback) {
      return "至少要配置 webhook-url（群机器人）或 token 与 encoding-aes-key（回调）";
    }
    if (isSet(v, "encoding-aes-key") && v.get("encoding-aes-key").length() != 43) {
      return "encoding-aes-key 应为 43 个字符";
    }
    if (isSet(v, "corp-secret") && !(isSet(v, "corp-id") && isSet(v, "agent-id"))) {
      return "应用消息需要 corp-id、corp-secret 和 agent-id";
    }
    return null;
  }

  /** Only the 智能机器人 has a long connection; {@link #missingRequired} checks its values. */
  @Override
  public boolean supportsStream() {
    return true;
  }

  @Override
  public RateLimit defaultRate() {
    return new RateLimit(20, 0);
  }
}
