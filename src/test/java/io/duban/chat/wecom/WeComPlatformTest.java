package io.duban.chat.wecom;

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
import io.duban.support.SignedCallbacks.Signed;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WeCom end to end: URL verification with the official vector, app XML and 智能机器人 JSON callbacks
 * encrypted with our own Chinese vectors, refusals, and the three ways out.
 */
@QuarkusTest
class WeComPlatformTest {
  static final String TOKEN = "WujinDuban2018";
  static final String AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String CORP = "ww-wujin-corp";

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject OutboxDispatcher dispatcher;
  @Inject Outbox outbox;
  @Inject ObjectMapper json;

  MockWebServer server;
  Map<String, String> official = Payloads.vector("wecom", "official-set-a.txt");

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
          wecom-app:
            platform: wecom
            token: ${TOKEN}
            encoding-aes-key: ${AES}
            receive-id: ww-wujin-corp
            corp-id: ww-wujin-corp
            corp-secret: ${CORP_SECRET}
            agent-id: "1000002"
            api-base-url: ${BASE}
          wecom-aibot:
            platform: wecom
            token: ${TOKEN}
            encoding-aes-key: ${AES}
            receive-id: ""
            api-base-url: ${BASE}
          wecom-official:
            platform: wecom
            token: QDG6eK
            encoding-aes-key: jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C
            receive-id: wx5823bf96d3bd56c7
          wecom-group:
            platform: wecom
            webhook-url: ${BASE}/cgi-bin/webhook/send?key=robot-key-secret
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("TOKEN", TOKEN, "AES", AES, "CORP_SECRET", "corp-secret-value", "BASE", base));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
  }

  long ts() {
    return wall.instant().getEpochSecond();
  }

  ExtractableResponse<Response> post(String bot, Signed callback) {
    return callback
        .given()
        .contentType(callback.text().startsWith("{") ? "application/json" : "text/xml")
        .post("/webhooks/wecom/" + bot)
        .then()
        .extract();
  }

  /** A callback with a signature of the test's choosing. */
  ExtractableResponse<Response> post(
      String bot, String signature, long timestamp, String nonce, String body) {
    return post(
        bot, SignedCallbacks.weComSignedAs(signature, Long.toString(timestamp), nonce, body));
  }

  /** {@code encrypt} in the app's XML envelope, signed over the ciphertext as it is. */
  Signed app(WeComCrypto crypto, long timestamp, String encrypt) {
    return SignedCallbacks.weCom(
        crypto, Long.toString(timestamp), "1", encrypt, SignedCallbacks.weComEnvelope(encrypt));
  }

  @Test
  void urlVerificationWithTheOfficialVectorAnswersThePlaintextRaw() {
    // the official vector was signed years ago: the wall clock goes back to then
    wall.set(Instant.ofEpochSecond(Long.parseLong(official.get("echo_timestamp"))));
    ExtractableResponse<Response> r =
        given()
            .urlEncodingEnabled(true)
            .queryParam("msg_signature", official.get("echo_msg_signature"))
            .queryParam("timestamp", official.get("echo_timestamp"))
            .queryParam("nonce", official.get("echo_nonce"))
            .queryParam("echostr", official.get("echostr"))
            .get("/webhooks/wecom/wecom-official")
            .then()
            .extract();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.asString()).isEqualTo(official.get("echo_plain"));
    assertThat(r.contentType()).startsWith("text/plain");
  }

  @Test
  void theOfficialEncryptedMessageIsAccepted() {
    wall.set(Instant.ofEpochSecond(Long.parseLong(official.get("timestamp"))));
    var r =
        post(
            "wecom-official",
            official.get("msg_signature"),
            Long.parseLong(official.get("timestamp")),
            official.get("nonce"),
            SignedCallbacks.weComEnvelope(official.get("encrypt")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.asString()).isEqualTo("success");
    assertThat(Outboxes.inbox()).isEqualTo(1);
    // "mycreate" is not a registered contact
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).text).contains("还没有登记");
  }

  @Test
  void anAppMessageIsRecordedAndAnsweredThroughTheAppApi() throws Exception {
    WeComCrypto crypto = new WeComCrypto(TOKEN, AES, CORP);
    Signed callback =
        SignedCallbacks.weComApp(
            crypto, Long.toString(ts()), "98765", Payloads.read("wecom", "app-text.xml"));
    var r = post("wecom-app", callback);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.asString()).isEqualTo("success");
    assertThat(Outboxes.reports()).isEqualTo(1);
    // a retried delivery of the same MsgId
    assertThat(post("wecom-app", callback).statusCode()).isEqualTo(200);
    assertThat(Outboxes.reports()).isEqualTo(1);

    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"errcode\":0,\"access_token\":\"wc-token\",\"expires_in\":7200}")
            .build());
    server.enqueue(
        new MockResponse.Builder().code(200).body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
    dispatcher.drain();
    RecordedRequest token = server.takeRequest();
    assertThat(token.getMethod()).isEqualTo("GET");
    assertThat(token.getUrl().encodedPath()).isEqualTo("/cgi-bin/gettoken");
    assertThat(token.getUrl().queryParameter("corpid")).isEqualTo(CORP);
    assertThat(token.getUrl().queryParameter("corpsecret")).isEqualTo("corp-secret-value");
    RecordedRequest send = server.takeRequest();
    assertThat(send.getTarget()).isEqualTo("/cgi-bin/message/send?access_token=wc-token");
    JsonNode body = json.readTree(send.getBody().utf8());
    assertThat(body.path("touser").asText()).isEqualTo("wx-rsj-01");
    assertThat(body.path("msgtype").asText()).isEqualTo("text");
    assertThat(body.path("agentid").asLong()).isEqualTo(1000002);
    assertThat(body.path("text").path("content").asText())
        .startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个");
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).status).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void anAppEventIsAcknowledgedAndIgnored() {
    WeComCrypto crypto = new WeComCrypto(TOKEN, AES, CORP);
    var r =
        post(
            "wecom-app",
            SignedCallbacks.weComApp(
                crypto, Long.toString(ts()), "1", Payloads.read("wecom", "app-event.xml")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Outboxes.inbox()).isZero();
  }

  @Test
  void aSmartBotMessageIsAnsweredThroughItsResponseUrl() throws Exception {
    WeComCrypto crypto = new WeComCrypto(TOKEN, AES, "");
    String plain =
        Payloads.read("wecom", "aibot-text.json")
            .replace("RESPONSE_URL", server.url("/cgi-bin/aibot/response?code=abc").toString());
    var r =
        post("wecom-aibot", SignedCallbacks.weComAibot(crypto, Long.toString(ts()), "555", plain));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Outboxes.reports()).isEqualTo(1);
    OutboxMessage reply = Outboxes.of(MessageKind.REPLY).get(0);
    assertThat(reply.chatId).isEqualTo("wrWujinGroup01");
    server.enqueue(
        new MockResponse.Builder().code(200).body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
    dispatcher.drain();
    RecordedRequest send = server.takeRequest();
    assertThat(send.getTarget()).isEqualTo("/cgi-bin/aibot/response?code=abc");
    JsonNode json = this.json.readTree(send.getBody().utf8());
    assertThat(json.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(json.path("markdown").path("content").asText())
        .startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个");
  }

  @Test
  void refusedCallbacksAnswer401Or403AndChangeNothing() {
    WeComCrypto crypto = new WeComCrypto(TOKEN, AES, CORP);
    String encrypt = crypto.encrypt(Payloads.read("wecom", "app-text.xml"));
    // wrong signature
    assertThat(
            post("wecom-app", "0".repeat(40), ts(), "1", SignedCallbacks.weComEnvelope(encrypt))
                .statusCode())
        .isEqualTo(401);
    // stale timestamp, correctly signed
    long old = ts() - Duration.ofHours(3).getSeconds();
    assertThat(post("wecom-app", app(crypto, old, encrypt)).statusCode()).isEqualTo(401);
    // truncated ciphertext, signed as it is
    String truncated = encrypt.substring(0, 40);
    assertThat(post("wecom-app", app(crypto, ts(), truncated)).statusCode()).isEqualTo(401);
    // garbage that is not Base64
    String garbage = "!!!not-base64!!!";
    assertThat(post("wecom-app", app(crypto, ts(), garbage)).statusCode()).isEqualTo(401);
    // encrypted for another corp: right signature, wrong receiveId
    WeComCrypto other = new WeComCrypto(TOKEN, AES, "ww-other-corp");
    String foreign = other.encrypt(Payloads.read("wecom", "app-text.xml"));
    assertThat(post("wecom-app", app(crypto, ts(), foreign)).statusCode()).isEqualTo(403);
    // broken XML and an XXE attempt
    assertThat(post("wecom-app", "x", ts(), "1", "<xml><Encrypt>").statusCode()).isEqualTo(400);
    assertThat(
            post(
                    "wecom-app",
                    "x",
                    ts(),
                    "1",
                    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>")
                .statusCode())
        .isEqualTo(400);
    assertThat(Outboxes.inbox()).isZero();
    assertThat(Outboxes.reports()).isZero();
  }

  @Test
  void theGroupRobotSendsMarkdownWithUserIdMentionsAndSplitsLongTexts() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"errcode\":0}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"errcode\":0}").build());
    String line = "· 人社局：新增就业岗位、城镇就业 等 6 项未报\n";
    String longText = line.repeat(80); // about 5 KB: over the 4096-byte markdown limit
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(
                            new Route("wecom-group", null), MessageKind.REMINDER, longText.trim())
                        .mention(List.of(new Mention("赵示一", "13800000001", "wx-rsj-01")))));
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(2);
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(first.getTarget()).isEqualTo("/cgi-bin/webhook/send?key=robot-key-secret");
    JsonNode a = json.readTree(first.getBody().utf8());
    JsonNode b = json.readTree(second.getBody().utf8());
    assertThat(a.path("msgtype").asText()).isEqualTo("markdown");
    String partA = a.path("markdown").path("content").asText();
    String partB = b.path("markdown").path("content").asText();
    assertThat(partA.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    assertThat(partA).endsWith("<@wx-rsj-01>");
    assertThat(partB).doesNotContain("<@");
    assertThat(partA.replace(" <@wx-rsj-01>", "") + "\n" + partB).isEqualTo(longText.trim());
  }

  @Test
  void frequencyLimitPausesTheRobotForAMinute() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")
            .build());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(new Route("wecom-group", null), MessageKind.NOTICE, "通知")));
    dispatcher.drain();
    assertThat(dispatcher.pausedUntil("wecom-group")).hasValue(MutableClock.START.plusSeconds(60));
    assertThat(Outboxes.of(MessageKind.NOTICE).get(0).lastError)
        .isEqualTo("企业微信 errcode 45009 api freq out of limit");
  }
}
