package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Reads WeCom callbacks (docs/platforms.md §2.2–2.5): URL verification (GET with echostr) and POSTs
 * whose {@code Encrypt} carries either a self-built app's XML message (receiveId = corpid) or a
 * 智能机器人's JSON message (receiveId empty); SHA1 signature over token, timestamp, nonce and Encrypt;
 * AES-256-CBC with 32-byte PKCS#7; the receiveId checked.
 */
public final class WeComCallbacks {
  /** 智能机器人 response_url lifetime: not documented; assumed one hour (UNVERIFIED). */
  static final Duration RESPONSE_URL_LIFETIME = Duration.ofHours(1);

  private WeComCallbacks() {}

  static WeComCrypto crypto(BotSpec bot) {
    return new WeComCrypto(
        bot.value("token").orElseThrow(),
        bot.value("encoding-aes-key").orElseThrow(),
        bot.valueOr("receive-id", ""));
  }

  static Callback.Refused notConfigured(BotSpec bot) {
    return bot.value("token").isEmpty() || bot.value("encoding-aes-key").isEmpty()
        ? new Callback.Refused(403, "机器人没有配置 token 和 encoding-aes-key，无法校验回调")
        : null;
  }

  /** GET: verify and answer the decrypted echostr as the raw body. */
  public static Callback verifyUrl(
      BotSpec bot, String signature, String timestamp, String nonce, String echostr, Instant now) {
    Callback.Refused refused = notConfigured(bot);
    if (refused != null) {
      return refused;
    }
    if (signature == null || timestamp == null || nonce == null || echostr == null) {
      return new Callback.Refused(401, "缺少 msg_signature、timestamp、nonce 或 echostr");
    }
    Callback.Refused stale = stale(bot, timestamp, now);
    if (stale != null) {
      return stale;
    }
    // a literal '+' decoded to a space by a proxy breaks the Base64 (docs/platforms.md §6.3)
    String echo = echostr.replace(' ', '+');
    try {
      return new Callback.Challenge(
          crypto(bot).verifyUrl(signature, timestamp, nonce, echo), "text/plain");
    } catch (WeComCryptoException e) {
      return refusal(e);
    }
  }

  /** POST: an app XML message or a 智能机器人 JSON message. */
  public static Callback read(
      BotSpec bot,
      String signature,
      String timestamp,
      String nonce,
      byte[] body,
      Instant now,
      ObjectMapper json) {
    return readAll(bot, signature, timestamp, nonce, body, now, json).callback();
  }

  /** What a POST amounted to, and the decrypted fields of an app's XML (empty otherwise). */
  record Read(Callback callback, Map<String, String> app) {
    Read(Callback callback) {
      this(callback, Map.of());
    }
  }

  static Read readAll(
      BotSpec bot,
      String signature,
      String timestamp,
      String nonce,
      byte[] body,
      Instant now,
      ObjectMapper json) {
    Callback.Refused refused = notConfigured(bot);
    if (refused != null) {
      return new Read(refused);
    }
    if (signature == null || timestamp == null || nonce == null) {
      return new Read(new Callback.Refused(401, "缺少 msg_signature、timestamp 或 nonce"));
    }
    Callback.Refused stale = stale(bot, timestamp, now);
    if (stale != null) {
      return new Read(stale);
    }
    String raw = new String(body, StandardCharsets.UTF_8).trim();
    boolean jsonBody = raw.startsWith("{");
    String encrypt;
    try {
      if (jsonBody) {
        JsonNode node = json.readTree(raw);
        encrypt = node.path("encrypt").asText(null);
      } else {
        encrypt = WeComCrypto.parseXml(raw).get("Encrypt");
      }
    } catch (IOException | WeComCryptoException e) {
      return new Read(new Callback.Refused(400, "请求体格式无法识别"));
    }
    if (encrypt == null || encrypt.isEmpty()) {
      return new Read(new Callback.Refused(400, "请求体缺少 Encrypt"));
    }
    WeComCrypto crypto = crypto(bot);
    if (!crypto.verify(signature, timestamp, nonce, encrypt)) {
      return new Read(new Callback.Refused(401, "签名不正确"));
    }
    String plain;
    try {
      plain = crypto.decrypt(encrypt);
    } catch (WeComCryptoException e) {
      return new Read(refusal(e));
    }
    if (jsonBody) {
      return new Read(aiBot(bot, plain, now, json));
    }
    Map<String, String> m;
    try {
      m = WeComCrypto.parseXml(plain);
    } catch (WeComCryptoException e) {
      return new Read(new Callback.Refused(400, "解密后的内容不是有效的 XML"));
    }
    return new Read(app(bot, m), m);
  }

  private static Callback app(BotSpec bot, Map<String, String> m) {
    String type = m.get("MsgType");
    if ("event".equals(type) && WeComAppClicks.EVENT.equals(m.get("Event"))) {
      return WeComAppClicks.message(bot, m);
    }
    String msgId = m.get("MsgId");
    String from = m.get("FromUserName");
    if (msgId == null || from == null || "event".equals(type)) {
      return new Callback.Ignored("success", "text/plain", "事件或没有 MsgId 的消息");
    }
    String text = "text".equals(type) ? m.getOrDefault("Content", "") : null;
    IncomingMessage in =
        new IncomingMessage(
            Platform.WECOM, bot.id(), "u:" + from, from, null, text, msgId, WeComFiles.app(m));
    return new Callback.Message(in, null, null, "success", "text/plain");
  }

  private static Callback aiBot(BotSpec bot, String plain, Instant now, ObjectMapper json) {
    JsonNode m;
    try {
      m = json.readTree(plain);
    } catch (IOException e) {
      return new Callback.Refused(400, "解密后的内容不是有效的 JSON");
    }
    return aiBotMessage(bot, m, null, now);
  }

  /**
   * A 智能机器人 message body (decrypted callback, or the long connection's {@code aibot_msg_callback}
   * body) as the inbox's message. Over the connection the reply goes with the frame's {@code
   * req_id}: the reply handle is then {@code ws:<req_id>}, followed by a space and the response_url
   * when the body has one (the fallback once the req_id is stale).
   */
  static Callback aiBotMessage(BotSpec bot, JsonNode m, String reqId, Instant now) {
    String msgId = m.path("msgid").asText(null);
    String from = m.path("from").path("userid").asText(null);
    if (msgId == null || from == null) {
      return new Callback.Ignored("", "text/plain", "没有 msgid 的回调");
    }
    String chat = m.hasNonNull("chatid") ? m.get("chatid").asText() : "u:" + from;
    WeComFiles.Parsed parsed = WeComFiles.aiBot(m);
    String responseUrl = m.path("response_url").asText(null);
    IncomingMessage in =
        new IncomingMessage(
            Platform.WECOM, bot.id(), chat, from, null, parsed.text(), msgId, parsed.files());
    if (reqId != null) {
      String handle = WeComReplyHandle.of(reqId, responseUrl);
      return new Callback.Message(
          in,
          handle,
          now.plus(responseUrl == null ? WeComReplyHandle.REQ_ID_LIFETIME : RESPONSE_URL_LIFETIME),
          "",
          "text/plain");
    }
    return new Callback.Message(
        in,
        responseUrl,
        responseUrl == null ? null : now.plus(RESPONSE_URL_LIFETIME),
        "",
        "text/plain");
  }

  private static Callback.Refused stale(BotSpec bot, String timestamp, Instant now) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return new Callback.Refused(401, "timestamp 格式错误");
    }
    long skew = Math.abs(now.getEpochSecond() - seconds);
    return skew > bot.timestampWindow().getSeconds()
        ? new Callback.Refused(401, "时间戳超出允许范围")
        : null;
  }

  private static Callback.Refused refusal(WeComCryptoException e) {
    return switch (e.reason()) {
      case RECEIVE_ID_MISMATCH -> new Callback.Refused(403, "receiveId 不符");
      case BAD_SIGNATURE -> new Callback.Refused(401, "签名不正确");
      default -> new Callback.Refused(401, "密文无法解密（" + e.reason() + "）");
    };
  }
}
