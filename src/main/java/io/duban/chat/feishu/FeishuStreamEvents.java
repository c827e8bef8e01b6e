package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.BotSpec;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.outbox.Secrets;
import io.duban.chat.stream.ConnectionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * What one complete data frame of the long connection amounts to, as the payload of its ack: an
 * event is read like the webhook's (the same {@link Callback}) and a message stored in the inbox
 * before the ack says 200; if storing fails even after a few tries the ack says 500 and Feishu
 * delivers it again. The ack payload is {@code {"code":200,"headers":{},"data":"<base64 of the
 * answer JSON>"}} (larksuite/oapi-sdk-go ws/model.go: {@code Response}, data a byte slice). A card
 * click's answer (toast, updated card) goes in that data.
 */
final class FeishuStreamEvents {
  static final int STORE_ATTEMPTS = 3;
  private static final Logger LOG = Logger.getLogger(FeishuStreamEvents.class);
  private static final String NO_ANSWER = "{}";

  private final BotSpec bot;
  private final ConnectionStatus status;
  private final Inbox inbox;
  private final ObjectMapper json;

  /** Pause between two tries to store a message (tests shorten it). */
  long retryPauseMillis = 200;

  FeishuStreamEvents(BotSpec bot, ConnectionStatus status, Inbox inbox, ObjectMapper json) {
    this.bot = bot;
    this.status = status;
    this.inbox = inbox;
    this.json = json;
  }

  /** The ack payload for a frame of header type {@code type} (event or card). */
  byte[] answer(String type, byte[] payload) {
    JsonNode event;
    try {
      event = json.readTree(payload);
    } catch (IOException e) {
      event = null;
    }
    if (event == null || !event.isObject()) {
      // another delivery of the same bytes would not read better: acknowledge it
      LOG.warnf("飞书长连接收到无法解析的事件（机器人 %s），已确认并忽略", bot.id());
      return ack(200, NO_ANSWER);
    }
    if (FeishuCardClicks.isClick(event)) {
      return click(event);
    }
    if ("card".equals(type)) {
      return ack(200, NO_ANSWER); // another card callback: nothing of Duban's
    }
    Callback callback = FeishuCallbacks.event(bot, event, json);
    if (callback instanceof Callback.Ignored ignored) {
      return ack(200, ignored.ack());
    }
    if (!(callback instanceof Callback.Message m)) {
      String why = callback instanceof Callback.Refused r ? r.reason() : callback.toString();
      LOG.warnf("飞书长连接的事件无法处理（机器人 %s）：%s；已确认并忽略", bot.id(), why);
      return ack(200, NO_ANSWER);
    }
    String id = m.message().messageId();
    if (id.isBlank() || id.length() > 128) {
      LOG.warnf("飞书长连接的消息 ID 缺失或过长（机器人 %s），已确认并忽略", bot.id());
      return ack(200, NO_ANSWER);
    }
    return store(m) != null ? ack(200, m.ack()) : ack(500, NO_ANSWER);
  }

  /**
   * A card click (frame type {@code card}, payload {@code card.action.trigger}): stored and
   * answered through the inbox like a typed message, its reply to the chat through the outbox; the
   * ack's data is the toast and the updated card ({@link FeishuCardClicks}).
   */
  private byte[] click(JsonNode event) {
    FeishuCardClicks.Reading r = FeishuCardClicks.read(bot, event, json);
    if (r.click() == null) {
      return ack(200, r.answer());
    }
    Inbox.Receipt receipt = store(r.click().message());
    if (receipt == null) {
      return ack(500, NO_ANSWER);
    }
    return ack(200, FeishuCardClicks.answer(r.click(), receipt, json));
  }

  /** Stores and answers the message (committed when it returns its receipt), else null. */
  private Inbox.Receipt store(Callback.Message m) {
    for (int attempt = 1; ; attempt++) {
      try {
        Inbox.Receipt r = inbox.receive(m);
        return r != null ? r : new Inbox.Receipt(Inbox.Kind.STORED);
      } catch (RuntimeException e) {
        if (attempt >= STORE_ATTEMPTS) {
          status.unstoredMessage();
          LOG.errorf(
              "无法保存飞书长连接消息（机器人 %s，%s）：%s；已回复 500，飞书会重发",
              bot.id(), m.message().messageId(), Secrets.scrub(e.toString()));
          return null;
        }
      }
      try {
        Thread.sleep(retryPauseMillis * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        status.unstoredMessage();
        return null;
      }
    }
  }

  private byte[] ack(int code, String answer) {
    ObjectNode a = json.createObjectNode();
    a.put("code", code);
    a.putObject("headers");
    a.put("data", Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8)));
    return a.toString().getBytes(StandardCharsets.UTF_8);
  }
}
