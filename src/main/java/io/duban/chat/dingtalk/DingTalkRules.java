package io.duban.chat.dingtalk;

import static io.duban.chat.PlatformRules.isSet;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.chat.RateLimit;
import java.util.Map;

/**
 * DingTalk: a group webhook or an app (app-key, app-secret); ids hold for every bot; 20/min. An app
 * robot may receive in Stream mode ({@code mode: stream}), which needs app-key and app-secret for
 * the connection ticket and no callback address.
 */
public final class DingTalkRules implements PlatformRules {

  @Override
  public Platform platform() {
    return Platform.DINGTALK;
  }

  @Override
  public String missingRequired(Map<String, String> v) {
    if ("stream".equals(v.get("mode"))) {
      if (!isSet(v, "app-key") || !isSet(v, "app-secret")) {
        return "stream 模式要配置 app-key 与 app-secret（企业内部应用的 Client ID 与 Client Secret）";
      }
      return null;
    }
    boolean webhook = isSet(v, "webhook-url");
    boolean app = isSet(v, "app-key") && isSet(v, "app-secret");
    if (!webhook && !app && !isSet(v, "app-secret")) {
      return "至少要配置 webhook-url（群机器人）或 app-key 与 app-secret（企业内部应用机器人）";
    }
    if (isSet(v, "robot-code") && !app) {
      return "配置了 robot-code 但缺少 app-key 或 app-secret";
    }
    return null;
  }

  @Override
  public boolean supportsStream() {
    return true;
  }

  @Override
  public RateLimit defaultRate() {
    return new RateLimit(20, 0);
  }
}
