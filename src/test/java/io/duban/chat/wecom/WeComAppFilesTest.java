package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.outbox.MessageKind;
import io.duban.evidence.Attachment;
import io.duban.evidence.EvidenceFetcher;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.SignedCallbacks;
import io.duban.support.SignedCallbacks.Signed;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 自建应用's encrypted XML image callback (docs/attachments.md §4.1) right after the reporter's
 * report: answered "收到 1 张图片，正在附到 …", then fetched with /cgi-bin/media/get and the app's token and
 * kept; an expired media id is not kept.
 */
@QuarkusTest
class WeComAppFilesTest {
  static final String TOKEN = WeComPlatformTest.TOKEN;
  static final String AES = WeComPlatformTest.AES;
  static final String CORP = WeComPlatformTest.CORP;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject EvidenceFetcher fetcher;

  MockWebServer server;
  final WeComCrypto crypto = new WeComCrypto(TOKEN, AES, CORP);
  final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();

  static final byte[] JPEG = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'
  };

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest r) {
            seen.add(r);
            String path = r.getUrl().encodedPath();
            if (path.equals("/cgi-bin/gettoken")) {
              return new MockResponse.Builder()
                  .body("{\"errcode\":0,\"access_token\":\"wc-token\",\"expires_in\":7200}")
                  .build();
            }
            if (path.equals("/cgi-bin/media/get")
                && "MEDIA_ID_1".equals(r.getUrl().queryParameter("media_id"))) {
              return new MockResponse.Builder()
                  .addHeader("Content-Type", "image/jpeg")
                  .addHeader("Content-Disposition", "attachment; filename=\"MEDIA_ID_1.jpg\"")
                  .body(new Buffer().write(JPEG))
                  .build();
            }
            return new MockResponse.Builder()
                .addHeader("Content-Type", "application/json; encoding=utf-8")
                .body("{\"errcode\":40007,\"errmsg\":\"invalid media_id\"}")
                .build();
          }
        });
    server.start();
    bots.install(
        """
        bots:
          wecom-app:
            platform: wecom
            token: ${TOKEN}
            encoding-aes-key: ${AES}
            receive-id: ww-wujin-corp
            corp-id: ww-wujin-corp
            corp-secret: ${CORP_SECRET}
            agent-id: "1000002"
            api-base-url: ${BASE}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of(
            "TOKEN",
            TOKEN,
            "AES",
            AES,
            "CORP_SECRET",
            "corp-secret-value",
            "BASE",
            server.url("/").toString().replaceAll("/$", "")));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    data.resetOutbox();
    data.resetReports();
  }

  int post(String plainXml) {
    Signed s =
        SignedCallbacks.weComApp(
            crypto, Long.toString(wall.instant().getEpochSecond()), "4242", plainXml);
    return s.given().contentType("text/xml").post("/webhooks/wecom/wecom-app").statusCode();
  }

  static String image(String msgId, String mediaId) {
    return "<xml><ToUserName><![CDATA[ww-wujin-corp]]></ToUserName>"
        + "<FromUserName><![CDATA[wx-rsj-01]]></FromUserName><CreateTime>1795831260</CreateTime>"
        + "<MsgType><![CDATA[image]]></MsgType>"
        + "<PicUrl><![CDATA[http://example.invalid/pic1.jpg]]></PicUrl>"
        + "<MediaId><![CDATA["
        + mediaId
        + "]]></MediaId><MsgId>"
        + msgId
        + "</MsgId><AgentID>1000002</AgentID></xml>";
  }

  static List<String> replies() {
    return Outboxes.of(MessageKind.REPLY).stream().map(o -> o.text).toList();
  }

  static List<Attachment> attachments() {
    return QuarkusTransaction.requiringNew().call(() -> Attachment.<Attachment>listAll());
  }

  @Test
  void anAppPictureAfterTheReportIsFetchedWithMediaGetAndKept() throws Exception {
    assertThat(post(Payloads.read("wecom", "app-text.xml"))).isEqualTo(200);
    assertThat(post(image("7400000000000000002", "MEDIA_ID_1"))).isEqualTo(200);
    List<String> replies = replies();
    assertThat(replies).hasSize(2);
    assertThat(replies.get(0)).startsWith("已记录");
    assertThat(replies.get(1)).contains("收到 1 张图片，正在附到 新增就业岗位 6月上报");

    fetcher.runDue();
    RecordedRequest get =
        seen.stream()
            .filter(r -> r.getUrl().encodedPath().equals("/cgi-bin/media/get"))
            .findFirst()
            .orElseThrow();
    assertThat(get.getUrl().queryParameter("access_token")).isEqualTo("wc-token");
    List<Attachment> kept = attachments();
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).contentType).isEqualTo("image/jpeg");
    assertThat(kept.get(0).fileName).isEqualTo("MEDIA_ID_1.jpg");
    assertThat(kept.get(0).sizeBytes).isEqualTo(JPEG.length);
  }

  @Test
  void anExpiredMediaIdIsNotKept() throws Exception {
    assertThat(post(Payloads.read("wecom", "app-text.xml"))).isEqualTo(200);
    assertThat(post(image("7400000000000000003", "MEDIA_GONE"))).isEqualTo(200);
    assertThat(replies().get(1)).contains("收到 1 张图片");
    fetcher.runDue();
    assertThat(attachments()).isEmpty();
    assertThat(String.join("\n", replies())).contains("过期");
  }
}
