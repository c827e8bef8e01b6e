package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.InboundFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The text and files of an {@code im.message.receive_v1} message (docs/attachments.md §2.1), whose
 * {@code content} is a JSON string parsed a second time:
 *
 * <ul>
 *   <li>{@code text}: {@code {"text":"…"}}, the text as it is ("" when unreadable), no files;
 *   <li>{@code image}: {@code {"image_key":"img_…"}}, one picture and no text (null);
 *   <li>{@code file}: {@code {"file_key":"…","file_name":"…"}}, one file named {@code file_name},
 *       no text;
 *   <li>{@code post} (rich text, received without a locale wrapper; one is tolerated): the {@code
 *       text} and {@code a} parts of each paragraph joined, paragraphs by a line break, {@code at}
 *       parts as their "@_user_N" placeholder (removed later like a text message's mentions), the
 *       title left out; {@code img} tags as pictures, {@code media} tags (video) as files by their
 *       {@code file_key}. Text is null when the post has none (only blanks).
 * </ul>
 *
 * Other types (audio, media, sticker, merge_forward, …) give no text and no files, as before.
 *
 * <p>A file's {@link InboundFile#ref} is {@code <message_id>/<key>?type=image|file}: the message it
 * came in, its {@code image_key} (pictures) or {@code file_key} (files, videos), and the {@code
 * type} the resource download API wants ({@link FeishuMedia} reads it back).
 */
final class FeishuContent {
  /** What a message carried: its text (null when none) and files. */
  record Parsed(String text, List<InboundFile> files) {}

  private FeishuContent() {}

  static Parsed parse(String messageType, String messageId, String content, ObjectMapper json) {
    JsonNode c;
    try {
      c = json.readTree(content == null || content.isBlank() ? "{}" : content);
    } catch (IOException e) {
      c = null;
    }
    if ("text".equals(messageType)) {
      return new Parsed(c == null ? "" : c.path("text").asText(""), List.of());
    }
    if (c == null || !c.isObject()) {
      return new Parsed(null, List.of());
    }
    List<InboundFile> files = new ArrayList<>();
    switch (messageType) {
      case "image" -> add(files, InboundFile.Kind.IMAGE, null, messageId, c.path("image_key"));
      case "file" ->
          add(
              files,
              InboundFile.Kind.FILE,
              c.path("file_name").asText(null),
              messageId,
              c.path("file_key"));
      case "post" -> {
        return post(messageId, c);
      }
      default -> {
        // audio, video, stickers, forwarded bundles: nothing Duban reads
      }
    }
    return new Parsed(null, files);
  }

  /** A rich-text message: its text parts and its pictures and videos. */
  private static Parsed post(String messageId, JsonNode c) {
    JsonNode paragraphs = c.path("content");
    if (!paragraphs.isArray()) {
      // a locale wrapper ({"zh_cn":{"title":…,"content":[…]}}): the first language that has content
      Iterator<JsonNode> locales = c.elements();
      while (locales.hasNext() && !paragraphs.isArray()) {
        paragraphs = locales.next().path("content");
      }
    }
    StringBuilder text = new StringBuilder();
    List<InboundFile> files = new ArrayList<>();
    for (JsonNode paragraph : paragraphs) {
      StringBuilder line = new StringBuilder();
      for (JsonNode part : paragraph) {
        switch (part.path("tag").asText("")) {
          case "text", "a" -> line.append(part.path("text").asText(""));
          case "at" -> {
            String placeholder = part.path("user_id").asText("");
            if (placeholder.startsWith("@_")) {
              line.append(placeholder).append(' ');
            }
          }
          case "img" -> add(files, InboundFile.Kind.IMAGE, null, messageId, part.path("image_key"));
          case "media" -> add(files, InboundFile.Kind.FILE, null, messageId, part.path("file_key"));
          default -> {
            // emotions, code blocks, rules: not part of a command
          }
        }
      }
      if (!line.toString().isBlank()) {
        text.append(text.length() == 0 ? "" : "\n").append(line.toString().strip());
      }
    }
    return new Parsed(text.length() == 0 ? null : text.toString(), files);
  }

  private static void add(
      List<InboundFile> files, InboundFile.Kind kind, String name, String messageId, JsonNode key) {
    String k = key.asText("");
    if (k.isBlank()) {
      return;
    }
    String type = kind == InboundFile.Kind.IMAGE ? "image" : "file";
    files.add(new InboundFile(kind, name, messageId + "/" + k + "?type=" + type));
  }
}
