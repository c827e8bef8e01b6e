package io.duban.chat.dingtalk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.InboundFile;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import io.duban.chat.inbox.Callback;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.SignedCallbacks;
import io.duban.support.Stamps;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DingTalk picture, richText and file messages (docs/attachments.md §1.1, recorded shapes): read
 * into files whose reference is the downloadCode, and answered through the signed HTTP callback as
 * evidence instead of "只能处理文字消息"; a text report in rich text is still recorded.
 */
@QuarkusTest
class DingTalkFileMessagesTest {
  static final String APP_SECRET = "dingtalk-app-secret-附件";
  static final ObjectMapper JSON = new ObjectMapper();

  static final String PICTURE =
      """
      {"msgtype":"picture","msgId":"msgPIC1==","conversationId":"cidP1==","conversationType":"1",
       "senderStaffId":"dt-rsj-01","senderNick":"赵示一","robotCode":"dingrobotwujin",
       "createAt":1795831200000,
       "sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=x",
       "sessionWebhookExpiredTime":1795836600000,
       "content":{"pictureDownloadCode":"pWjAxx","downloadCode":"mIofPIC1"}}
      """;

  static final String RICH_TEXT =
      """
      {"msgtype":"richText","msgId":"msgRT1==","conversationId":"cidWujinRsj01==",
       "conversationType":"2","isInAtList":true,
       "senderStaffId":"dt-rsj-01","senderNick":"赵示一","robotCode":"dingrobotwujin",
       "createAt":1795831200000,
       "content":{"richText":[{"text":" 上报 新增就业岗位 1.2万"},
         {"type":"picture","downloadCode":"mIofRT1","pictureDownloadCode":"pWjART1"},
         {"type":"picture","downloadCode":"mIofRT2","pictureDownloadCode":"pWjART2"}]}}
      """;

  static final String FILE =
      """
      {"msgtype":"file","msgId":"msgF1==","conversationId":"cidP1==","conversationType":"1",
       "senderStaffId":"dt-rsj-01","senderNick":"赵示一","robotCode":"dingrobotwujin",
       "createAt":1795831200000,
       "content":{"spaceId":"223573","fileName":"现场照片.pdf","downloadCode":"LJYYF1",
         "fileId":"117848"}}
      """;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;

  @BeforeEach
  void setUp() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    bots.install(
        """
        bots:
          dingtalk-app:
            platform: dingtalk
            app-key: dingappkey
            app-secret: ${APP_SECRET}
            robot-code: dingrobotwujin
            api-base-url: http://127.0.0.1:9
            oapi-base-url: http://127.0.0.1:9
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("APP_SECRET", APP_SECRET));
  }

  @AfterEach
  void tearDown() {
    bots.restore();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
  }

  static IncomingMessage read(String payload) throws Exception {
    BotSpec bot =
        new BotSpec(
            "dt",
            Platform.DINGTALK,
            Map.of("app-secret", "s"),
            Duration.ofHours(1),
            RateLimit.UNPACED,
            true,
            null);
    Callback c = DingTalkCallbacks.message(bot, JSON.readTree(payload), Instant.EPOCH, null);
    assertThat(c).isInstanceOf(Callback.Message.class);
    return ((Callback.Message) c).message();
  }

  @Test
  void aPictureIsOneImageByItsDownloadCodeWithoutText() throws Exception {
    IncomingMessage in = read(PICTURE);
    assertThat(in.text()).isNull();
    assertThat(in.chatId()).isEqualTo("u:dt-rsj-01");
    assertThat(in.messageId()).isEqualTo("msgPIC1==");
    assertThat(in.files())
        .containsExactly(new InboundFile(InboundFile.Kind.IMAGE, null, "mIofPIC1"));
  }

  @Test
  void richTextJoinsItsTextAndKeepsItsPicturesInOrder() throws Exception {
    IncomingMessage in = read(RICH_TEXT);
    assertThat(in.text()).isEqualTo("上报 新增就业岗位 1.2万");
    assertThat(in.chatId()).isEqualTo("cidWujinRsj01==");
    assertThat(in.files())
        .containsExactly(
            new InboundFile(InboundFile.Kind.IMAGE, null, "mIofRT1"),
            new InboundFile(InboundFile.Kind.IMAGE, null, "mIofRT2"));

    IncomingMessage split =
        read(
            """
            {"msgtype":"richText","msgId":"m2","conversationType":"2","conversationId":"c",
             "senderStaffId":"u","content":{"richText":[{"text":"@报数机器人"},{"text":"A12 3 处"},
             {"type":"picture","downloadCode":"d1"},{"text":"见图\\n"},{"type":"picture"}]}}
            """);
    assertThat(split.text()).isEqualTo("@报数机器人 A12 3 处\n见图");
    assertThat(split.files())
        .as("a picture without downloadCode is not a file")
        .containsExactly(new InboundFile(InboundFile.Kind.IMAGE, null, "d1"));
  }

  @Test
  void aFileKeepsItsNameAndDownloadCode() throws Exception {
    IncomingMessage in = read(FILE);
    assertThat(in.text()).isNull();
    assertThat(in.files())
        .containsExactly(new InboundFile(InboundFile.Kind.FILE, "现场照片.pdf", "LJYYF1"));
  }

  @Test
  void textMessagesCarryNoFilesAndOtherTypesNeither() throws Exception {
    IncomingMessage text =
        read(
            """
            {"msgtype":"text","msgId":"m1","conversationType":"1","senderStaffId":"u",
             "text":{"content":" 上报 A12 3"},"content":{"downloadCode":"ignored"}}
            """);
    assertThat(text.text()).isEqualTo(" 上报 A12 3");
    assertThat(text.files()).isEmpty();
    IncomingMessage audio =
        read(
            """
            {"msgtype":"audio","msgId":"m3","conversationType":"1","senderStaffId":"u",
             "content":{"downloadCode":"a1","recognition":"你好"}}
            """);
    assertThat(audio.text()).isNull();
    assertThat(audio.files()).isEmpty();
  }

  int signedPost(String body) {
    return given()
        .contentType("application/json")
        .headers(SignedCallbacks.dingTalkHeaders(Stamps.next(wall), APP_SECRET))
        .body(body)
        .post("/webhooks/dingtalk/dingtalk-app")
        .then()
        .extract()
        .statusCode();
  }

  static String onlyReply() {
    List<OutboxMessage> replies = Outboxes.of(MessageKind.REPLY);
    assertThat(replies).hasSize(1);
    return replies.get(0).text;
  }

  @Test
  void aSignedPictureIsTakenAsEvidenceNotRefusedAsNonText() {
    assertThat(signedPost(PICTURE)).isEqualTo(200);
    assertThat(Outboxes.inbox()).isEqualTo(1);
    assertThat(Outboxes.reports()).isZero();
    String reply = onlyReply();
    assertThat(reply).doesNotContain("只能处理文字").contains("图片").contains("未保存");
  }

  @Test
  void aSignedFileIsTakenAsEvidenceNotRefusedAsNonText() {
    assertThat(signedPost(FILE)).isEqualTo(200);
    assertThat(Outboxes.reports()).isZero();
    assertThat(onlyReply()).doesNotContain("只能处理文字").contains("未保存");
  }

  @Test
  void aReportInRichTextIsRecordedAndItsPicturesAnswered() {
    assertThat(signedPost(RICH_TEXT)).isEqualTo(200);
    assertThat(Outboxes.reports()).isEqualTo(1);
    String reply = onlyReply();
    assertThat(reply).startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个").contains("图片");
    assertThat(reply).doesNotContain("只能处理文字");
  }
}
