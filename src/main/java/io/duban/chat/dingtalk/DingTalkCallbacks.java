package io.duban.chat.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.InboundFile;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a DingTalk enterprise robot's HTTP callback (docs/platforms.md §1.2): headers {@code
 * timestamp} (ms) and {@code sign} = Base64(HmacSHA256(app-secret, timestamp + "\n" + app-secret))
 * within the bot's window; a JSON body whose text content starts with the space left by the
 * removed @.
 */
public final class DingTalkCallbacks {
  static final String ACK = "{\"msgtype\":\"empty\"}";

  private DingTalkCallbacks() {}

  public static Callback read(
      BotSpec bot, String timestamp, String sign, byte[] body, Instant now, ObjectMapper json) {
    String secret = bot.value("app-secret").orElse(null);
    if (secret == null) {
      return new Callback.Refused(403, "机器人没有配置 app-secret，无法校验回调");
    }
    if (timestamp != null && timestamp.trim().length() > 20) {
      // epoch milliseconds have 13 digits; the pair (bot, timestamp) is stored, keep it short
      return new Callback.Refused(401, "timestamp 格式错误");
    }
    DingTalkSigner.Verification v =
        DingTalkSigner.verifyCallback(
            timestamp, sign, secret, now.toEpochMilli(), bot.timestampWindow());
    switch (v) {
      case OK -> {}
      case STALE -> {
        return new Callback.Refused(401, "时间戳超出允许范围");
      }
      case MISSING -> {
        return new Callback.Refused(401, "缺少 timestamp 或 sign 请求头");
      }
      case MALFORMED -> {
        return new Callback.Refused(401, "timestamp 或 sign 格式错误");
      }
      default -> {
        return new Callback.Refused(401, "签名不正确");
      }
    }
    JsonNode m;
    try {
      m = json.readTree(body);
    } catch (IOException e) {
      return new Callback.Refused(400, "请求体不是有效的 JSON");
    }
    // the sign covers only the timestamp: the inbox lets one message through per (bot, timestamp)
    return message(bot, m, now, timestamp.trim());
  }

  /**
   * The robot message JSON (the HTTP callback's body, or a Stream frame's data) as a message to
   * answer, or a refusal when it has no msgId. {@code signatureKey} is the webhook's timestamp,
   * null for Stream mode (the connection itself is authenticated).
   */
  static Callback message(BotSpec bot, JsonNode m, Instant now, String signatureKey) {
    if (m == null || !m.isObject() || !m.hasNonNull("msgId")) {
      return new Callback.Refused(400, "请求体缺少 msgId");
    }
    String msgId = m.get("msgId").asText();
    String sender = text(m, "senderStaffId");
    if (sender == null) {
      sender = text(m, "senderId");
    }
    String chat =
        "1".equals(text(m, "conversationType")) ? "u:" + sender : text(m, "conversationId");
    List<InboundFile> files = new ArrayList<>();
    String content = content(m, files);
    String session = text(m, "sessionWebhook");
    Instant expires =
        session == null
            ? null
            : DingTalkAdapter.sessionExpiry(m.path("sessionWebhookExpiredTime").asLong(0), now);
    IncomingMessage in =
        new IncomingMessage(
            Platform.DINGTALK,
            bot.id(),
            chat,
            sender,
            text(m, "senderNick"),
            content,
            msgId,
            files);
    return new Callback.Message(in, session, expires, ACK, "application/json", signatureKey);
  }

  /**
   * The message's text, and its pictures and files added to {@code files} (docs/attachments.md
   * §1.1): {@code text} as before; {@code picture} and {@code file} carry no text (null); {@code
   * richText} joins its text items (a space between neighbours, a line where a picture was) and
   * adds its pictures. The reference is the {@code downloadCode} (not pictureDownloadCode); a file
   * keeps its {@code fileName}. Any other type (audio, video) has neither.
   */
  static String content(JsonNode m, List<InboundFile> files) {
    String type = text(m, "msgtype");
    JsonNode c = m.path("content");
    if ("text".equals(type)) {
      return m.path("text").path("content").asText("");
    }
    if ("picture".equals(type)) {
      add(files, InboundFile.Kind.IMAGE, null, c);
      return null;
    }
    if ("file".equals(type)) {
      add(files, InboundFile.Kind.FILE, text(c, "fileName"), c);
      return null;
    }
    if (!"richText".equals(type)) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    String gap = "";
    for (JsonNode item : c.path("richText")) {
      if (item.hasNonNull("text")) {
        String part = item.get("text").asText("").strip();
        if (!part.isEmpty()) {
          sb.append(sb.length() == 0 ? "" : gap).append(part);
          gap = " ";
        }
      } else if ("picture".equals(text(item, "type"))) {
        add(files, InboundFile.Kind.IMAGE, null, item);
        gap = "\n";
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  private static void add(List<InboundFile> files, InboundFile.Kind kind, String name, JsonNode c) {
    String code = text(c, "downloadCode");
    if (code != null && files.size() < MAX_FILES) {
      files.add(new InboundFile(kind, name, code));
    }
  }

  /** Pictures taken from one rich text message (a message of dozens is not evidence). */
  static final int MAX_FILES = 20;

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }
}
