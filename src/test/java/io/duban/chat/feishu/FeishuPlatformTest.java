package io.duban.chat.feishu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.Mention;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.outbox.OutboxStatus;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.SignedCallbacks;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feishu end to end: url_verification plain and encrypted, an encrypted and signed message event
 * answered through the app's reply API, refusals, the signed custom bot webhook and error codes.
 */
@QuarkusTest
class FeishuPlatformTest {
  static final String TOKEN = "feishu-verification-token";
  static final String KEY = "督办加密密钥 Encrypt Key";
  static final byte[] IV = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);

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
          feishu-app:
            platform: feishu
            app-key: cli_wujin
            app-secret: ${APP_SECRET}
            token: ${TOKEN}
            encrypt-key: ${KEY}
            api-base-url: ${BASE}
          feishu-plain:
            platform: feishu
            app-key: cli_plain
            app-secret: plain-secret
            token: ${TOKEN}
            api-base-url: ${BASE}
          feishu-group:
            platform: feishu
            webhook-url: ${BASE}/open-apis/bot/v2/hook/hook-token-secret
            secret: ${HOOK_SECRET}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of(
            "APP_SECRET",
            "app-secret-value",
            "TOKEN",
            TOKEN,
            "KEY",
            KEY,
            "BASE",
            base,
            "HOOK_SECRET",
            "hook-secret"));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
  }

  String encrypted(String plain) {
    return SignedCallbacks.feishuEncrypted(KEY, plain, IV);
  }

  ExtractableResponse<Response> post(String bot, String body, Map<String, String> headers) {
    var req = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
    headers.forEach(req::header);
    return req.post("/webhooks/feishu/" + bot).then().extract();
  }

  Map<String, String> signed(String body) {
    String ts = Long.toString(wall.instant().getEpochSecond());
    return SignedCallbacks.feishuHeaders(
        ts, "nonce-42", KEY, body.getBytes(StandardCharsets.UTF_8));
  }

  String message() {
    return Payloads.read("feishu", "message-text.json").replace("\"TOKEN\"", "\"" + TOKEN + "\"");
  }

  @Test
  void urlVerificationPlainAndEncrypted() {
    String challenge =
        Payloads.read("feishu", "url-verification.json").replace("\"TOKEN\"", "\"" + TOKEN + "\"");
    var plain = post("feishu-plain", challenge, Map.of());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.asString()).isEqualTo("{\"challenge\":\"ajls384kdjx98XX\"}");
    var enc = post("feishu-app", encrypted(challenge), Map.of());
    assertThat(enc.asString()).isEqualTo("{\"challenge\":\"ajls384kdjx98XX\"}");
    assertThat(post("feishu-plain", challenge.replace(TOKEN, "wrong"), Map.of()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void anEncryptedSignedMessageIsRecordedOnceAndAnsweredWithTheReplyApi() throws Exception {
    String body = encrypted(message());
    var r = post("feishu-app", body, signed(body));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.asString()).isEqualTo("{}");
    assertThat(Outboxes.reports()).isEqualTo(1);
    assertThat(post("feishu-app", body, signed(body)).statusCode()).isEqualTo(200);
    assertThat(Outboxes.reports()).as("deduplicated by message_id").isEqualTo(1);

    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-abc\",\"expire\":7200}")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":0,\"msg\":\"success\",\"data\":{}}")
            .build());
    dispatcher.drain();
    RecordedRequest token = server.takeRequest();
    assertThat(token.getTarget()).isEqualTo("/open-apis/auth/v3/tenant_access_token/internal");
    assertThat(token.getBody().utf8())
        .isEqualTo("{\"app_id\":\"cli_wujin\",\"app_secret\":\"app-secret-value\"}");
    RecordedRequest reply = server.takeRequest();
    assertThat(reply.getTarget()).isEqualTo("/open-apis/im/v1/messages/om_wujin_0001/reply");
    assertThat(reply.getHeaders().get("Authorization")).isEqualTo("Bearer t-abc");
    JsonNode sent = json.readTree(reply.getBody().utf8());
    assertThat(sent.path("msg_type").asText()).isEqualTo("text");
    assertThat(json.readTree(sent.path("content").asText()).path("text").asText())
        .startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个");
    assertThat(sent.path("uuid").asText())
        .isEqualTo(Outboxes.of(MessageKind.REPLY).get(0).idempotencyKey);
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).status).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void otherEventsAreAcknowledgedAndIgnored() {
    String body =
        encrypted(
            Payloads.read("feishu", "other-event.json").replace("\"TOKEN\"", "\"" + TOKEN + "\""));
    var r = post("feishu-app", body, signed(body));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Outboxes.inbox()).isZero();
  }

  @Test
  void refusedCallbacksChangeNothing() {
    String body = encrypted(message());
    Map<String, String> good = signed(body);
    assertThat(post("feishu-app", body, Map.of()).statusCode()).as("no signature").isEqualTo(401);
    assertThat(
            post(
                    "feishu-app",
                    body,
                    Map.of(
                        "X-Lark-Request-Timestamp", good.get("X-Lark-Request-Timestamp"),
                        "X-Lark-Request-Nonce", good.get("X-Lark-Request-Nonce"),
                        "X-Lark-Signature", "0".repeat(64)))
                .statusCode())
        .as("bad signature")
        .isEqualTo(401);
    String old = Long.toString(wall.instant().getEpochSecond() - 7200);
    assertThat(
            post(
                    "feishu-app",
                    body,
                    SignedCallbacks.feishuHeaders(
                        old, "n", KEY, body.getBytes(StandardCharsets.UTF_8)))
                .statusCode())
        .as("stale")
        .isEqualTo(401);
    assertThat(post("feishu-app", message(), signed(message())).statusCode())
        .as("not encrypted")
        .isEqualTo(401);
    String garbage = "{\"encrypt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}";
    assertThat(post("feishu-app", garbage, signed(garbage)).statusCode())
        .as("garbage ciphertext")
        .isEqualTo(401);
    String wrongToken = encrypted(message().replace(TOKEN, "someone-else"));
    assertThat(post("feishu-app", wrongToken, signed(wrongToken)).statusCode())
        .as("wrong token")
        .isEqualTo(403);
    assertThat(post("feishu-app", "{oops", Map.of()).statusCode()).isEqualTo(400);
    assertThat(Outboxes.inbox()).isZero();
    assertThat(Outboxes.reports()).isZero();
  }

  @Test
  void theCustomBotWebhookIsSignedInTheBodyAndMentionsByOpenId() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":0,\"msg\":\"success\",\"data\":{}}")
            .build());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(new Route("feishu-group", null), MessageKind.REMINDER, "请报送")
                        .mention(List.of(new Mention("赵示一", "13800000001", "ou_rsj01")))));
    dispatcher.drain();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getTarget()).isEqualTo("/open-apis/bot/v2/hook/hook-token-secret");
    long ts = MutableClock.START.getEpochSecond();
    assertThat(r.getBody().utf8())
        .isEqualTo(
            "{\"timestamp\":\""
                + ts
                + "\",\"sign\":\""
                + FeishuCrypto.webhookSign(ts, "hook-secret")
                + "\",\"msg_type\":\"text\",\"content\":{\"text\":\"请报送 <at user_id=\\\"ou_rsj01\\\">赵示一</at>\"}}");
  }

  @Test
  void signatureErrorsAreFinalAndFrequencyLimitsPause() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(
                "{\"code\":19021,\"msg\":\"sign match fail or timestamp is not within one hour from current time\"}")
            .build());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(new Route("feishu-group", null), MessageKind.NOTICE, "一")));
    dispatcher.drain();
    assertThat(Outboxes.of(MessageKind.NOTICE).get(0).status).isEqualTo(OutboxStatus.FAILED);
    assertThat(Outboxes.of(MessageKind.NOTICE).get(0).lastError).startsWith("飞书 code 19021");
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":11232,\"msg\":\"frequency limit\"}")
            .build());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(new Route("feishu-group", null), MessageKind.NOTICE, "二")));
    dispatcher.drain();
    assertThat(dispatcher.pausedUntil("feishu-group")).hasValue(MutableClock.START.plusSeconds(60));
  }
}
