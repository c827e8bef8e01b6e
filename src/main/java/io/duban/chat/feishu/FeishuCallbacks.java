package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;

/**
 * Reads Feishu / Lark event callbacks (docs/platforms.md §3.2–3.3): {@code url_verification} (plain
 * or encrypted) answered with the challenge; with an Encrypt Key, {@code X-Lark-Signature} =
 * SHA256hex(timestamp + nonce + key + raw body bytes) and AES-256-CBC decryption; the verification
 * token; {@code im.message.receive_v1} messages, deduplicated by message_id: text, and pictures,
 * files and rich text ({@code image}, {@code file}, {@code post}) read by {@link FeishuContent},
 * whose files the evidence core downloads through {@link FeishuMedia}. The event part ({@link
 * #event}) is shared with the long connection ({@link FeishuStream}). Card callbacks ({@code
 * card.action.trigger}) are verified the same way ({@link #verify}) and answered by {@link
 * FeishuCardClicks}.
 */
public final class FeishuCallbacks {
  static final String ACK = "{}";

  private FeishuCallbacks() {}

  public static Callback read(
      BotSpec bot, Map<String, String> headers, byte[] rawBody, Instant now, ObjectMapper json) {
    Verified v = verify(bot, headers, rawBody, now, json);
    return v.answer() != null ? v.answer() : event(bot, v.event(), json);
  }

  /** A verified v2 event, or what to answer instead (a challenge, a refusal). */
  record Verified(JsonNode event, Callback answer) {
    static Verified answer(Callback answer) {
      return new Verified(null, answer);
    }
  }

  /**
   * Verifies a callback (challenge, decryption, signature, token); card callbacks ({@code
   * card.action.trigger}) are verified as events are, with the same token and Encrypt Key.
   */
  static Verified verify(
      BotSpec bot, Map<String, String> headers, byte[] rawBody, Instant now, ObjectMapper json) {
    String token = bot.value("token").orElse(null);
    String encryptKey = bot.value("encrypt-key").orElse(null);
    if (token == null) {
      return Verified.answer(new Callback.Refused(403, "机器人没有配置 token（Verification Token），无法校验回调"));
    }
    JsonNode outer;
    try {
      outer = json.readTree(rawBody);
    } catch (IOException e) {
      return Verified.answer(new Callback.Refused(400, "请求体不是有效的 JSON"));
    }
    if (outer == null || !outer.isObject()) {
      return Verified.answer(new Callback.Refused(400, "请求体不是 JSON 对象"));
    }
    JsonNode event = outer;
    boolean encrypted = outer.hasNonNull("encrypt");
    if (encryptKey != null && !encrypted) {
      return Verified.answer(new Callback.Refused(401, "已配置 Encrypt Key，但请求体没有加密"));
    }
    if (encrypted) {
      if (encryptKey == null) {
        return Verified.answer(new Callback.Refused(403, "请求体已加密，但机器人没有配置 encrypt-key"));
      }
      String plain;
      try {
        plain = FeishuCrypto.decrypt(encryptKey, outer.get("encrypt").asText());
        event = json.readTree(plain);
      } catch (FeishuCryptoException | IOException e) {
        return Verified.answer(new Callback.Refused(401, "密文无法解密"));
      }
      if (event == null || !event.isObject()) {
        return Verified.answer(new Callback.Refused(401, "解密后的内容不是 JSON 对象"));
      }
    }
    if ("url_verification".equals(event.path("type").asText())) {
      if (!constantEquals(token, event.path("token").asText(""))) {
        return Verified.answer(new Callback.Refused(403, "Verification Token 不符"));
      }
      return Verified.answer(
          new Callback.Challenge(
              "{\"challenge\":" + quote(json, event.path("challenge").asText("")) + "}",
              "application/json"));
    }
    if (encrypted) {
      Callback.Refused refused = checkSignature(bot, headers, rawBody, now, encryptKey);
      if (refused != null) {
        return Verified.answer(refused);
      }
    }
    JsonNode header = event.path("header");
    if (!constantEquals(token, header.path("token").asText(""))) {
      return Verified.answer(new Callback.Refused(403, "Verification Token 不符"));
    }
    return new Verified(event, null);
  }

  /**
   * A v2 event already verified (by the webhook's token and signature, or because it came over the
   * bot's own long connection): a message, or another event to acknowledge and ignore.
   */
  static Callback event(BotSpec bot, JsonNode event, ObjectMapper json) {
    String type = event.path("header").path("event_type").asText();
    if (!"im.message.receive_v1".equals(type)) {
      return new Callback.Ignored(ACK, "application/json", "其他事件：" + type);
    }
    return message(bot, event.path("event"), json);
  }

  /**
   * The signed headers of an encrypted callback: present, matching the body and within the bot's
   * timestamp window; {@code null} when all is well, else the refusal.
   */
  private static Callback.Refused checkSignature(
      BotSpec bot, Map<String, String> headers, byte[] rawBody, Instant now, String encryptKey) {
    String signature = header(headers, "X-Lark-Signature");
    String timestamp = header(headers, "X-Lark-Request-Timestamp");
    String nonce = header(headers, "X-Lark-Request-Nonce");
    if (signature == null || timestamp == null || nonce == null) {
      return new Callback.Refused(
          401, "缺少 X-Lark-Signature、X-Lark-Request-Timestamp 或 X-Lark-Request-Nonce");
    }
    if (!FeishuCrypto.verifyRequest(signature, timestamp, nonce, encryptKey, rawBody)) {
      return new Callback.Refused(401, "签名不正确");
    }
    try {
      long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp.trim()));
      if (skew > bot.timestampWindow().getSeconds()) {
        return new Callback.Refused(401, "时间戳超出允许范围");
      }
    } catch (NumberFormatException e) {
      return new Callback.Refused(401, "X-Lark-Request-Timestamp 格式错误");
    }
    return null;
  }

  /** An {@code im.message.receive_v1} event (its {@code event} object) as an incoming message. */
  private static Callback message(BotSpec bot, JsonNode event, ObjectMapper json) {
    JsonNode message = event.path("message");
    JsonNode sender = event.path("sender");
    String messageId = message.path("message_id").asText(null);
    String openId = sender.path("sender_id").path("open_id").asText(null);
    if (messageId == null || openId == null) {
      return new Callback.Refused(400, "消息缺少 message_id 或发送人");
    }
    if (!"user".equals(sender.path("sender_type").asText("user"))) {
      return new Callback.Ignored(ACK, "application/json", "机器人或应用发送的消息");
    }
    String chatType = message.path("chat_type").asText("");
    String chat = "p2p".equals(chatType) ? "u:" + openId : message.path("chat_id").asText(null);
    FeishuContent.Parsed content =
        FeishuContent.parse(
            message.path("message_type").asText(""),
            messageId,
            message.path("content").asText("{}"),
            json);
    IncomingMessage in =
        new IncomingMessage(
            Platform.FEISHU,
            bot.id(),
            chat,
            openId,
            null,
            content.text(),
            messageId,
            content.files());
    return new Callback.Message(in, messageId, null, ACK, "application/json");
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static boolean constantEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(ObjectMapper json, String s) {
    try {
      return json.writeValueAsString(s);
    } catch (IOException e) {
      return "\"\"";
    }
  }
}
