package io.duban.evidence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.SignedCallbacks;
import io.duban.support.Stamps;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 佐证材料 from a platform end to end: a signed DingTalk rich-text report with a picture is recorded at
 * once and its picture queued; the fetcher downloads it through DingTalk's API (a MockWebServer
 * that checks the requests) and attaches it; a refused download is told to the chat and changes no
 * figure; a download that may pass is tried again later.
 */
@QuarkusTest
class EvidenceDownloadTest {
  static final String APP_SECRET = "dingtalk-app-secret-下载";
  static final String REPORT_WITH_PICTURE =
      """
      {"msgtype":"richText","msgId":"%s","conversationId":"cidWujinRsj01==",
       "conversationType":"2","isInAtList":true,
       "senderStaffId":"dt-rsj-01","senderNick":"赵示一","robotCode":"dingrobotwujin",
       "createAt":1795831200000,
       "content":{"richText":[{"text":" 上报 新增就业岗位 1.2万"},
         {"type":"picture","downloadCode":"mIofRT1","pictureDownloadCode":"pWjART1"}]}}
      """;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject EvidenceFetcher fetcher;

  MockWebServer dingtalk;
  String base;

  @BeforeEach
  void setUp() throws Exception {
    dingtalk = new MockWebServer();
    dingtalk.start();
    base = dingtalk.url("/").toString().replaceAll("/$", "");
    data.resetReports();
    data.resetOutbox();
    QuarkusTransaction.requiringNew().run(() -> AttachmentFetch.deleteAll());
    wall.set(MutableClock.START);
    bots.install(
        """
        bots:
          dingtalk-app:
            platform: dingtalk
            app-key: dingappkey
            app-secret: ${APP_SECRET}
            robot-code: dingrobotwujin
            api-base-url: ${BASE}
            oapi-base-url: ${BASE}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("APP_SECRET", APP_SECRET, "BASE", base));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
    QuarkusTransaction.requiringNew().run(() -> AttachmentFetch.deleteAll());
    dingtalk.close();
  }

  String post(String messageId) {
    given()
        .contentType("application/json")
        .headers(SignedCallbacks.dingTalkHeaders(Stamps.next(wall), APP_SECRET))
        .body(REPORT_WITH_PICTURE.formatted(messageId))
        .post("/webhooks/dingtalk/dingtalk-app")
        .then()
        .statusCode(200);
    List<OutboxMessage> replies = Outboxes.of(MessageKind.REPLY);
    assertThat(replies).hasSize(1);
    return replies.get(0).text;
  }

  void token() {
    dingtalk.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at-evidence\",\"expireIn\":7200}")
            .build());
  }

  void link() {
    dingtalk.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"downloadUrl\":\"" + base + "/files/pic-1?sig=secret\"}")
            .build());
  }

  void picture() {
    dingtalk.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "image/png")
            .body(new Buffer().write(EvidenceTest.PNG))
            .build());
  }

  static long attachments() {
    return QuarkusTransaction.requiringNew().call(() -> Attachment.count());
  }

  @Test
  void theReportIsRecordedAtOnceAndItsPictureAttachedOnceDownloaded() throws Exception {
    String reply = post("msgEV1==");
    assertThat(reply)
        .startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个")
        .contains("收到 1 张图片，正在附到 新增就业岗位 6月上报；未能保存时会另行告知。");
    assertThat(attachments()).isZero();
    token();
    link();
    picture();
    assertThat(fetcher.runDue()).isEqualTo(1);
    dingtalk.takeRequest(); // the token
    RecordedRequest download = dingtalk.takeRequest();
    assertThat(download.getTarget()).isEqualTo("/v1.0/robot/messageFiles/download");
    assertThat(download.getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("at-evidence");
    assertThat(download.getBody().utf8())
        .contains("\"downloadCode\":\"mIofRT1\"")
        .contains("\"robotCode\":\"dingrobotwujin\"");
    assertThat(dingtalk.takeRequest().getTarget()).isEqualTo("/files/pic-1?sig=secret");
    assertThat(attachments()).isEqualTo(1);
    Attachment a =
        QuarkusTransaction.requiringNew()
            .call(() -> Attachment.<Attachment>findAll().firstResult());
    assertThat(a.contentType).isEqualTo("image/png");
    assertThat(a.messageId).isEqualTo("msgEV1==");
    // nothing more to say: the reply already said it was coming
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(1);
    assertThat(fetcher.runDue()).isZero();
  }

  @Test
  void aRefusedDownloadIsToldToTheChatAndTheFigureStays() {
    post("msgEV2==");
    token();
    dingtalk.enqueue(
        new MockResponse.Builder()
            .code(403)
            .body("{\"code\":\"Forbidden.AccessDenied\",\"message\":\"no\"}")
            .build());
    assertThat(fetcher.runDue()).isEqualTo(1);
    assertThat(attachments()).isZero();
    List<OutboxMessage> replies = Outboxes.of(MessageKind.REPLY);
    assertThat(replies).hasSize(2);
    String told = replies.get(1).text;
    assertThat(told)
        .startsWith("图片未能附到 新增就业岗位 6月上报：")
        .contains("钉钉拒绝下载")
        .endsWith("上报的数不受影响，可重新发送。")
        .doesNotContain("at-evidence");
    assertThat(replies.get(1).chatId).isEqualTo("cidWujinRsj01==");
    assertThat(Outboxes.reports()).isEqualTo(1);
    assertThat(fetcher.runDue()).isZero();
  }

  @Test
  void aDownloadThatMayPassIsTriedAgainLater() {
    post("msgEV3==");
    token();
    dingtalk.enqueue(new MockResponse.Builder().code(503).body("{\"code\":\"Busy\"}").build());
    assertThat(fetcher.runDue()).isEqualTo(1);
    assertThat(attachments()).isZero();
    assertThat(fetcher.runDue()).as("not due yet").isZero();
    wall.advance(Duration.ofSeconds(11));
    link();
    picture();
    assertThat(fetcher.runDue()).isEqualTo(1);
    assertThat(attachments()).isEqualTo(1);
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(1);
  }
}
