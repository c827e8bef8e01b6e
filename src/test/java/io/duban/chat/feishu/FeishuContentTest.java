package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.InboundFile;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import io.duban.chat.inbox.Callback;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The recorded im.message.receive_v1 payloads of docs/attachments.md §2.1 through the event part
 * shared by the HTTP callback and the long connection: text, files and their refs.
 */
class FeishuContentTest {
  final ObjectMapper json = new ObjectMapper();
  final BotSpec bot =
      new BotSpec(
          "feishu-app",
          Platform.FEISHU,
          Map.of("app-key", "cli", "app-secret", "s"),
          Duration.ofHours(1),
          RateLimit.UNPACED,
          true,
          null);

  /** The documented minimal event, with this message type, content and chat. */
  static String event(String messageId, String chatType, String type, String content) {
    return """
        {"schema":"2.0",
         "header":{"event_id":"ev-%1$s","event_type":"im.message.receive_v1",
                   "create_time":"1608725989000","token":"TOKEN","app_id":"cli_9f5343c580712544",
                   "tenant_key":"2ca1d211f64f6438"},
         "event":{"sender":{"sender_id":{"open_id":"ou_rsj01","user_id":"e33ggbyz",
                                          "union_id":"on_8ed6aa67826108097d9ee143816345"},
                            "sender_type":"user","tenant_key":"736588c9260f175e"},
                  "message":{"message_id":"%1$s","create_time":"1609073151345",
                             "chat_id":"oc_wujin_rsj","chat_type":"%2$s","message_type":"%3$s",
                             "content":%4$s,
                             "mentions":[{"key":"@_user_1","id":{"open_id":"ou_bot"},
                                          "name":"督办助手"}]}}}
        """
        .formatted(messageId, chatType, type, quoted(content));
  }

  static String quoted(String s) {
    try {
      return new ObjectMapper().writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static final String IMAGE = "{\"image_key\":\"img_v3_0abc\"}";
  static final String FILE = "{\"file_key\":\"file_v3_0abc\",\"file_name\":\"台账.xlsx\"}";
  static final String POST =
      "{\"title\":\"佐证\",\"content\":[[{\"tag\":\"at\",\"user_id\":\"@_user_1\",\"user_name\":\"\"},"
          + "{\"tag\":\"text\",\"text\":\" 上报 新增就业岗位 1.2万\"}],"
          + "[{\"tag\":\"img\",\"image_key\":\"img_v3_post\"}],"
          + "[{\"tag\":\"media\",\"file_key\":\"file_v2_video\",\"image_key\":\"img_cover\"}]]}";

  IncomingMessage read(String event) throws Exception {
    Callback c = FeishuCallbacks.event(bot, json.readTree(event), json);
    assertThat(c).isInstanceOf(Callback.Message.class);
    return ((Callback.Message) c).message();
  }

  @Test
  void anImageIsOnePictureWithoutText() throws Exception {
    IncomingMessage m = read(event("om_img1", "p2p", "image", IMAGE));
    assertThat(m.text()).isNull();
    assertThat(m.chatId()).isEqualTo("u:ou_rsj01");
    assertThat(m.files())
        .containsExactly(
            new InboundFile(InboundFile.Kind.IMAGE, null, "om_img1/img_v3_0abc?type=image"));
  }

  @Test
  void aFileKeepsItsName() throws Exception {
    IncomingMessage m = read(event("om_file1", "p2p", "file", FILE));
    assertThat(m.text()).isNull();
    assertThat(m.files())
        .containsExactly(
            new InboundFile(InboundFile.Kind.FILE, "台账.xlsx", "om_file1/file_v3_0abc?type=file"));
  }

  @Test
  void aPostGivesItsTextAndItsPicturesAndVideos() throws Exception {
    IncomingMessage m = read(event("om_post1", "group", "post", POST));
    assertThat(m.text()).isEqualTo("@_user_1  上报 新增就业岗位 1.2万");
    assertThat(new FeishuRules().removeMentions(m.text()).strip()).isEqualTo("上报 新增就业岗位 1.2万");
    assertThat(m.chatId()).isEqualTo("oc_wujin_rsj");
    assertThat(m.files())
        .containsExactly(
            new InboundFile(InboundFile.Kind.IMAGE, null, "om_post1/img_v3_post?type=image"),
            new InboundFile(InboundFile.Kind.FILE, null, "om_post1/file_v2_video?type=file"));
    String wrapped = "{\"zh_cn\":" + POST + "}";
    assertThat(read(event("om_post2", "group", "post", wrapped)).files()).hasSize(2);
    String onlyPicture =
        "{\"title\":\"\",\"content\":[[{\"tag\":\"img\",\"image_key\":\"img_1\"}]]}";
    IncomingMessage picture = read(event("om_post3", "group", "post", onlyPicture));
    assertThat(picture.text()).isNull();
    assertThat(picture.files()).hasSize(1);
  }

  @Test
  void textIsAsBeforeAndOtherTypesCarryNothing() throws Exception {
    IncomingMessage text = read(event("om_t", "group", "text", "{\"text\":\"@_user_1 帮助\"}"));
    assertThat(text.text()).isEqualTo("@_user_1 帮助");
    assertThat(text.files()).isEmpty();
    assertThat(read(event("om_t2", "group", "text", "not json")).text()).isEmpty();
    IncomingMessage sticker = read(event("om_s", "p2p", "sticker", "{\"file_key\":\"x\"}"));
    assertThat(sticker.text()).isNull();
    assertThat(sticker.files()).isEmpty();
    assertThat(read(event("om_i", "p2p", "image", "{}")).files()).isEmpty();
  }

  @Test
  void refsReadBackAsTheDownloadPathAndType() throws Exception {
    InboundFile f = read(event("om_file1", "p2p", "file", FILE)).files().get(0);
    FeishuMedia.Ref ref = FeishuMedia.Ref.parse(f.ref());
    assertThat(ref).isEqualTo(new FeishuMedia.Ref("om_file1", "file_v3_0abc", "file"));
    assertThat(List.of(ref.type())).containsExactly("file");
  }
}
