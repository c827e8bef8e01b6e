package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.InboundFile;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import io.duban.chat.inbox.Callback;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recorded frames of docs/attachments.md §3.1 and the app XML of §4.1 as messages: files with
 * no name and refs {@code aibot:<aeskey>:<url>} / {@code media:<MediaId>}; mixed text items as the
 * text; a text message unchanged; a callback-mode item (no aeskey) with an empty key.
 */
class WeComFilesTest {
  static final String KEY = WeComMediaTest.AESKEY;
  final ObjectMapper json = new ObjectMapper();
  final BotSpec bot =
      new BotSpec(
          "wecom-x",
          Platform.WECOM,
          Map.of(),
          Duration.ofMinutes(5),
          RateLimit.UNPACED,
          true,
          null);

  IncomingMessage message(String body) throws Exception {
    JsonNode m = json.readTree(body);
    Callback c = WeComCallbacks.aiBotMessage(bot, m, "req-1", Instant.EPOCH);
    return ((Callback.Message) c).message();
  }

  @Test
  void anImageFrameIsOnePictureWithNoText() throws Exception {
    IncomingMessage in =
        message(
            "{\"msgid\":\"CAIQimg1\",\"aibotid\":\"AIBOTID\",\"chattype\":\"single\","
                + "\"from\":{\"userid\":\"zhangsan\"},\"msgtype\":\"image\",\"image\":{\"url\":"
                + "\"https://example.invalid/aibot/img1\",\"aeskey\":\""
                + KEY
                + "\"}}");
    assertThat(in.text()).isNull();
    assertThat(in.chatId()).isEqualTo("u:zhangsan");
    assertThat(in.files())
        .containsExactly(
            new InboundFile(
                InboundFile.Kind.IMAGE,
                null,
                "aibot:" + KEY + ":https://example.invalid/aibot/img1"));
    assertThat(in.files().get(0).toString()).doesNotContain(KEY).doesNotContain("example.invalid");
  }

  @Test
  void aMixedFrameJoinsItsTextsAndKeepsItsPictures() throws Exception {
    IncomingMessage in =
        message(
            "{\"msgid\":\"CAIQmix1\",\"chatid\":\"CHATID\",\"chattype\":\"group\","
                + "\"from\":{\"userid\":\"zhangsan\"},\"msgtype\":\"mixed\",\"mixed\":{\"msg_item\":["
                + "{\"msgtype\":\"text\",\"text\":{\"content\":\"@报数 A12 3处\"}},"
                + "{\"msgtype\":\"image\",\"image\":{\"url\":\"https://example.invalid/aibot/img2\","
                + "\"aeskey\":\""
                + KEY
                + "\"}},{\"msgtype\":\"text\",\"text\":{\"content\":\"第二段\"}}]}}");
    assertThat(in.text()).isEqualTo("@报数 A12 3处\n第二段");
    assertThat(in.chatId()).isEqualTo("CHATID");
    assertThat(in.files()).hasSize(1);
    assertThat(in.files().get(0).kind()).isEqualTo(InboundFile.Kind.IMAGE);
  }

  @Test
  void aFileInCallbackModeHasAnEmptyKeyAndTextIsUnchanged() throws Exception {
    IncomingMessage file =
        message(
            "{\"msgid\":\"f1\",\"from\":{\"userid\":\"zhangsan\"},\"msgtype\":\"file\","
                + "\"file\":{\"url\":\"https://example.invalid/aibot/f1\"}}");
    assertThat(file.files())
        .containsExactly(
            new InboundFile(
                InboundFile.Kind.FILE, null, "aibot::https://example.invalid/aibot/f1"));
    IncomingMessage text =
        message(
            "{\"msgid\":\"t1\",\"from\":{\"userid\":\"zhangsan\"},\"msgtype\":\"text\","
                + "\"text\":{\"content\":\"@督办助手 上报 新增就业岗位 1.2万\"}}");
    assertThat(text.text()).isEqualTo("@督办助手 上报 新增就业岗位 1.2万");
    assertThat(text.files()).isEmpty();
    // a URL that would make the stored reference too long is dropped
    IncomingMessage huge =
        message(
            "{\"msgid\":\"h1\",\"from\":{\"userid\":\"zhangsan\"},\"msgtype\":\"image\","
                + "\"image\":{\"url\":\"https://example.invalid/"
                + "x".repeat(4000)
                + "\"}}");
    assertThat(huge.files()).isEmpty();
  }

  @Test
  void anAppImageIsAMediaReference() {
    assertThat(
            WeComFiles.app(
                Map.of("MsgType", "image", "MediaId", "MEDIA_ID_1", "PicUrl", "http://x")))
        .containsExactly(new InboundFile(InboundFile.Kind.IMAGE, null, "media:MEDIA_ID_1"));
    assertThat(WeComFiles.app(Map.of("MsgType", "text", "Content", "hi"))).isEmpty();
    assertThat(WeComFiles.app(Map.of("MsgType", "voice", "MediaId", "V1"))).isEmpty();
  }
}
