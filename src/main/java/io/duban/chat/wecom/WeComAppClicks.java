package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.IncomingMessage;
import io.duban.chat.JsonPost;
import io.duban.chat.Platform;
import io.duban.chat.SendResult;
import io.duban.chat.TokenCache.TokenException;
import io.duban.chat.inbox.Callback;
import io.duban.chat.outbox.Secrets;
import io.duban.common.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/**
 * A click on one of our template cards sent by a 自建应用 ({@code /cgi-bin/message/send}, {@link
 * WeComCards}): the app callback's encrypted XML event {@code MsgType=event}, {@code
 * Event=template_card_event}, with {@code FromUserName}, {@code CreateTime}, {@code EventKey} (the
 * button's key: the choice's text), {@code TaskId}, {@code CardType}, {@code ResponseCode}, {@code
 * AgentID} (developer.work.weixin.qq.com path/90376 模板卡片事件推送). It goes through the inbox as the
 * user's own message; an event carries no MsgId, so its id is {@code card:} and a digest of user,
 * time, task and key (a retried delivery is the same event: answered once). The callback is
 * answered with an empty body (it stops WeCom's retries); after it, the clicked button is replaced
 * for the clicker by {@code POST /cgi-bin/message/update_template_card} {@code {userids, agentid,
 * response_code, button: {replace_name}}} (path/94888), which also makes it untappable. The reply
 * (or refusal) itself goes to the user through the outbox as an app message.
 */
@ApplicationScoped
public class WeComAppClicks {
  static final String EVENT = "template_card_event";

  /** replace_name is a button's text: 建议不超过 10 个字, like the button it replaces. */
  static final int REPLACE_NAME_MAX_CHARS = 10;

  private static final Logger LOG = Logger.getLogger(WeComAppClicks.class);

  @Inject WeComAdapter adapter;
  @Inject OkHttpClient http;
  @Inject ObjectMapper json;

  private final ExecutorService updates =
      Executors.newSingleThreadExecutor(DaemonThreads.named("wecom-card-updates"));

  @PreDestroy
  void stop() {
    updates.shutdown();
  }

  /** The click as the inbox's message (acknowledged with an empty body), or ignored. */
  static Callback message(BotSpec bot, Map<String, String> m) {
    String from = m.getOrDefault("FromUserName", "");
    String key = m.getOrDefault("EventKey", "");
    if (from.isEmpty() || key.isEmpty()) {
      return new Callback.Ignored("", "text/plain", "卡片事件缺少 FromUserName 或 EventKey");
    }
    String id =
        WeComCardClicks.ID_PREFIX
            + digest(
                from
                    + "\n"
                    + m.getOrDefault("CreateTime", "")
                    + "\n"
                    + m.getOrDefault("TaskId", "")
                    + "\n"
                    + key);
    IncomingMessage in =
        new IncomingMessage(Platform.WECOM, bot.id(), "u:" + from, from, null, key, id);
    return new Callback.Message(in, null, null, "", "text/plain");
  }

  private static String digest(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The update_template_card body for a click, or null when the event cannot be updated. */
  static Map<String, Object> updateBody(BotSpec bot, Map<String, String> m) {
    String code = m.getOrDefault("ResponseCode", "");
    String from = m.getOrDefault("FromUserName", "");
    String agent = bot.value("agent-id").orElse("").trim();
    if (code.isEmpty() || from.isEmpty() || !agent.matches("\\d{1,18}")) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("userids", List.of(from));
    body.put("agentid", Long.parseLong(agent));
    body.put("response_code", code);
    String choice = WeComAdapter.escapeText(m.getOrDefault("EventKey", ""));
    body.put(
        "button", Map.of("replace_name", WeComCards.cut("已选：" + choice, REPLACE_NAME_MAX_CHARS)));
    return body;
  }

  /**
   * After an app click was stored (or was a duplicate), replaces its button for the clicker, off
   * the request thread (the callback is answered first, within WeCom's 5 s).
   */
  void clicked(BotSpec bot, Map<String, String> event) {
    Map<String, Object> body = updateBody(bot, event);
    if (body == null || bot.value("corp-id").isEmpty() || bot.value("corp-secret").isEmpty()) {
      return;
    }
    try {
      updates.execute(() -> update(bot, body));
    } catch (RejectedExecutionException e) {
      LOG.warnf("企业微信自建应用：正在关闭，卡片未更新（机器人 %s）", bot.id());
    }
  }

  private void update(BotSpec bot, Map<String, Object> body) {
    try {
      String api = bot.valueOr("api-base-url", WeComAdapter.DEFAULT_API);
      String url =
          api + "/cgi-bin/message/update_template_card?access_token=" + adapter.accessToken(bot);
      SendResult r = adapter.classify(JsonPost.post(http, json, url, body, Map.of()), bot);
      if (r.outcome() != SendResult.Outcome.SENT) {
        LOG.warnf("企业微信自建应用：卡片更新失败（机器人 %s）：%s", bot.id(), Secrets.scrub(r.error()));
      }
    } catch (TokenException | RuntimeException e) {
      LOG.warnf("企业微信自建应用：卡片更新失败（机器人 %s）：%s", bot.id(), Secrets.scrub(e.getMessage()));
    }
  }
}
