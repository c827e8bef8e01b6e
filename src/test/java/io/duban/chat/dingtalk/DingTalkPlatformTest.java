package io.duban.chat.dingtalk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.Mention;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxStatus;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.SignedCallbacks;
import io.duban.support.Stamps;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DingTalk end to end: signed callbacks in (recorded payloads), replies out through the
 * sessionWebhook, the OpenAPI once the link expired, and the group robot with @mentions; every
 * outbound request checked on method, path, query, signature and whole body.
 */
@QuarkusTest
class DingTalkPlatformTest {
  static final String APP_SECRET = "dingtalk-app-secret-示例";
  static final String WEBHOOK_SECRET = "SECwebhook0123";

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject OutboxDispatcher dispatcher;
  @Inject Outbox outbox;
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
          dingtalk-group:
            platform: dingtalk
            webhook-url: ${BASE}/robot/send?access_token=grouptoken
            secret: ${WEBHOOK_SECRET}
          dingtalk-fenced:
            platform: dingtalk
            app-key: dingappkey
            app-secret: ${APP_SECRET}
            oapi-base-url: ${BASE}
            allowed-ips: 203.0.113.0/24
          dingtalk-local:
            platform: dingtalk
            app-key: dingappkey
            app-secret: ${APP_SECRET}
            oapi-base-url: ${BASE}
            allowed-ips: 127.0.0.1, ::1
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("APP_SECRET", APP_SECRET, "BASE", base, "WEBHOOK_SECRET", WEBHOOK_SECRET));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
  }

  String payload(String name) {
    return Payloads.read("dingtalk", name)
        .replace("SESSION_WEBHOOK", server.url("/robot/sendBySession?session=s3cr3t").toString());
  }

  /** A callback with the given headers (both null: none at all). */
  int post(String body, Long timestamp, String sign) {
    if (timestamp == null && sign == null) {
      return given()
          .contentType("application/json")
          .body(body)
          .post("/webhooks/dingtalk/dingtalk-app")
          .then()
          .extract()
          .statusCode();
    }
    return send("dingtalk-app", SignedCallbacks.dingTalkRawHeaders(timestamp, sign), body)
        .statusCode();
  }

  ExtractableResponse<Response> send(String bot, Map<String, String> headers, String body) {
    return given()
        .contentType("application/json")
        .headers(headers)
        .body(body)
        .post("/webhooks/dingtalk/" + bot)
        .then()
        .extract();
  }

  int signedPost(String body) {
    return signed("dingtalk-app", body, Stamps.next(wall), APP_SECRET).statusCode();
  }

  /** A callback signed with {@code secret} for {@code ts}. */
  ExtractableResponse<Response> signed(String bot, String body, long ts, String secret) {
    return send(bot, SignedCallbacks.dingTalkHeaders(ts, secret), body);
  }

  @Test
  void aSignedGroupMessageIsRecordedOnceAndAnsweredThroughTheSessionWebhook() throws Exception {
    assertThat(signedPost(payload("group-text.json"))).isEqualTo(200);
    assertThat(Outboxes.reports()).isEqualTo(1);
    assertThat(signedPost(payload("group-text.json")))
        .as("a replay is acknowledged")
        .isEqualTo(200);
    assertThat(Outboxes.reports()).as("and not acted on again").isEqualTo(1);
    assertThat(Outboxes.inbox()).isEqualTo(1);
    List<OutboxMessage> replies = Outboxes.of(MessageKind.REPLY);
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).chatId).isEqualTo("cidWujinRsj01==");

    server.enqueue(
        new MockResponse.Builder().code(200).body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
    dispatcher.drain();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/robot/sendBySession?session=s3cr3t");
    JsonNode body = json.readTree(r.getBody().utf8());
    assertThat(body.path("msgtype").asText()).isEqualTo("text");
    assertThat(body.path("text").path("content").asText())
        .isEqualTo("已记录：新增就业岗位 累计 12,000 / 48,000 个（25.0%），序时进度 46.8%，慢序时");
    assertThat(body.path("msgUuid").asText())
        .isEqualTo(Outboxes.of(MessageKind.REPLY).get(0).idempotencyKey);
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).status).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void afterTheSessionWebhookExpiredTheReplyGoesThroughTheOpenApi() throws Exception {
    assertThat(signedPost(payload("group-text.json"))).isEqualTo(200);
    wall.advance(Duration.ofMinutes(95));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at-123\",\"expireIn\":7200}")
            .build());
    server.enqueue(
        new MockResponse.Builder().code(200).body("{\"processQueryKey\":\"pqk\"}").build());
    dispatcher.drain();
    RecordedRequest token = server.takeRequest();
    assertThat(token.getTarget()).isEqualTo("/v1.0/oauth2/accessToken");
    assertThat(json.readTree(token.getBody().utf8()).toString())
        .isEqualTo("{\"appKey\":\"dingappkey\",\"appSecret\":\"" + APP_SECRET + "\"}");
    RecordedRequest send = server.takeRequest();
    assertThat(send.getTarget()).isEqualTo("/v1.0/robot/groupMessages/send");
    assertThat(send.getHeaders().get("x-acs-dingtalk-access-token")).isEqualTo("at-123");
    JsonNode body = json.readTree(send.getBody().utf8());
    assertThat(body.path("msgKey").asText()).isEqualTo("sampleText");
    assertThat(body.path("openConversationId").asText()).isEqualTo("cidWujinRsj01==");
    assertThat(body.path("robotCode").asText()).isEqualTo("dingrobotwujin");
    assertThat(json.readTree(body.path("msgParam").asText()).path("content").asText())
        .startsWith("已记录：新增就业岗位 累计");
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).status).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void aOneToOneMessageIsAnsweredToThatPerson() throws Exception {
    assertThat(signedPost(payload("one-to-one-text.json"))).isEqualTo(200);
    OutboxMessage reply = Outboxes.of(MessageKind.REPLY).get(0);
    assertThat(reply.chatId).isEqualTo("u:dt-leader-01");
    assertThat(reply.text).contains("全区进度");
    wall.advance(Duration.ofHours(2));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at-9\",\"expireIn\":7200}")
            .build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    dispatcher.drain();
    server.takeRequest();
    RecordedRequest send = server.takeRequest();
    assertThat(send.getTarget()).isEqualTo("/v1.0/robot/oToMessages/batchSend");
    assertThat(json.readTree(send.getBody().utf8()).path("userIds").toString())
        .isEqualTo("[\"dt-leader-01\"]");
  }

  @Test
  void aPictureGetsASentenceAndChangesNothing() {
    assertThat(signedPost(payload("picture.json"))).isEqualTo(200);
    assertThat(Outboxes.reports()).isZero();
    // a picture is evidence now (DingTalkFileMessagesTest): without a recent report, not kept
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).text)
        .doesNotContain("只能处理文字消息")
        .contains("未保存");
  }

  @Test
  void aCapturedSignatureCannotCarryAnotherMessage() {
    // a genuine callback, captured with its headers
    long ts = Stamps.next(wall);
    String sign = DingTalkSigner.sign(ts, APP_SECRET);
    String genuine = payload("group-text.json").replace("上报 新增就业岗位 1.2万", "进度 就业助推工程");
    assertThat(post(genuine, ts, sign)).isEqualTo(200);
    // a minute later the same headers carry a forged body as someone else
    wall.advance(Duration.ofMinutes(1));
    String forged =
        payload("group-text.json")
            .replace("msgDtGroup0001==", "msgForged0001==")
            .replace("\"senderStaffId\": \"dt-rsj-01\"", "\"senderStaffId\": \"dt-admin-01\"")
            .replace("上报 新增就业岗位 1.2万", "代报 人社局 新增就业岗位 99999");
    var refused = send("dingtalk-app", SignedCallbacks.dingTalkRawHeaders(ts, sign), forged);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.jsonPath().getString("error")).contains("重放");
    assertThat(Outboxes.reports()).isZero();
    assertThat(Outboxes.inbox()).isEqualTo(1);
    // the genuine message delivered again under its own headers is a duplicate: acknowledged
    assertThat(post(genuine, ts, sign)).isEqualTo(200);
    assertThat(Outboxes.inbox()).isEqualTo(1);
    // two genuine messages signed in the same millisecond, arriving within 200 ms, both count
    long same = Stamps.next(wall);
    String signSame = DingTalkSigner.sign(same, APP_SECRET);
    assertThat(post(genuine.replace("msgDtGroup0001==", "msgTwinA=="), same, signSame))
        .isEqualTo(200);
    wall.advance(Duration.ofMillis(150));
    assertThat(post(genuine.replace("msgDtGroup0001==", "msgTwinB=="), same, signSame))
        .isEqualTo(200);
    assertThat(Outboxes.inbox()).isEqualTo(3);
    wall.advance(Duration.ofMillis(100));
    assertThat(post(genuine.replace("msgDtGroup0001==", "msgTwinC=="), same, signSame))
        .as("250 ms after the first: a replay")
        .isEqualTo(401);
    assertThat(Outboxes.inbox()).isEqualTo(3);
  }

  @Test
  void aBotWithAllowedIpsRefusesCallbacksFromElsewhere() {
    String body = payload("group-text.json");
    var refused = signed("dingtalk-fenced", body, Stamps.next(wall), APP_SECRET);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.jsonPath().getString("error")).contains("allowed-ips");
    assertThat(Outboxes.inbox()).isZero();
    assertThat(signed("dingtalk-local", body, Stamps.next(wall), APP_SECRET).statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusedCallbacksAnswer401AndChangeNothing() {
    String body = payload("group-text.json");
    long ts = wall.millis();
    assertThat(signed("dingtalk-app", body, ts, "wrong-secret").statusCode()).isEqualTo(401);
    long stale = ts - Duration.ofHours(2).toMillis();
    assertThat(signed("dingtalk-app", body, stale, APP_SECRET).statusCode()).isEqualTo(401);
    long future = ts + Duration.ofHours(2).toMillis();
    assertThat(signed("dingtalk-app", body, future, APP_SECRET).statusCode()).isEqualTo(401);
    assertThat(post(body, null, null)).isEqualTo(401);
    assertThat(post(body, ts, "not base64!")).isEqualTo(401);
    assertThat(signedPost("{\"msgtype\":\"text\",")).isEqualTo(400);
    assertThat(signedPost("[]")).isEqualTo(400);
    assertThat(
            given()
                .contentType("application/json")
                .body(body)
                .post("/webhooks/dingtalk/nobody")
                .then()
                .extract()
                .statusCode())
        .isEqualTo(404);
    assertThat(Outboxes.inbox()).isZero();
    assertThat(Outboxes.reports()).isZero();
    assertThat(Outboxes.of(MessageKind.REPLY)).isEmpty();
  }

  @Test
  void aForgedSessionWebhookToAnotherHostIsNotUsed() {
    String forged =
        Payloads.read("dingtalk", "group-text.json")
            .replace("SESSION_WEBHOOK", "http://evil.example/steal");
    assertThat(signedPost(forged)).isEqualTo(200);
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at\",\"expireIn\":7200}")
            .build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(2); // token + OpenAPI, never evil.example
  }

  @Test
  void theGroupRobotMentionsByMobileInTheAtListAndTheText() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"errcode\":0}").build());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(
                            new Route("dingtalk-group", null), MessageKind.REMINDER, "请报送 6 月数据")
                        .mention(List.of(new Mention("赵示一", "13800000001", "dt-rsj-01")))));
    dispatcher.drain();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().queryParameter("access_token")).isEqualTo("grouptoken");
    long ts = Long.parseLong(r.getUrl().queryParameter("timestamp"));
    assertThat(r.getUrl().queryParameter("sign"))
        .isEqualTo(DingTalkSigner.sign(ts, WEBHOOK_SECRET));
    JsonNode body = json.readTree(r.getBody().utf8());
    assertThat(body.path("text").path("content").asText()).isEqualTo("请报送 6 月数据 @13800000001");
    assertThat(body.path("at").toString())
        .isEqualTo("{\"atMobiles\":[\"13800000001\"],\"atUserIds\":[],\"isAtAll\":false}");
  }
}
