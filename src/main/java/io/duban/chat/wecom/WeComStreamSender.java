package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.JsonPost;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.SendResult;
import io.duban.chat.stream.StreamConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/**
 * Sends a stream-mode 智能机器人's messages over its connection: a reply to a message received there
 * goes as {@code aibot_respond_msg} with that message's req_id (a finished {@code stream} message,
 * Markdown, ≤ 20,480 bytes: the SDK's text reply); anything else, and a reply whose req_id WeCom no
 * longer takes (846605, 846608: e.g. after a reconnect), as {@code aibot_send_msg} with Markdown to
 * the chat; with choices to offer, as template cards ({@link #replyBody}, {@link #pushBodies}).
 * Each waits for the ack with the same req_id; no ack in time is retried, an errcode other than 0
 * is classified like the HTTP API's.
 */
@ApplicationScoped
public class WeComStreamSender {
  /** aibot_respond_msg stream content limit (SDK: 20480 bytes), less room for mentions. */
  static final int REPLY_MAX_BYTES = 20480 - 480;

  static final Set<Integer> STALE_REQ_ID = Set.of(846605, 846608);

  private static final Logger LOG = Logger.getLogger(WeComStreamSender.class);

  @Inject StreamConnections connections;
  @Inject WeComStreamFactory factory;
  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Clock wall;

  /** An ack's errcode and errmsg, or why there was none. */
  record Ack(int code, String message, SendResult failure) {}

  int maxBytes(OutgoingMessage m) {
    return fresh(m) ? REPLY_MAX_BYTES : WeComAdapter.MARKDOWN_MAX_BYTES - 200;
  }

  private boolean fresh(OutgoingMessage m) {
    return WeComReplyHandle.reqIdOf(m.replyWebhook()) != null
        && m.replyExpiresAt() != null
        && m.replyExpiresAt().isAfter(wall.instant());
  }

  SendResult send(BotSpec bot, OutgoingMessage m) {
    Optional<WeComStream> client =
        connections
            .client(bot.id())
            .filter(WeComStream.class::isInstance)
            .map(WeComStream.class::cast);
    if (client.isEmpty() || !client.get().connected()) {
      String url = WeComReplyHandle.responseUrlOf(m.replyWebhook());
      if (fresh(m) && url != null && WeComAdapter.hostAllowed(bot, url)) {
        return WeComAdapter.LADDER.classify(
            JsonPost.post(http, json, url, WeComAdapter.markdownBody(m), Map.of()), () -> {});
      }
      return SendResult.retry(
          client.isPresent() && client.get().takenOver() ? "企业微信长连接已被另一个连接接管" : "企业微信长连接未建立");
    }
    if (fresh(m)) {
      String reqId = WeComReplyHandle.reqIdOf(m.replyWebhook());
      Ack ack = await(client.get(), "aibot_respond_msg", reqId, replyBody(m));
      if (ack.failure() != null || !STALE_REQ_ID.contains(ack.code())) {
        return result(ack);
      }
      // the req_id is no longer taken: the reply goes as a message to the chat
    }
    if (m.chatId() == null) {
      return SendResult.permanent("长连接机器人主动发送需要群 id（路由写成 {bot: 机器人编号, chat: 群 id}）");
    }
    List<Map<String, Object>> pushes = pushBodies(m);
    SendResult first = push(client.get(), pushes.get(0));
    if (pushes.size() > 1 && first.outcome() == SendResult.Outcome.SENT) {
      // the buttons' own card, after the text: the text is out, so a failure here is only logged
      SendResult card = push(client.get(), pushes.get(1));
      if (card.outcome() != SendResult.Outcome.SENT) {
        LOG.warnf("企业微信长连接：按钮卡片未发出（机器人 %s）：%s", bot.id(), card.error());
      }
    }
    return first;
  }

  private SendResult push(WeComStream client, Map<String, Object> body) {
    return result(
        await(client, "aibot_send_msg", WeComReplyHandle.newReqId("aibot_send_msg"), body));
  }

  private Ack await(WeComStream client, String cmd, String reqId, Object body) {
    try {
      JsonNode frame =
          client.call(cmd, reqId, body).get(factory.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new Ack(frame.path("errcode").asInt(-1), frame.path("errmsg").asText(""), null);
    } catch (TimeoutException e) {
      client.forget(reqId);
      return new Ack(-1, "", SendResult.retry("企业微信长连接：" + cmd + " 没有在时限内收到回执"));
    } catch (ExecutionException e) {
      return new Ack(-1, "", SendResult.retry(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ack(-1, "", SendResult.retry("发送被中断"));
    }
  }

  private static SendResult result(Ack ack) {
    return ack.failure() != null
        ? ack.failure()
        : WeComAdapter.LADDER.result(ack.code(), ack.message(), () -> {});
  }

  /**
   * A finished stream message: the SDK's way to answer a message with Markdown text. With choices
   * to offer: a {@code template_card} carrying the whole text when it fits the card, else the SDK's
   * {@code stream_with_template_card} (the text as the stream, the buttons in a short card).
   */
  static Map<String, Object> replyBody(OutgoingMessage m) {
    if (WeComCards.offers(m) && WeComCards.fits(m)) {
      return cardBody(null, WeComCards.textCard(m));
    }
    Map<String, Object> stream = new LinkedHashMap<>();
    stream.put("id", "duban-" + UUID.randomUUID());
    stream.put("finish", true);
    stream.put("content", content(m));
    Map<String, Object> body = new LinkedHashMap<>();
    if (WeComCards.offers(m)) {
      body.put("msgtype", "stream_with_template_card");
      body.put("stream", stream);
      body.put("template_card", WeComCards.pickCard(m));
    } else {
      body.put("msgtype", "stream");
      body.put("stream", stream);
    }
    return body;
  }

  /**
   * The pushes for a message: one Markdown message, or with choices a {@code template_card} that
   * carries the whole text when it fits, else the Markdown followed by a short card of buttons.
   */
  static List<Map<String, Object>> pushBodies(OutgoingMessage m) {
    if (!WeComCards.offers(m)) {
      return List.of(pushBody(m));
    }
    if (WeComCards.fits(m)) {
      return List.of(cardBody(chatOf(m), WeComCards.textCard(m)));
    }
    return List.of(pushBody(m), cardBody(chatOf(m), WeComCards.pickCard(m)));
  }

  private static Map<String, Object> cardBody(String chatId, Map<String, Object> card) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (chatId != null) {
      body.put("chatid", chatId);
    }
    body.put("msgtype", "template_card");
    body.put("template_card", card);
    return body;
  }

  private static String chatOf(OutgoingMessage m) {
    return m.chatId().startsWith("u:") ? m.chatId().substring(2) : m.chatId();
  }

  /** A push: single chats by the user's id ("u:" stripped), groups by chatid. */
  static Map<String, Object> pushBody(OutgoingMessage m) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chatid", chatOf(m));
    body.put("msgtype", "markdown");
    body.put("markdown", Map.of("content", content(m)));
    return body;
  }

  @SuppressWarnings("unchecked")
  private static String content(OutgoingMessage m) {
    return ((Map<String, Object>) WeComAdapter.markdownBody(m).get("markdown"))
        .get("content")
        .toString();
  }
}
