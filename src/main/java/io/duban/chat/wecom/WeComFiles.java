package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.duban.chat.InboundFile;
import io.duban.chat.InboundFile.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The pictures and files of a WeCom message (docs/attachments.md §3.1, §4.1), as {@link
 * InboundFile}s with no name (WeCom sends none; {@link WeComMedia} takes it from the download's
 * Content-Disposition). References, stored in the database and never shown or logged:
 *
 * <ul>
 *   <li>智能机器人: {@code aibot:<aeskey>:<url>}, the item's Base64 {@code aeskey} (long connection) or
 *       nothing between the colons (callback mode: the bot's EncodingAESKey decrypts it); the URL
 *       is valid about five minutes;
 *   <li>自建应用: {@code media:<MediaId>} (valid three days, fetched with /cgi-bin/media/get).
 * </ul>
 *
 * A reference longer than {@link #MAX_REF} characters is dropped.
 */
final class WeComFiles {
  static final String AIBOT = "aibot:";
  static final String MEDIA = "media:";
  static final int MAX_REF = 4000;

  private static final Logger LOG = Logger.getLogger(WeComFiles.class);

  private WeComFiles() {}

  /** A 智能机器人 body's text (null without any) and files. */
  record Parsed(String text, List<InboundFile> files) {}

  static Parsed aiBot(JsonNode m) {
    List<InboundFile> files = new ArrayList<>();
    String type = m.path("msgtype").asText("");
    switch (type) {
      case "text" -> {
        return new Parsed(m.path("text").path("content").asText(""), files);
      }
      case "image" -> add(files, Kind.IMAGE, m.path("image"));
      case "file" -> add(files, Kind.FILE, m.path("file"));
      case "mixed" -> {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : m.path("mixed").path("msg_item")) {
          String t = item.path("msgtype").asText("");
          if ("text".equals(t)) {
            String content = item.path("text").path("content").asText("").strip();
            if (!content.isEmpty()) {
              texts.add(content);
            }
          } else if ("image".equals(t)) {
            add(files, Kind.IMAGE, item.path("image"));
          }
        }
        return new Parsed(texts.isEmpty() ? null : String.join("\n", texts), files);
      }
      default -> {
        // voice, video, events: no text and nothing kept
      }
    }
    return new Parsed(null, files);
  }

  private static void add(List<InboundFile> files, Kind kind, JsonNode item) {
    String url = item.path("url").asText("");
    if (url.isEmpty()) {
      return;
    }
    String key = item.path("aeskey").asText("");
    if (key.contains(":")) {
      return; // not Base64: the item cannot be decrypted
    }
    String ref = AIBOT + key + ":" + url;
    if (ref.length() > MAX_REF) {
      LOG.warn("企业微信：一个附件的下载链接过长，已忽略");
      return;
    }
    files.add(new InboundFile(kind, null, ref));
  }

  /** A 自建应用 XML message's picture ({@code image}) or file ({@code file}, not documented). */
  static List<InboundFile> app(Map<String, String> m) {
    String type = m.get("MsgType");
    String media = m.get("MediaId");
    if (media == null || media.isBlank() || media.length() > MAX_REF - MEDIA.length()) {
      return List.of();
    }
    if ("image".equals(type)) {
      return List.of(new InboundFile(Kind.IMAGE, null, MEDIA + media.strip()));
    }
    if ("file".equals(type)) {
      return List.of(
          new InboundFile(Kind.FILE, blankToNull(m.get("FileName")), MEDIA + media.strip()));
    }
    return List.of();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
