package io.duban.chat.outbox;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.Route;
import io.duban.chat.dingtalk.DingTalkSigner;
import io.duban.support.MutableClock;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against a DingTalk group robot played by MockWebServer: every message ends SENT once
 * or FAILED with the platform's reason; pacing and backoff follow the pinned wall clock.
 */
@QuarkusTest
class OutboxTest {
  static final String SECRET = "SEC0123456789abcdef";

  @Inject Outbox outbox;
  @Inject OutboxDispatcher dispatcher;
  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject MeterRegistry metrics;
  @Inject ObjectMapper json;

  MockWebServer server;

  @BeforeEach
  void setUp() throws Exception {
    data.resetOutbox();
    data.resetReports();
    wall.set(MutableClock.START);
    server = new MockWebServer();
    server.start();
    bots.install(
        """
        bots:
          dt:
            platform: dingtalk
            webhook-url: ${URL}
            secret: ${SECRET}
          dt-fast:
            platform: dingtalk
            webhook-url: ${URL}
            oapi-base-url: ${BASE}
            rate-limit: 0
          console:
            platform: console
        routes:
          default: dt
          leaders: dt
          admin: console
        """,
        Map.of(
            "URL",
            server.url("/robot/send?access_token=tok-SECRET-123").toString(),
            "SECRET",
            SECRET,
            "BASE",
            server.url("/").toString().replaceAll("/$", "")));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    wall.set(MutableClock.START);
    data.resetOutbox();
  }

  long enqueue(String bot, String text) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                outbox.enqueue(Outbox.Draft.of(new Route(bot, null), MessageKind.NOTICE, text)).id);
  }

  OutboxMessage row(long id) {
    return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.findById(id));
  }

  List<OutboxMessage> rows(MessageKind kind) {
    return QuarkusTransaction.requiringNew()
        .call(() -> OutboxMessage.list("kind = ?1 order by id", kind));
  }

  static MockResponse ok() {
    return new MockResponse.Builder().code(200).body("{\"errcode\":0,\"errmsg\":\"ok\"}").build();
  }

  static MockResponse errcode(int code, String msg) {
    return new MockResponse.Builder()
        .code(200)
        .body("{\"errcode\":" + code + ",\"errmsg\":\"" + msg + "\"}")
        .build();
  }

  JsonNode body(RecordedRequest r) throws Exception {
    return json.readTree(r.getBody().utf8());
  }

  @Test
  void aMessageIsSentOnceSignedWithTheWholeBodyChecked() throws Exception {
    server.enqueue(ok());
    long id = enqueue("dt", "【督办】测试通知");
    assertThat(dispatcher.drain()).isEqualTo(1);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/robot/send");
    assertThat(r.getUrl().queryParameter("access_token")).isEqualTo("tok-SECRET-123");
    long ts = Long.parseLong(r.getUrl().queryParameter("timestamp"));
    assertThat(ts).isEqualTo(MutableClock.START.toEpochMilli());
    // the sign is URL-encoded exactly once in the query and is the 加签 of the pinned time
    String rawSign = r.getTarget().replaceAll(".*[?&]sign=([^&]+).*", "$1");
    assertThat(URLDecoder.decode(rawSign, StandardCharsets.UTF_8))
        .isEqualTo(DingTalkSigner.sign(ts, SECRET));
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    OutboxMessage m = row(id);
    assertThat(body(r).toString())
        .isEqualTo(
            "{\"msgtype\":\"text\",\"text\":{\"content\":\"【督办】测试通知\"},\"at\":{\"atMobiles\":[],\"atUserIds\":[],\"isAtAll\":false},\"msgUuid\":\""
                + m.idempotencyKey
                + "\"}");
    assertThat(m.status).isEqualTo(OutboxStatus.SENT);
    assertThat(m.attempts).isEqualTo(1);
    assertThat(dispatcher.drain()).isZero();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void errorsInTheBodyAreNotSentAndPermanentOnesStopAtOnceAndTellTheAdmins() {
    server.enqueue(errcode(310000, "sign not match"));
    long id = enqueue("dt", "通知");
    dispatcher.drain();
    OutboxMessage m = row(id);
    assertThat(m.status).isEqualTo(OutboxStatus.FAILED);
    assertThat(m.lastError).isEqualTo("钉钉 errcode 310000 sign not match");
    assertThat(m.attempts).isEqualTo(1);
    List<OutboxMessage> alerts = rows(MessageKind.ADMIN_ALERT);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).text).contains("消息发送失败").contains("310000").contains("通知");
    assertThat(alerts.get(0).status).isEqualTo(OutboxStatus.SENT); // the console route
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void serverErrorsTimeoutsAndBusyAnswersAreRetriedWithBackoffThenSentOnce() {
    server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    server.enqueue(errcode(-1, "系统繁忙"));
    server.enqueue(ok());
    long id = enqueue("dt", "通知");
    dispatcher.drain();
    assertThat(row(id).status).isEqualTo(OutboxStatus.PENDING);
    assertThat(row(id).lastError).isEqualTo("HTTP 500");
    Instant next = row(id).nextAttemptAt;
    // first backoff: 5 s × (0.5..1.5)
    assertThat(Duration.between(MutableClock.START, next))
        .isBetween(Duration.ofMillis(2500), Duration.ofMillis(7500));
    dispatcher.drain();
    assertThat(server.getRequestCount()).as("nothing is sent before the backoff ends").isEqualTo(1);
    wall.set(next);
    dispatcher.drain();
    assertThat(row(id).lastError).startsWith("网络错误");
    wall.set(row(id).nextAttemptAt);
    dispatcher.drain();
    assertThat(row(id).lastError).isEqualTo("钉钉 errcode -1 系统繁忙");
    wall.set(row(id).nextAttemptAt);
    dispatcher.drain();
    OutboxMessage m = row(id);
    assertThat(m.status).isEqualTo(OutboxStatus.SENT);
    assertThat(m.attempts).isEqualTo(4);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void aRateLimitAnswerPausesTheWholeQueueForTenMinutes() {
    server.enqueue(errcode(130101, "send too fast, exceed 20 times per minute"));
    server.enqueue(ok());
    long a = enqueue("dt", "第一条");
    long b =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    outbox.enqueue(
                            Outbox.Draft.of(new Route("dt", null), MessageKind.NOTICE, "第二条"))
                        .id);
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(dispatcher.pausedUntil("dt"))
        .hasValue(MutableClock.START.plus(Duration.ofMinutes(10)));
    wall.advance(Duration.ofMinutes(9));
    dispatcher.drain();
    assertThat(server.getRequestCount()).as("paused").isEqualTo(1);
    wall.advance(Duration.ofMinutes(1));
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(row(a).status).isEqualTo(OutboxStatus.SENT);
    assertThat(row(b).status).isEqualTo(OutboxStatus.SENT);
    assertThat(row(b).mergedInto).isEqualTo(a);
    assertThat(row(a).attempts).as("a rate-limit answer does not use up attempts").isEqualTo(1);
  }

  @Test
  void pacingWaitsAndNeverDrops() {
    for (int i = 0; i < 25; i++) {
      server.enqueue(ok());
    }
    String big = "字".repeat(3500); // 10.5 KB: two never fit into one send
    for (int i = 0; i < 25; i++) {
      enqueue("dt", i + big);
    }
    dispatcher.drain();
    assertThat(server.getRequestCount()).as("20 a minute").isEqualTo(20);
    wall.advance(Duration.ofSeconds(60));
    dispatcher.drain();
    assertThat(server.getRequestCount())
        .as("a second of margin beyond the platform's minute")
        .isEqualTo(20);
    wall.advance(Duration.ofSeconds(1));
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(25);
    assertThat(rows(MessageKind.NOTICE)).allMatch(m -> m.status == OutboxStatus.SENT);
  }

  @Test
  void afterMaxAttemptsAMessageFailsWithThePlatformsErrorAndTheAdminsAreTold() {
    for (int i = 0; i < 8; i++) {
      server.enqueue(new MockResponse.Builder().code(502).body("bad gateway").build());
    }
    long id = enqueue("dt", "一定发不出去");
    for (int i = 0; i < 8; i++) {
      dispatcher.drain();
      wall.set(row(id).nextAttemptAt);
    }
    OutboxMessage m = row(id);
    assertThat(m.status).isEqualTo(OutboxStatus.FAILED);
    assertThat(m.attempts).isEqualTo(8);
    assertThat(m.lastError).isEqualTo("HTTP 502（已尝试 8 次）");
    assertThat(rows(MessageKind.ADMIN_ALERT))
        .extracting(x -> x.text)
        .anyMatch(t -> t.contains("一定发不出去"));
  }

  void enqueueReplies(int count) {
    String hook = server.url("/robot/sendBySession?session=").toString();
    for (int i = 0; i < count; i++) {
      int n = i;
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  outbox.enqueue(
                      Outbox.Draft.of(new Route("dt-fast", "cid-" + n), MessageKind.REPLY, "回复" + n)
                          .replyVia(hook + n, MutableClock.START.plus(Duration.ofMinutes(90)))));
    }
  }

  @Test
  void oneRoundSendsEverythingDueInBatches() throws Exception {
    for (int i = 0; i < 40; i++) {
      server.enqueue(ok());
    }
    enqueueReplies(40);
    assertThat(dispatcher.runOnce()).isEqualTo(40);
    assertThat(server.getRequestCount()).isEqualTo(40);
    java.util.Set<String> sessions = new java.util.HashSet<>();
    for (int i = 0; i < 40; i++) {
      sessions.add(server.takeRequest().getUrl().queryParameter("session"));
    }
    assertThat(sessions).as("each reply went once, to its own link").hasSize(40);
    assertThat(rows(MessageKind.REPLY))
        .hasSize(40)
        .allSatisfy(
            m -> {
              assertThat(m.status).as(m.lastError).isEqualTo(OutboxStatus.SENT);
              assertThat(m.attempts).isEqualTo(1);
            });
  }

  @Test
  void aConnectionThePlatformClosedIsRetriedOnAFreshOneNotCountedAsAFailure() {
    // servers close idle keep-alive connections; the next send on such a connection gets no
    // answer at all ("unexpected end of stream"): that is not the message's failure
    server.enqueue(ok());
    for (int i = 1; i < 5; i++) {
      server.enqueue(
          new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
      server.enqueue(ok());
    }
    for (int i = 0; i < 5; i++) {
      String text = "通知" + i;
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  outbox.enqueue(
                      Outbox.Draft.of(new Route("dt-fast", null), MessageKind.NOTICE, text)));
      dispatcher.drain();
    }
    assertThat(rows(MessageKind.NOTICE))
        .hasSize(5)
        .allSatisfy(
            m -> {
              assertThat(m.status).as(m.lastError).isEqualTo(OutboxStatus.SENT);
              assertThat(m.attempts).isEqualTo(1);
            });
  }

  @Test
  void messagesToOneChatInOneRoundAreMerged() throws Exception {
    server.enqueue(ok());
    enqueue("dt-fast", "人社局：请报送");
    enqueue("dt-fast", "总工会：请报送");
    enqueue("dt-fast", "农业局：请报送");
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(1);
    String content = body(server.takeRequest()).path("text").path("content").asText();
    assertThat(content).isEqualTo("人社局：请报送\n\n总工会：请报送\n\n农业局：请报送");
  }

  @Test
  void aMergedSendTakesAtMostTheMergeLimitOfOneChatsMessages() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());
    for (int i = 0; i < 60; i++) {
      enqueue("dt-fast", "单位" + i + "：请报送");
    }
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(2);
    String firstSend = body(server.takeRequest()).path("text").path("content").asText();
    String secondSend = body(server.takeRequest()).path("text").path("content").asText();
    assertThat(firstSend.split("\n\n")).hasSize(50).startsWith("单位0：请报送").endsWith("单位49：请报送");
    assertThat(secondSend.split("\n\n")).hasSize(10).startsWith("单位50：请报送").endsWith("单位59：请报送");
    assertThat(rows(MessageKind.NOTICE))
        .allSatisfy(m -> assertThat(m.status).isEqualTo(OutboxStatus.SENT));
  }

  /** Marks a message as being sent by another instance since {@code at} (its first attempt). */
  void claimAs(long id, String instance, Instant at) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              OutboxMessage m = OutboxMessage.findById(id);
              m.status = OutboxStatus.SENDING;
              m.claimedBy = instance;
              m.claimedAt = at;
              m.attempts = 1;
            });
  }

  @Test
  void aSendInterruptedByACrashIsTakenOverAfterTheLeaseAndCounted() {
    server.enqueue(ok());
    long id = enqueue("dt-fast", "中断的发送");
    claimAs(id, "dead-instance", MutableClock.START);
    double before = metrics.counter("duban_outbox_duplicates_after_crash_total").count();
    dispatcher.drain();
    assertThat(server.getRequestCount()).as("still within the lease").isZero();
    wall.advance(Duration.ofMinutes(3));
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(row(id).status).isEqualTo(OutboxStatus.SENT);
    assertThat(metrics.counter("duban_outbox_duplicates_after_crash_total").count())
        .isEqualTo(before + 1);
  }

  @Test
  void aSlowPlatformUnderABatchNeverLetsTheLeaseRunOut() throws Exception {
    // one chat's messages go one after another; each answer of this platform takes a quarter of
    // the lease, and another instance looks for expired claims before every answer
    java.util.concurrent.ConcurrentHashMap<String, Integer> received =
        new java.util.concurrent.ConcurrentHashMap<>();
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String text;
            try {
              text = body(request).path("text").path("content").asText();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            received.merge(text.substring(0, text.indexOf('号') + 1), 1, Integer::sum);
            wall.advance(Duration.ofSeconds(30));
            dispatcher.recoverExpiredClaims();
            return ok();
          }
        });
    String filler = "字".repeat(3400); // over half the byte limit: one message per send
    for (int i = 0; i < 16; i++) {
      enqueue("dt-fast", "消息" + i + "号 " + filler);
    }
    double before = metrics.counter("duban_outbox_duplicates_after_crash_total").count();
    dispatcher.drain();
    assertThat(received).hasSize(16).allSatisfy((text, n) -> assertThat(n).as(text).isEqualTo(1));
    assertThat(metrics.counter("duban_outbox_duplicates_after_crash_total").count())
        .as("no claim outlived its lease")
        .isEqualTo(before);
    assertThat(rows(MessageKind.NOTICE))
        .hasSize(16)
        .allSatisfy(m -> assertThat(m.status).as(m.lastError).isEqualTo(OutboxStatus.SENT));
  }

  /**
   * The platform answers only after the lease (2 min) has run out and another instance has taken
   * the claim back to the queue; {@code meanwhile} runs before the answer.
   */
  void answerAfterTheLease(Runnable meanwhile, MockResponse answer) {
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            wall.advance(Duration.ofMinutes(3));
            dispatcher.recoverExpiredClaims();
            meanwhile.run();
            return answer;
          }
        });
  }

  @Test
  void aClaimTakenOverByAnotherInstanceIsLeftToIt() throws Exception {
    long id = enqueue("dt-fast", "被接管的发送");
    // another instance claims the message the moment it is back in the queue
    answerAfterTheLease(() -> claimAs(id, "instance-b", wall.instant()), errcode(-1, "系统繁忙"));
    dispatcher.drain();
    OutboxMessage m = row(id);
    assertThat(m.status)
        .as("instance B decides, not the late answer")
        .isEqualTo(OutboxStatus.SENDING);
    assertThat(m.claimedBy).isEqualTo("instance-b");
  }

  @Test
  void aSendThatOutlivedItsLeaseIsNotRepeatedWhenNobodyClaimedItYet() throws Exception {
    long id = enqueue("dt-fast", "迟到的回执");
    answerAfterTheLease(() -> {}, ok());
    dispatcher.drain();
    assertThat(row(id).status).isEqualTo(OutboxStatus.SENT);
    wall.advance(Duration.ofMinutes(5));
    dispatcher.drain();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aDisabledBotFailsItsMessagesWithTheReason() {
    bots.install(
        """
        bots:
          off:
            platform: dingtalk
            webhook-url: ${MISSING_URL}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of());
    long id = enqueue("off", "发不出去");
    dispatcher.drain();
    assertThat(row(id).status).isEqualTo(OutboxStatus.FAILED);
    assertThat(row(id).lastError).contains("机器人已停用").contains("MISSING_URL");
  }

  @Test
  void theMessageLogShowsNoSecretsAndNoticesCanBePushed() {
    server.enqueue(
        new MockResponse.Builder()
            .code(404)
            .body("no route for /robot/send?access_token=tok-SECRET-123")
            .build());
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json")
        .body("{\"route\":\"leaders\",\"text\":\"请各单位 6 月 25 日前报送\"}")
        .post("/api/messages")
        .then()
        .statusCode(202);
    dispatcher.drain();
    String log =
        given()
            .header("Authorization", "Bearer " + Tokens.ADMIN)
            .get("/api/messages?limit=10")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(log).contains("请各单位 6 月 25 日前报送").contains("FAILED").contains("access_token=***");
    assertThat(log)
        .doesNotContain("tok-SECRET-123")
        .doesNotContain(SECRET)
        .doesNotContain(server.url("/").toString());
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json")
        .body("{\"route\":\"nowhere\",\"text\":\"x\"}")
        .post("/api/messages")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/messages?limit=0")
        .then()
        .statusCode(400);
  }

  @Test
  void aBindingRequestIsAnnouncedToTheAdminRoute() {
    say("dt-new-person", "绑定 13800000202");
    assertThat(rows(MessageKind.ADMIN_ALERT))
        .extracting(m -> m.text)
        .anyMatch(t -> t.contains("绑定申请 #") && t.contains("待审批") && t.contains("陈领导（示例）"));
  }
}
