package io.duban.chat.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.ChatAdapter;
import io.duban.chat.JsonPost;
import io.duban.chat.Mention;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.Platform;
import io.duban.chat.SendResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * DingTalk (钉钉, 专有钉钉): the group robot webhook with 加签.
 *
 * <p>Setup: group settings → 智能群助手 → 添加机器人 → 自定义; security "加签" gives the SEC… secret ({@code
 * secret}); the webhook URL with its access_token is {@code webhook-url}. Limits (platforms.md
 * §1.1): 20 messages a minute per robot, then a 10-minute block; content about 20,000 bytes. Errors
 * come back with HTTP 200 and an {@code errcode}.
 */
@ApplicationScoped
public class DingTalkAdapter implements ChatAdapter {
  /** Webhook content limit (a Go client's "exceed 20000 bytes"), less room for @mentions. */
  public static final int WEBHOOK_MAX_BYTES = 19_000;

  /** Exceeding 20 a minute blocks the robot for 10 minutes (official wording). */
  public static final Duration RATE_BLOCK = Duration.ofMinutes(10);

  static final Set<Integer> RATE_LIMITED = Set.of(130101, 410100);
  static final Set<Integer> PERMANENT =
      Set.of(
          310000, 300005, 400013, 400101, 400102, 400105, 400106, 40035, 43002, 430101, 430102,
          430103, 430104);

  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Clock wall;

  @Override
  public Platform platform() {
    return Platform.DINGTALK;
  }

  @Override
  public int maxBytes(BotSpec bot, OutgoingMessage message) {
    return WEBHOOK_MAX_BYTES;
  }

  @Override
  public SendResult send(BotSpec bot, OutgoingMessage message) {
    String webhook = bot.value("webhook-url").orElse(null);
    if (webhook == null) {
      return SendResult.permanent("机器人没有配置 webhook-url，无法发送");
    }
    String url =
        bot.value("secret")
            .map(s -> DingTalkSigner.signedWebhookUrl(webhook, s, wall.millis()))
            .orElse(webhook);
    return classify(JsonPost.post(http, json, url, textBody(message), Map.of()));
  }

  /** The text message body: @mentions need both the at list and "@mobile" in the text. */
  static Map<String, Object> textBody(OutgoingMessage message) {
    List<String> mobiles = new ArrayList<>();
    List<String> userIds = new ArrayList<>();
    StringBuilder content = new StringBuilder(message.text());
    for (Mention m : message.mentions()) {
      if (m.mobile() != null) {
        mobiles.add(m.mobile());
        content.append(content.length() == 0 ? "" : " ").append("@").append(m.mobile());
      } else if (m.platformId() != null) {
        userIds.add(m.platformId());
        content.append(content.length() == 0 ? "" : " ").append("@").append(m.platformId());
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgtype", "text");
    body.put("text", Map.of("content", content.toString()));
    Map<String, Object> at = new LinkedHashMap<>();
    at.put("atMobiles", mobiles);
    at.put("atUserIds", userIds);
    at.put("isAtAll", false);
    body.put("at", at);
    body.put("msgUuid", message.idempotencyKey());
    return body;
  }

  static SendResult classify(JsonPost.Answer answer) {
    if (answer.failure() != null) {
      return answer.failure();
    }
    JsonNode body = answer.body();
    int code = body.path("errcode").asInt(-1);
    String msg = body.path("errmsg").asText("");
    if (!body.has("errcode")) {
      return SendResult.retry("钉钉返回内容缺少 errcode");
    }
    if (code == 0) {
      return SendResult.sent();
    }
    String error = "钉钉 errcode " + code + " " + msg;
    if (RATE_LIMITED.contains(code)) {
      return SendResult.rateLimited(error, RATE_BLOCK);
    }
    if (PERMANENT.contains(code)) {
      return SendResult.permanent(error);
    }
    return SendResult.retry(error);
  }
}
