package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.Answer;
import io.duban.chat.BotSpec;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.Inbox;
import java.util.List;

/**
 * A click on one of Duban's cards ({@link FeishuCards}): the verified event {@code
 * card.action.trigger} (schema 2.0: {@code header.event_id}, {@code event.operator.open_id}, {@code
 * event.action.value} / {@code form_value}, {@code event.context.open_message_id} / {@code
 * open_chat_id}; open.feishu.cn feishu-cards/card-callback-communication), from the HTTP callback
 * or the long connection. A click is read as the text it stands for, typed by the operator (a
 * choice's text; for the report form "上报 <目标> <累计数>" with the figure as typed), under the message
 * id {@code card:<event_id>}, and goes through the inbox like any message: same pipeline, same
 * permissions, and a redelivered event is a duplicate that acts once. The reply goes to the chat
 * through the outbox like any reply (durable, retried); the answer to the callback, within Feishu's
 * 3 s, is only a toast with the reply's first line ({@code success}, {@code info}, or {@code error}
 * for a refusal) and, unless refused, the card again with "已选：…" and no buttons, so a used card
 * cannot act twice. A duplicate answers the toast "已处理" and leaves the card as it is.
 */
final class FeishuCardClicks {
  static final String EVENT_TYPE = "card.action.trigger";
  static final String NO_ANSWER = "{}";

  /** First lines that are the pipeline's refusals (shown as an error toast, the card kept). */
  static final List<String> REFUSALS =
      List.of("不负责", "无权", "没有权限", "没有找到", "不能", "未登记", "未注册", "失败", "抱歉");

  /** The longest toast (characters of the reply's first line). */
  static final int TOAST_CHARS = 60;

  private FeishuCardClicks() {}

  /** A click to store, with what the answered card shows. */
  record Click(Callback.Message message, String chosen, String shown) {}

  /** Either a click to store, or the answer at once (not one of Duban's clicks, an empty form). */
  record Reading(Click click, String answer) {}

  static boolean isClick(JsonNode event) {
    return EVENT_TYPE.equals(event.path("header").path("event_type").asText());
  }

  /** The click of a verified {@code card.action.trigger} event. */
  static Reading read(BotSpec bot, JsonNode event, ObjectMapper json) {
    JsonNode e = event.path("event");
    String eventId = event.path("header").path("event_id").asText("");
    String openId = e.path("operator").path("open_id").asText("");
    JsonNode action = e.path("action");
    JsonNode value = action.path("value");
    String kind = value.path("duban").asText("");
    if (eventId.isBlank() || eventId.length() > 120 || openId.isBlank()) {
      return new Reading(null, NO_ANSWER);
    }
    String text;
    String chosen;
    if (FeishuCards.TAP.equals(kind)) {
      text = oneLine(value.path("text").asText(""), 500);
      chosen = oneLine(value.path("label").asText(text), 100);
    } else if (FeishuCards.FORM.equals(kind)) {
      JsonNode form = action.path("form_value");
      String target = oneLine(form.path("target").asText(""), 100);
      String figure = oneLine(form.path("figure").asText(""), 50);
      if (target.isEmpty() || figure.isEmpty()) {
        return new Reading(null, toast(json, "error", "请选择目标并填写累计数").toString());
      }
      text = "上报 " + target + " " + figure;
      chosen = text;
    } else {
      return new Reading(null, NO_ANSWER); // not a card of Duban's
    }
    if (text.isEmpty()) {
      return new Reading(null, NO_ANSWER);
    }
    String messageId = "card:" + eventId;
    String card = e.path("context").path("open_message_id").asText(null);
    IncomingMessage in =
        new IncomingMessage(
            Platform.FEISHU, bot.id(), chat(value, e, openId), openId, null, text, messageId);
    Callback.Message m = new Callback.Message(in, card, null, NO_ANSWER, "application/json");
    String shown = value.path("shown").asText("");
    return new Reading(new Click(m, chosen, shown), null);
  }

  /**
   * The chat the click answers on: a 1:1 card carries {@code u:<open_id>} (as typed text there is
   * answered), accepted only for the operator's own; otherwise the card's chat.
   */
  private static String chat(JsonNode value, JsonNode e, String openId) {
    String sent = value.path("chat").asText("");
    if (sent.equals("u:" + openId)) {
      return sent;
    }
    String chat = e.path("context").path("open_chat_id").asText("");
    return chat.isBlank() ? "u:" + openId : chat;
  }

  /** The answer to the callback once the click is stored (or found stored before). */
  static String answer(Click click, Inbox.Receipt receipt, ObjectMapper json) {
    if (receipt.kind() != Inbox.Kind.STORED) {
      return toast(json, "info", "已处理").toString();
    }
    Answer a = receipt.answer();
    if (a == null) {
      // answering failed; the apology goes to the chat
      return toast(json, "error", "处理出错，答复将发到会话中").toString();
    }
    String first = firstLine(a.text());
    String type = toastType(first);
    ObjectNode out = toast(json, type, first.isEmpty() ? "已收到" : first);
    if (!"error".equals(type)) {
      out.putObject("card")
          .put("type", "raw")
          .set("data", FeishuCards.answered(json, click.shown(), click.chosen()));
    }
    return out.toString();
  }

  static String toastType(String firstLine) {
    for (String word : REFUSALS) {
      if (firstLine.contains(word)) {
        return "error";
      }
    }
    return firstLine.startsWith("已") ? "success" : "info";
  }

  static ObjectNode toast(ObjectMapper json, String type, String content) {
    ObjectNode out = json.createObjectNode();
    out.putObject("toast").put("type", type).put("content", content);
    return out;
  }

  private static String firstLine(String text) {
    String t = text == null ? "" : text.strip();
    int nl = t.indexOf('\n');
    String line = (nl < 0 ? t : t.substring(0, nl)).strip();
    return line.length() > TOAST_CHARS ? line.substring(0, TOAST_CHARS - 1) + "…" : line;
  }

  private static String oneLine(String s, int max) {
    String t = s.replaceAll("[\\t\\r\\n]+", " ").strip();
    return t.length() > max ? t.substring(0, max) : t;
  }
}
