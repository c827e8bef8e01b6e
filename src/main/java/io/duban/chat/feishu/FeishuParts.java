package io.duban.chat.feishu;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a data frame split into parts ({@code sum > 1}) back together by {@code message_id}, parts
 * numbered by {@code seq} from 0. Bounded: parts of a message incomplete after {@link #ttlNanos}
 * are dropped (Feishu sends it again, unacknowledged), as are the oldest when too many messages are
 * open at once or a message grows too large.
 */
final class FeishuParts {
  static final int MAX_PARTS = 64;
  static final int MAX_OPEN = 64;
  static final int MAX_BYTES = 8 * 1024 * 1024;

  private final long ttlNanos;
  private final Map<String, Open> open = new LinkedHashMap<>();

  private static final class Open {
    final byte[][] parts;
    final long startedAt;
    int bytes;

    Open(int sum, long startedAt) {
      this.parts = new byte[sum][];
      this.startedAt = startedAt;
    }
  }

  FeishuParts(long ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  /**
   * The whole payload once its last part arrives, else null (kept, or refused: a part that does not
   * fit its message is dropped with the message).
   */
  synchronized byte[] add(String messageId, int sum, int seq, byte[] part, long now) {
    expire(now);
    if (messageId == null || sum < 2 || sum > MAX_PARTS || seq < 0 || seq >= sum) {
      return null;
    }
    Open o = open.get(messageId);
    if (o == null || o.parts.length != sum) {
      if (open.size() >= MAX_OPEN) {
        Iterator<String> oldest = open.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      o = new Open(sum, now);
      open.put(messageId, o);
    }
    byte[] p = part == null ? new byte[0] : part;
    o.bytes += p.length - (o.parts[seq] == null ? 0 : o.parts[seq].length);
    o.parts[seq] = p;
    if (o.bytes > MAX_BYTES) {
      open.remove(messageId);
      return null;
    }
    for (byte[] x : o.parts) {
      if (x == null) {
        return null;
      }
    }
    open.remove(messageId);
    ByteArrayOutputStream whole = new ByteArrayOutputStream(o.bytes);
    for (byte[] x : o.parts) {
      whole.write(x, 0, x.length);
    }
    return whole.toByteArray();
  }

  /** Messages waiting for parts (tests). */
  synchronized int open() {
    return open.size();
  }

  private void expire(long now) {
    open.values().removeIf(o -> now - o.startedAt > ttlNanos);
  }
}
