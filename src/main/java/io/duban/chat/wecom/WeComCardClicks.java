package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.duban.chat.BotSpec;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.outbox.Secrets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A click on one of our template cards over a 智能机器人's long connection: {@code
 * aibot_event_callback}, {@code body.event.eventtype = template_card_event}, the button's key and
 * the card's task_id in {@code body.event.template_card_event} (as community clients read it) or
 * directly in {@code body.event} (as the SDK's src/types/event.ts types it): both are read. The key
 * is the choice's text ({@link WeComCards}): it goes through the inbox as the clicking user's own
 * message ({@code body.from.userid}, the group's chatid or {@code u:<userid>} as for text messages;
 * message id {@code card:<msgid>}, so a repeated event is answered once). The reply goes to the
 * chat through the outbox (no reply handle: pushed with {@code aibot_send_msg}); within 5 s the
 * clicked card is replaced for the clicker by {@code aibot_respond_update_msg} with the event's
 * req_id, showing the choice and the answer's first line, without buttons.
 */
final class WeComCardClicks {
  static final String ID_PREFIX = "card:";

  private static final Logger LOG = Logger.getLogger(WeComCardClicks.class);

  private WeComCardClicks() {}

  static boolean isClick(JsonNode body) {
    return "template_card_event".equals(body.path("event").path("eventtype").asText(""));
  }

  /** The event's field {@code name}: nested under template_card_event, else beside eventtype. */
  static String field(JsonNode event, String name) {
    JsonNode nested = event.path("template_card_event").path(name);
    if (nested.isTextual() && !nested.asText().isEmpty()) {
      return nested.asText();
    }
    JsonNode flat = event.path(name);
    return flat.isTextual() && !flat.asText().isEmpty() ? flat.asText() : null;
  }

  /** The click as the inbox's message, or null when it lacks a message id, a user or a key. */
  static Callback.Message message(BotSpec bot, JsonNode body) {
    String msgId = body.path("msgid").asText("");
    String from = body.path("from").path("userid").asText("");
    String key = field(body.path("event"), "event_key");
    if (msgId.isEmpty() || from.isEmpty() || key == null) {
      return null;
    }
    String id = ID_PREFIX + msgId;
    if (id.length() > 128) {
      return null;
    }
    String chat = body.hasNonNull("chatid") ? body.get("chatid").asText() : "u:" + from;
    IncomingMessage in = new IncomingMessage(Platform.WECOM, bot.id(), chat, from, null, key, id);
    return new Callback.Message(in, null, null, "", "text/plain");
  }

  /** Answers a click (on the stream's inbound thread) and replaces the clicked card. */
  static void click(
      BotSpec bot, WeComStream stream, Inbox inbox, JsonNode body, String reqId, Duration wait) {
    Callback.Message m = message(bot, body);
    if (m == null) {
      LOG.warnf("企业微信长连接：卡片点击缺少 msgid、userid 或按钮 key，已忽略（机器人 %s）", bot.id());
      return;
    }
    String answer;
    try {
      Inbox.Receipt r = inbox.receive(m);
      answer = r.answer() != null ? r.answer().text() : "这次点击已处理过，回复见群消息。";
    } catch (RuntimeException e) {
      LOG.warnf("保存企业微信卡片点击 %s 失败：%s", m.message().messageId(), Secrets.scrub(e.toString()));
      answer = "暂时无法处理，请稍后直接回复文字。";
    }
    String taskId = field(body.path("event"), "task_id");
    if (!WeComCards.validTaskId(taskId) || reqId.isEmpty()) {
      return; // nothing WeCom would take back: the reply still goes to the chat
    }
    Map<String, Object> update = new LinkedHashMap<>();
    update.put("response_type", "update_template_card");
    update.put("userids", List.of(m.message().senderId()));
    update.put("template_card", WeComCards.done(taskId, m.message().text(), answer));
    stream
        .call("aibot_respond_update_msg", reqId, update)
        .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (ack, error) -> {
              if (error != null) {
                stream.forget(reqId);
                LOG.warnf("企业微信长连接：卡片更新没有回执（机器人 %s）", bot.id());
              } else if (ack.path("errcode").asInt(-1) != 0) {
                LOG.warnf(
                    "企业微信长连接：卡片更新被拒绝（机器人 %s）：errcode %d", bot.id(), ack.path("errcode").asInt(-1));
              }
            });
  }
}
