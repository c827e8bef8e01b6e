package io.duban.chat;

import io.duban.chat.MediaFetcher.MediaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What every platform's {@link MediaFetcher} does the same way: read a download up to the limit and
 * refuse one byte more (a declared length over it is refused before reading), and say the limit in
 * words.
 */
public final class Downloads {
  private Downloads() {}

  /**
   * {@code head} (bytes already read, may be empty) and the rest of {@code in}, at most {@code
   * maxBytes} in all; {@code declared} the length the answer announced (negative: unknown).
   */
  public static byte[] read(byte[] head, InputStream in, long declared, long maxBytes)
      throws IOException, MediaException {
    if (declared > maxBytes || head.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(head);
    byte[] buf = new byte[8192];
    long total = head.length;
    int n;
    while ((n = in.read(buf, 0, (int) Math.min(buf.length, maxBytes + 1 - total))) > 0) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(maxBytes);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** The refusal of a file over the limit (not worth retrying). */
  public static MediaException tooLarge(long maxBytes) {
    return new MediaException("超过 " + size(maxBytes) + " 上限", false);
  }

  /** "20 MB", or "100 KB" below a megabyte. */
  public static String size(long bytes) {
    long mb = 1024 * 1024;
    return bytes >= mb ? (bytes / mb) + " MB" : Math.max(1, bytes / 1024) + " KB";
  }
}
