package io.duban.chat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A picture or file that came with a message: its kind, the name it was sent under (may be null for
 * pictures) and how to get its bytes. {@code ref} is the platform's download reference (DingTalk
 * downloadCode, Feishu file key, WeCom media id) or, from the chat simulator, the content inline as
 * a {@code data:<type>;base64,<bytes>} URI.
 */
public record InboundFile(Kind kind, String name, String ref) {
  /** What the platform called it. */
  public enum Kind {
    IMAGE,
    FILE
  }

  private static final String DATA = "data:";

  /** A file given with its content (the simulator). */
  public static InboundFile inline(String name, String contentType, byte[] content) {
    Kind kind = contentType != null && contentType.startsWith("image/") ? Kind.IMAGE : Kind.FILE;
    return new InboundFile(
        kind, name, DATA + contentType + ";base64," + Base64.getEncoder().encodeToString(content));
  }

  /** The inline content and its declared type, when the file carries it. */
  public Optional<Inline> content() {
    if (ref == null || !ref.startsWith(DATA)) {
      return Optional.empty();
    }
    int semi = ref.indexOf(";base64,");
    if (semi < 0) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(ref.substring(semi + 8));
      return Optional.of(new Inline(ref.substring(DATA.length(), semi), bytes));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Content given with the message. */
  public record Inline(String contentType, byte[] bytes) {}

  /** Lines {@code KIND\tname\tref} (an inbox row keeps a message's files this way). */
  public static String encode(List<InboundFile> files, int max) {
    StringBuilder sb = new StringBuilder();
    for (InboundFile f : files) {
      String line = f.kind().name() + "\t" + clean(f.name()) + "\t" + clean(f.ref()) + "\n";
      if (sb.length() + line.length() > max) {
        break; // a reference that does not fit is dropped, never cut
      }
      sb.append(line);
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** The files {@link #encode} wrote (an empty name is none). */
  public static List<InboundFile> decode(String lines) {
    List<InboundFile> out = new ArrayList<>();
    if (lines == null) {
      return out;
    }
    for (String line : lines.split("\n")) {
      String[] f = line.split("\t", -1);
      if (f.length == 3 && (f[0].equals("IMAGE") || f[0].equals("FILE"))) {
        out.add(new InboundFile(Kind.valueOf(f[0]), f[1].isEmpty() ? null : f[1], f[2]));
      }
    }
    return out;
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\\t\\r\\n]", " ");
  }

  @Override
  public String toString() {
    // the reference may be long (inline content) or a download code: never printed whole
    return "InboundFile[" + kind + ", " + name + "]";
  }
}
