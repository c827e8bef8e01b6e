package io.duban.chat.feishu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.SignedCallbacks;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pictures, files and rich text from Feishu end to end: the recorded payloads of
 * docs/attachments.md §2.1, encrypted and signed, through the HTTP callback, observed by the reply
 * (赵示一, ou_rsj01, is a registered reporter: bot-config/contacts.yaml).
 */
@QuarkusTest
class FeishuFileMessagesTest {
  static final String TOKEN = "feishu-verification-token";
  static final String KEY = "督办加密密钥 Encrypt Key";
  static final byte[] IV = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);

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
          feishu-app:
            platform: feishu
            app-key: cli_wujin
            app-secret: app-secret-value
            token: ${TOKEN}
            encrypt-key: ${KEY}
            api-base-url: http://127.0.0.1:9
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("TOKEN", TOKEN, "KEY", KEY));
  }

  @AfterEach
  void tearDown() {
    bots.restore();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
  }

  /** Posts the event encrypted and signed; the HTTP status. */
  int post(String plain) {
    String body =
        SignedCallbacks.feishuEncrypted(KEY, plain.replace("\"TOKEN\"", "\"" + TOKEN + "\""), IV);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var req = given().contentType("application/json").body(bytes);
    String ts = Long.toString(wall.instant().getEpochSecond());
    SignedCallbacks.feishuHeaders(ts, "nonce-9", KEY, bytes).forEach(req::header);
    return req.post("/webhooks/feishu/feishu-app").then().extract().statusCode();
  }

  static List<String> replies() {
    return Outboxes.of(MessageKind.REPLY).stream().map((OutboxMessage m) -> m.text).toList();
  }

  @Test
  void aPictureWithoutARecentReportIsNotKept() {
    assertThat(post(FeishuContentTest.event("om_img1", "p2p", "image", FeishuContentTest.IMAGE)))
        .isEqualTo(200);
    assertThat(Outboxes.inbox()).isEqualTo(1);
    assertThat(replies()).hasSize(1);
    assertThat(replies().get(0)).contains("1 张图片").contains("未保存");
    assertThat(replies().get(0)).as("no longer refused as not text").doesNotContain("只能处理文字消息");
    assertThat(Outboxes.reports()).isZero();
  }

  @Test
  void aFileWithoutARecentReportIsNotKept() {
    assertThat(post(FeishuContentTest.event("om_file1", "p2p", "file", FeishuContentTest.FILE)))
        .isEqualTo(200);
    assertThat(replies()).hasSize(1);
    assertThat(replies().get(0)).contains("1 个文件").contains("未保存");
  }

  @Test
  void aPostWithAReportAndAPictureRecordsTheFigure() {
    assertThat(post(FeishuContentTest.event("om_post1", "group", "post", FeishuContentTest.POST)))
        .isEqualTo(200);
    assertThat(Outboxes.reports()).isEqualTo(1);
    assertThat(replies()).hasSize(1);
    assertThat(replies().get(0)).startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个");
    assertThat(replies().get(0)).as("the picture reached the evidence core").contains("图片");
    assertThat(post(FeishuContentTest.event("om_post1", "group", "post", FeishuContentTest.POST)))
        .isEqualTo(200);
    assertThat(Outboxes.reports()).as("deduplicated by message_id").isEqualTo(1);
  }

  @Test
  void aStickerIsStillAnsweredAsBefore() {
    assertThat(post(FeishuContentTest.event("om_s1", "p2p", "sticker", "{\"file_key\":\"x\"}")))
        .isEqualTo(200);
    assertThat(replies()).hasSize(1);
    assertThat(replies().get(0)).contains("只能处理文字消息");
  }
}
