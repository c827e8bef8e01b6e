package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.SignedCallbacks;
import io.duban.support.Stamps;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-tap answers end to end: a signed callback asks for a held figure, the reply's offer travels
 * through the outbox to the adapter, and the sessionWebhook gets a markdown 确认 link in a 1:1 chat
 * and the plain text in a group. Sending the link's decoded content back records the figure.
 */
@QuarkusTest
class DingTalkOneTapFlowTest {
  static final String APP_SECRET = "dingtalk-app-secret-示例";

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject OutboxDispatcher dispatcher;
  @Inject ObjectMapper json;

  MockWebServer server;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    server = new MockWebServer();
    server.start();
    String base = server.url("/").toString().replaceAll("/$", "");
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
    server.close();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
  }

  /** A signed callback from dt-rsj-01 saying {@code text}, 1:1 or in the group. */
  int say(boolean oneToOne, String msgId, String text) {
    String body =
        Payloads.read("dingtalk", "group-text.json")
            .replace("SESSION_WEBHOOK", server.url("/robot/sendBySession?session=s1").toString())
            .replace("msgDtGroup0001==", msgId)
            .replace(" 上报 新增就业岗位 1.2万", text);
    if (oneToOne) {
      body = body.replace("\"conversationType\": \"2\"", "\"conversationType\": \"1\"");
    }
    return io.restassured.RestAssured.given()
        .contentType("application/json")
        .headers(SignedCallbacks.dingTalkHeaders(Stamps.next(wall), APP_SECRET))
        .body(body)
        .post("/webhooks/dingtalk/dingtalk-app")
        .then()
        .extract()
        .statusCode();
  }

  JsonNode drainOne() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"errcode\":0}").build());
    dispatcher.drain();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getTarget()).isEqualTo("/robot/sendBySession?session=s1");
    return json.readTree(r.getBody().utf8());
  }

  @Test
  void inAOneToOneChatAHeldFigureOffersAConfirmLinkAndTappingItRecords() throws Exception {
    assertThat(say(true, "msgTap0001==", "上报 新增就业岗位 20万")).isEqualTo(200);
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).chatId).isEqualTo("u:dt-rsj-01");
    JsonNode body = drainOne();
    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
    String md = body.path("markdown").path("text").asText();
    assertThat(md).contains("回复“确认”").contains("或直接点选：");
    Matcher link = DingTalkButtonsTest.LINK.matcher(md);
    assertThat(link.find()).isTrue();
    String tapped = URLDecoder.decode(link.group(2), StandardCharsets.UTF_8);
    assertThat(tapped).isEqualTo("确认");
    assertThat(link.find()).as("one choice, one link").isFalse();
    assertThat(Outboxes.reports()).isZero();

    // the client sends the link's content as the user's own message
    assertThat(say(true, "msgTap0002==", tapped)).isEqualTo(200);
    JsonNode answer = drainOne();
    assertThat(answer.path("msgtype").asText()).isEqualTo("text");
    assertThat(answer.path("text").path("content").asText()).contains("已记录");
    assertThat(Outboxes.reports()).isEqualTo(1);
  }

  @Test
  void inAGroupTheSameQuestionIsPlainText() throws Exception {
    assertThat(say(false, "msgTapGroup1==", " 上报 新增就业岗位 20万")).isEqualTo(200);
    JsonNode body = drainOne();
    assertThat(body.path("msgtype").asText()).isEqualTo("text");
    assertThat(body.path("text").path("content").asText()).contains("回复“确认”");
    assertThat(body.toString()).doesNotContain("dtmd");
  }
}
