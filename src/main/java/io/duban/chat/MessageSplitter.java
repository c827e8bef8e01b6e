package io.duban.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits long outgoing text into parts that each fit a platform's UTF-8 byte limit, preferring line
 * boundaries.
 *
 * <p>Limits are in UTF-8 bytes because the platforms count bytes (WeCom text 2048 B and markdown
 * 4096 B; DingTalk OpenAPI msgParam 15,000 B; Chinese is 3 bytes per character). Joining the parts
 * gives the original text back: a part that ends at a line break is followed by the {@code '\n'}
 * that was removed there, a part cut inside an over-long line by nothing.
 *
 * <p>Blank lines travel with the next non-blank line, and blank lines at the very end with the last
 * one, so no part consists only of line breaks unless the text itself has a run of line breaks
 * about as long as the limit.
 */
public final class MessageSplitter {

  /** The smallest limit that still fits every code point (4 UTF-8 bytes). */
  public static final int MIN_LIMIT = 4;

  private MessageSplitter() {}

  /**
   * Splits {@code text} into non-empty parts of at most {@code maxUtf8Bytes} UTF-8 bytes each.
   *
   * <p>Lines are kept whole and packed greedily; only a line longer than the limit is cut, at a
   * code-point boundary (never inside a surrogate pair or a character's UTF-8 bytes). The empty
   * text gives an empty list.
   *
   * @throws IllegalArgumentException if {@code maxUtf8Bytes} is below {@link #MIN_LIMIT}
   */
  public static List<String> split(String text, int maxUtf8Bytes) {
    List<Part> parts = splitParts(text, maxUtf8Bytes);
    List<String> out = new ArrayList<>(parts.size());
    for (Part part : parts) {
      out.add(part.text());
    }
    return out;
  }

  /**
   * Returns the number of bytes {@code s} takes in UTF-8; an unpaired surrogate counts as 3, the
   * most any encoder writes for it.
   */
  public static int utf8Length(CharSequence s) {
    Objects.requireNonNull(s, "s");
    return utf8Length(s, 0, s.length());
  }

  /** One part and whether a {@code '\n'} of the original text follows it. */
  record Part(String text, boolean lineBreakAfter) {}

  static List<Part> splitParts(String text, int maxUtf8Bytes) {
    Objects.requireNonNull(text, "text");
    if (maxUtf8Bytes < MIN_LIMIT) {
      throw new IllegalArgumentException("maxUtf8Bytes must be at least " + MIN_LIMIT);
    }
    List<Part> parts = new ArrayList<>();
    if (text.isEmpty()) {
      return parts;
    }
    new Packer(text, maxUtf8Bytes, parts).run();
    return parts;
  }

  /** Greedy packing of units (ranges of the text separated by exactly one {@code '\n'}). */
  private static final class Packer {
    private final String text;
    private final int max;
    private final List<Part> out;
    private int curStart = -1;
    private int curEnd;
    private int curBytes;

    Packer(String text, int max, List<Part> out) {
      this.text = text;
      this.max = max;
      this.out = out;
    }

    void run() {
      int n = text.length();
      int lastContent = n - 1;
      while (lastContent >= 0 && text.charAt(lastContent) == '\n') {
        lastContent--;
      }
      if (lastContent < 0) {
        addUnit(0, n);
      } else {
        int unitStart = 0;
        int pos = 0;
        while (true) {
          int nl = text.indexOf('\n', pos);
          int lineEnd = nl < 0 ? n : nl;
          if (lineEnd > pos) {
            if (lineEnd > lastContent) {
              addUnit(unitStart, n);
              break;
            }
            addUnit(unitStart, lineEnd);
            unitStart = lineEnd + 1;
          }
          pos = lineEnd + 1;
        }
      }
      if (curStart >= 0) {
        out.add(new Part(text.substring(curStart, curEnd), false));
      }
    }

    private void addUnit(int start, int end) {
      int bytes = utf8Length(text, start, end);
      if (curStart >= 0) {
        if ((long) curBytes + 1 + bytes <= max) {
          curEnd = end;
          curBytes += 1 + bytes;
          return;
        }
        out.add(new Part(text.substring(curStart, curEnd), true));
        curStart = -1;
      }
      if (bytes <= max) {
        curStart = start;
        curEnd = end;
        curBytes = bytes;
      } else {
        cutLongUnit(start, end);
      }
    }

    /** Cuts an over-long unit at code points; the last piece stays open for packing. */
    private void cutLongUnit(int start, int end) {
      int tailStart = end;
      // Trailing line breaks (only on the last unit) keep the last character company.
      if (text.charAt(end - 1) == '\n') {
        int p = end;
        while (p > start && text.charAt(p - 1) == '\n') {
          p--;
        }
        if (p > start) {
          p =
              Character.isLowSurrogate(text.charAt(p - 1))
                      && p - 2 >= start
                      && Character.isHighSurrogate(text.charAt(p - 2))
                  ? p - 2
                  : p - 1;
          if (utf8Length(text, p, end) <= max) {
            tailStart = p;
          }
        }
      }
      int i = start;
      while (i < tailStart) {
        int j = i;
        int bytes = 0;
        while (j < tailStart) {
          int cpLen =
              Character.isHighSurrogate(text.charAt(j))
                      && j + 1 < tailStart
                      && Character.isLowSurrogate(text.charAt(j + 1))
                  ? 2
                  : 1;
          int cpBytes = utf8Length(text, j, j + cpLen);
          if (bytes + cpBytes > max) {
            break;
          }
          bytes += cpBytes;
          j += cpLen;
        }
        if (j < tailStart) {
          out.add(new Part(text.substring(i, j), false));
        } else {
          curStart = i;
          curEnd = j;
          curBytes = bytes;
        }
        i = j;
      }
      if (tailStart < end) {
        int tailBytes = utf8Length(text, tailStart, end);
        if (curStart >= 0 && curBytes + tailBytes <= max) {
          curEnd = end;
          curBytes += tailBytes;
        } else {
          if (curStart >= 0) {
            out.add(new Part(text.substring(curStart, curEnd), false));
          }
          curStart = tailStart;
          curEnd = end;
          curBytes = tailBytes;
        }
      }
    }
  }

  private static int utf8Length(CharSequence s, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
