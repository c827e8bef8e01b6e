package io.duban.chat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name in a download's {@code Content-Disposition} header, for every platform's {@link
 * MediaFetcher} (as the Feishu SDK reads it, docs/attachments.md §2.2): {@code
 * filename*=UTF-8''%E5%8F%B0…} (RFC 5987) first, else {@code filename="…"} (quoted or not,
 * percent-escaped or RFC 2047 {@code =?UTF-8?B?…?=} / {@code ?Q?}). Only the last path segment is
 * kept, control characters are dropped; null when there is none.
 */
public final class DispositionNames {
  private static final Pattern EXTENDED =
      Pattern.compile("(?i)(?:^|;)\\s*filename\\*\\s*=\\s*([^';]*)'[^']*'([^;]*)");
  private static final Pattern PLAIN =
      Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;]*)");
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");
  private static final Pattern ESCAPED = Pattern.compile("%[0-9A-Fa-f]{2}");

  private DispositionNames() {}

  public static String fromDisposition(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Matcher ext = EXTENDED.matcher(header);
    if (ext.find()) {
      String name =
          percentDecoded(ext.group(2).trim(), charset(ext.group(1), StandardCharsets.UTF_8));
      if (name != null) {
        return clean(name);
      }
    }
    Matcher plain = PLAIN.matcher(header);
    if (!plain.find()) {
      return null;
    }
    String raw =
        plain.group(2) != null ? plain.group(2).replaceAll("\\\\(.)", "$1") : plain.group(1).trim();
    if (ENCODED_WORD.matcher(raw).find()) {
      raw = encodedWords(raw);
    } else if (ESCAPED.matcher(raw).find() && raw.chars().allMatch(ch -> ch < 128)) {
      String decoded = percentDecoded(raw, StandardCharsets.UTF_8);
      raw = decoded != null ? decoded : raw;
    }
    return clean(raw);
  }

  /** {@code %XX} escapes decoded in this charset ("+" stays); null when malformed. */
  private static String percentDecoded(String s, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(charset);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(charset);
  }

  /** RFC 2047 encoded words decoded, the rest left as it is. */
  private static String encodedWords(String s) {
    Matcher m = ENCODED_WORD.matcher(s);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String between = s.substring(last, m.start());
      // whitespace between two encoded words is not part of the name
      if (last == 0 || !between.isBlank()) {
        out.append(between);
      }
      Charset cs = charset(m.group(1), StandardCharsets.UTF_8);
      try {
        if (m.group(2).equalsIgnoreCase("B")) {
          out.append(new String(Base64.getDecoder().decode(m.group(3)), cs));
        } else {
          String q = percentDecoded(m.group(3).replace('_', ' ').replace('=', '%'), cs);
          out.append(q != null ? q : m.group());
        }
      } catch (IllegalArgumentException e) {
        out.append(m.group());
      }
      last = m.end();
    }
    return out.append(s.substring(last)).toString();
  }

  private static Charset charset(String name, Charset fallback) {
    try {
      return name == null || name.isBlank()
          ? fallback
          : Charset.forName(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }

  private static String clean(String name) {
    String n = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    StringBuilder sb = new StringBuilder();
    n.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(sb::appendCodePoint);
    String s = sb.toString().strip();
    return s.isEmpty() ? null : s;
  }
}
