package io.duban.chat.feishu;

import java.util.ArrayList;
import java.util.List;

/**
 * One frame of the Feishu long connection (protobuf {@code pbbp2.Frame}, docs/stream-and-cards.md):
 * method 0 is a control frame (ping, pong), 1 a data frame (event, card); {@code headers} keep
 * their order and may repeat a key.
 */
record FeishuFrame(
    long seqId,
    long logId,
    int service,
    int method,
    List<Header> headers,
    String payloadEncoding,
    String payloadType,
    byte[] payload,
    String logIdNew) {
  static final int CONTROL = 0;
  static final int DATA = 1;

  /** One {@code pbbp2.Header}. */
  record Header(String key, String value) {}

  FeishuFrame {
    headers = List.copyOf(headers);
    payloadEncoding = payloadEncoding == null ? "" : payloadEncoding;
    payloadType = payloadType == null ? "" : payloadType;
    logIdNew = logIdNew == null ? "" : logIdNew;
  }

  /** The ping the client sends every PingInterval: a control frame for the URL's service id. */
  static FeishuFrame ping(int service) {
    return new FeishuFrame(
        0, 0, service, CONTROL, List.of(new Header("type", "ping")), "", "", null, "");
  }

  /** The first value of a header, or null. */
  String header(String key) {
    for (Header h : headers) {
      if (h.key().equals(key)) {
        return h.value();
      }
    }
    return null;
  }

  /** A header read as a number; {@code fallback} when absent or not a number. */
  int intHeader(String key, int fallback) {
    String v = header(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** This frame sent back as its ack: same ids and headers plus one, another payload. */
  FeishuFrame answer(String key, String value, byte[] newPayload) {
    List<Header> h = new ArrayList<>(headers);
    h.add(new Header(key, value));
    return new FeishuFrame(
        seqId, logId, service, method, h, payloadEncoding, payloadType, newPayload, logIdNew);
  }
}
