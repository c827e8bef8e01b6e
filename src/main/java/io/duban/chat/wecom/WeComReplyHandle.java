package io.duban.chat.wecom;

import java.time.Duration;
import java.util.UUID;

/**
 * The reply handle of a message received over a 智能机器人's long connection: {@code ws:<req_id>},
 * followed by a space and the message's response_url when it has one (the fallback), stored with
 * the message and its reply like any other reply link.
 */
final class WeComReplyHandle {
  /** How long a message's req_id takes a reply: not documented; 5 min in community clients. */
  static final Duration REQ_ID_LIFETIME = Duration.ofMinutes(5);

  static final String PREFIX = "ws:";

  private WeComReplyHandle() {}

  /** The handle of a message received with {@code reqId}. */
  static String of(String reqId, String responseUrl) {
    return PREFIX + reqId + (responseUrl == null ? "" : " " + responseUrl);
  }

  /** The req_id in a reply handle, or null when it is not one of ours. */
  static String reqIdOf(String handle) {
    if (handle == null || !handle.startsWith(PREFIX)) {
      return null;
    }
    int space = handle.indexOf(' ');
    return handle.substring(PREFIX.length(), space < 0 ? handle.length() : space);
  }

  /** The response_url kept in a reply handle (the fallback), or the handle itself otherwise. */
  static String responseUrlOf(String handle) {
    if (handle == null || !handle.startsWith(PREFIX)) {
      return handle;
    }
    int space = handle.indexOf(' ');
    return space < 0 ? null : handle.substring(space + 1);
  }

  static String newReqId(String cmd) {
    return cmd
        + "_"
        + System.currentTimeMillis()
        + "_"
        + UUID.randomUUID().toString().substring(0, 8);
  }
}
