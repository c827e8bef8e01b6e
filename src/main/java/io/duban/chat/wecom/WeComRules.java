package io.duban.chat.wecom;

import static io.duban.chat.PlatformRules.isSet;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.chat.RateLimit;
import java.util.Map;

/**
 * WeCom: a group webhook or a callback (token, 43-character encoding-aes-key); app messages need
 * corp-id, corp-secret and agent-id together; ids hold for every bot; 20/min.
 */
public final class WeComRules implements PlatformRules {

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  public String missingRequired(Map<String, String> v) {
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

  @Override
  public RateLimit defaultRate() {
    return new RateLimit(20, 0);
  }
}
