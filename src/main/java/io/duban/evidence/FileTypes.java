package io.duban.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * What a file is, read from its first bytes (never from the type or name the sender declared):
 * pictures (JPEG, PNG, GIF, WebP, BMP), PDF, and Office documents (the OOXML zip formats by their
 * name's extension, the older OLE2 formats). Anything else is refused, so nothing served back can
 * be a page or a script.
 */
public final class FileTypes {
  private FileTypes() {}

  /** A recognised type: its MIME type and whether it is a picture. */
  public record Type(String contentType, boolean image) {}

  public static Optional<Type> recognise(byte[] b, String name) {
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return image("image/jpeg");
    }
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return image("image/png");
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return image("image/gif");
    }
    if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && ascii(b, 8, 4).equals("WEBP")) {
      return image("image/webp");
    }
    if (starts(b, 'B', 'M') && b.length > 14) {
      return image("image/bmp");
    }
    if (starts(b, '%', 'P', 'D', 'F', '-')) {
      return file("application/pdf");
    }
    String ext = extension(name);
    if (starts(b, 'P', 'K', 0x03, 0x04)) {
      return switch (ext) {
        case "docx" ->
            file("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        case "xlsx" -> file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        case "pptx" ->
            file("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        default -> Optional.empty();
      };
    }
    if (starts(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
      return switch (ext) {
        case "xls", "et" -> file("application/vnd.ms-excel");
        case "ppt", "dps" -> file("application/vnd.ms-powerpoint");
        default -> file("application/msword");
      };
    }
    return Optional.empty();
  }

  private static Optional<Type> image(String type) {
    return Optional.of(new Type(type, true));
  }

  private static Optional<Type> file(String type) {
    return Optional.of(new Type(type, false));
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] b, int from, int len) {
    return new String(b, from, len, StandardCharsets.US_ASCII);
  }

  private static String extension(String name) {
    if (name == null) {
      return "";
    }
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT).strip();
  }
}
