package io.duban.chat.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The JSON frames of DingTalk Stream mode (docs stream-and-cards.md; SDK {@code ProtocolResponse}):
 * {@code {"specVersion","type":"SYSTEM|EVENT|CALLBACK","headers":{"topic","messageId",
 * "contentType",...},"data":"<JSON as a string>"}} in, and the acknowledgement of each out.
 */
final class DingTalkFrames {
  /** The topic of a robot message (the same JSON as the HTTP callback's body). */
  static final String BOT_MESSAGE_TOPIC = "/v1.0/im/bot/messages/get";

  static final String PING = "ping";
  static final String DISCONNECT = "disconnect";

  /** A frame's type. */
  enum Type {
    SYSTEM,
    EVENT,
    CALLBACK,
    UNKNOWN
  }

  /** One received frame; {@code data} is the JSON text the frame carries as a string. */
  record Frame(Type type, String topic, String messageId, String data) {}

  private DingTalkFrames() {}

  /** The frame in {@code text}; null when it is not a JSON object. */
  static Frame parse(String text, ObjectMapper json) {
    JsonNode f;
    try {
      f = json.readTree(text);
    } catch (IOException e) {
      return null;
    }
    if (f == null || !f.isObject()) {
      return null;
    }
    Type type;
    try {
      type = Type.valueOf(f.path("type").asText(""));
    } catch (IllegalArgumentException e) {
      type = Type.UNKNOWN;
    }
    JsonNode h = f.path("headers");
    JsonNode data = f.get("data");
    return new Frame(
        type,
        h.path("topic").asText(""),
        h.hasNonNull("messageId") ? h.get("messageId").asText() : null,
        data == null || data.isNull() ? null : data.isTextual() ? data.asText() : data.toString());
  }

  /** The acknowledgement of a robot message once it is stored. */
  static String botMessageAck(String messageId, ObjectMapper json) {
    return ack(messageId, 200, "OK", "{\"response\":null}", json);
  }

  /** The acknowledgement of an event: {@code SUCCESS} (it would be redelivered otherwise). */
  static String eventAck(String messageId, ObjectMapper json) {
    return ack(messageId, 200, "OK", "{\"status\":\"SUCCESS\"}", json);
  }

  /** The answer to a SYSTEM ping: its own data echoed. */
  static String pong(String messageId, String data, ObjectMapper json) {
    return ack(messageId, 200, "OK", data == null ? "{}" : data, json);
  }

  /** A robot message that could not be stored (the SDK's answer to a failed handler). */
  static String failure(String messageId, ObjectMapper json) {
    return ack(messageId, 500, "client internal error", null, json);
  }

  private static String ack(
      String messageId, int code, String message, String data, ObjectMapper json) {
    ObjectNode a = json.createObjectNode();
    a.put("code", code);
    a.put("message", message);
    ObjectNode h = a.putObject("headers");
    h.put("messageId", messageId);
    h.put("contentType", "application/json");
    if (data != null) {
      a.put("data", data);
    }
    return a.toString();
  }
}
