package io.duban.chat.wecom;

import static io.duban.chat.wecom.FakeWeComServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.BotRegistry;
import io.duban.chat.Platform;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxStatus;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.Reconnects;
import io.duban.chat.stream.StreamConnections;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WeCom 智能机器人 long connection against a fake WeCom end on loopback: subscribe, heartbeat, a
 * recorded message through the inbox, its reply as aibot_respond_msg with the message's req_id,
 * pushes as aibot_send_msg, errcodes, reconnects, and disconnected_event.
 */
@QuarkusTest
class WeComStreamTest {
  static final String BOT = "wecom-ws";
  static final String GROUP = "wrWujinGroup01";

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject BotRegistry registry;
  @Inject StreamConnections connections;
  @Inject WeComStreamFactory factory;
  @Inject WeComLeases leases;
  @Inject OutboxDispatcher dispatcher;
  @Inject Outbox outbox;
  @Inject EntityManager em;

  final ObjectMapper json = new ObjectMapper();
  FakeWeComServer wecom;
  MockWebServer api;

  static String yaml() {
    return """
        bots:
          wecom-ws:
            platform: wecom
            mode: stream
            bot-id: ${BOT_ID}
            secret: ${BOT_SECRET}
            ws-url: ${WS}
            api-base-url: ${API}
          console:
            platform: console
        routes:
          admin: console
        """;
  }

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    clearLeases(em);
    wecom = new FakeWeComServer();
    api = new MockWebServer();
    api.start();
    bots.install(
        yaml(),
        Map.of(
            "BOT_ID",
            "aibot-wujin-ws",
            "BOT_SECRET",
            "ws-secret-value",
            "WS",
            wecom.url(),
            "API",
            api.url("/").toString().replaceAll("/$", "")));
    factory.timings(
        Duration.ofMillis(150),
        Duration.ofSeconds(3),
        Reconnects.WECOM.scaled(0.05),
        Duration.ofMillis(300));
    leases.timings(Duration.ofSeconds(30), Duration.ofMillis(100));
    connections.open(registry.bot(BOT).orElseThrow());
    await("connected", () -> status().state() == ConnectionStatus.State.CONNECTED);
  }

  @AfterEach
  void tearDown() throws Exception {
    connections.close(BOT);
    wecom.close();
    api.close();
    bots.restore();
    factory.timings(
        Duration.ofSeconds(30), Duration.ofSeconds(5), Reconnects.WECOM, Duration.ofMinutes(5));
    leases.timings(Duration.ofSeconds(30), Duration.ofSeconds(10));
    clearLeases(em);
    data.resetOutbox();
    data.resetReports();
  }

  static void clearLeases(EntityManager em) {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM stream_lease").executeUpdate());
  }

  ConnectionStatus status() {
    return connections.status(BOT, Platform.WECOM);
  }

  /** The recorded 智能机器人 text message as the connection's body (no response_url). */
  String body(String msgId, String text) throws Exception {
    ObjectNode body = (ObjectNode) json.readTree(Payloads.read("wecom", "aibot-text.json"));
    body.remove("response_url");
    body.put("msgid", msgId);
    if (text != null) {
      ((ObjectNode) body.get("text")).put("content", text);
    }
    return json.writeValueAsString(body);
  }

  void enqueue(MessageKind kind, String text) {
    QuarkusTransaction.requiringNew()
        .run(() -> outbox.enqueue(Outbox.Draft.of(new Route(BOT, GROUP), kind, text)));
  }

  @Test
  void subscribesAndAnswersAMessageWithItsReqIdAndPushesAReminder() throws Exception {
    JsonNode subscribe = wecom.subscribes.get(0).path("body");
    assertThat(subscribe.path("bot_id").asText()).isEqualTo("aibot-wujin-ws");
    assertThat(subscribe.path("secret").asText()).isEqualTo("ws-secret-value");
    await("a ping answered", () -> wecom.pings.get() >= 2);
    assertThat(status().state()).isEqualTo(ConnectionStatus.State.CONNECTED);

    wecom.pushMessage("req-msg-1", body("aibot-msg-0001", null));
    await("the reply queued", () -> Outboxes.of(MessageKind.REPLY).size() == 1);
    assertThat(Outboxes.reports()).isEqualTo(1);
    OutboxMessage reply = Outboxes.of(MessageKind.REPLY).get(0);
    assertThat(reply.chatId).isEqualTo(GROUP);
    assertThat(reply.replyWebhook).isEqualTo("ws:req-msg-1");
    assertThat(wecom.sent).isEmpty();

    dispatcher.drain();
    JsonNode frame = wecom.nextSent();
    assertThat(frame.path("cmd").asText()).isEqualTo("aibot_respond_msg");
    assertThat(frame.path("headers").path("req_id").asText()).isEqualTo("req-msg-1");
    JsonNode stream = frame.path("body").path("stream");
    assertThat(frame.path("body").path("msgtype").asText()).isEqualTo("stream");
    assertThat(stream.path("finish").asBoolean()).isTrue();
    assertThat(stream.path("content").asText()).startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个");
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).status).isEqualTo(OutboxStatus.SENT);

    enqueue(MessageKind.REMINDER, "人社局：新增就业岗位 未报");
    dispatcher.drain();
    JsonNode push = wecom.nextSent();
    assertThat(push.path("cmd").asText()).isEqualTo("aibot_send_msg");
    assertThat(push.path("headers").path("req_id").asText()).startsWith("aibot_send_msg_");
    assertThat(push.path("body").path("chatid").asText()).isEqualTo(GROUP);
    assertThat(push.path("body").path("msgtype").asText()).isEqualTo("markdown");
    assertThat(push.path("body").path("markdown").path("content").asText())
        .isEqualTo("人社局：新增就业岗位 未报");
    assertThat(Outboxes.of(MessageKind.REMINDER).get(0).status).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void anErrcodeIsNeverSentAndAStaleReqIdGoesToTheChat() throws Exception {
    wecom.ackNext(40008);
    enqueue(MessageKind.NOTICE, "通知");
    dispatcher.drain();
    assertThat(wecom.nextSent().path("cmd").asText()).isEqualTo("aibot_send_msg");
    OutboxMessage notice = Outboxes.of(MessageKind.NOTICE).get(0);
    assertThat(notice.status).isNotEqualTo(OutboxStatus.SENT);
    assertThat(notice.lastError).isEqualTo("企业微信 errcode 40008 refused");

    wecom.pushMessage("req-msg-2", body("aibot-msg-0002", "帮助"));
    await("the reply queued", () -> Outboxes.of(MessageKind.REPLY).size() == 1);
    wecom.ackNext(846605);
    wecom.ackNext(0);
    dispatcher.drain();
    JsonNode respond = wecom.nextSent();
    assertThat(respond.path("cmd").asText()).isEqualTo("aibot_respond_msg");
    assertThat(respond.path("headers").path("req_id").asText()).isEqualTo("req-msg-2");
    JsonNode push = wecom.nextSent();
    assertThat(push.path("cmd").asText()).isEqualTo("aibot_send_msg");
    assertThat(push.path("body").path("chatid").asText()).isEqualTo(GROUP);
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).status).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void aDroppedConnectionReconnectsWithoutLosingOrRepeatingAMessage() throws Exception {
    long before = status().reconnects(); // a bot's status outlives a test
    wecom.pushMessage("req-a", body("aibot-msg-0001", null));
    await("stored", () -> Outboxes.inbox() == 1);
    wecom.drop();
    await("subscribed again", () -> wecom.subscribes.size() == 2);
    await("connected again", () -> status().state() == ConnectionStatus.State.CONNECTED);
    assertThat(status().reconnects() - before).isEqualTo(1);
    // WeCom delivering the first message again, then a new one
    wecom.pushMessage("req-b", body("aibot-msg-0001", null));
    wecom.pushMessage("req-c", body("aibot-msg-0003", "帮助"));
    await("both stored", () -> Outboxes.inbox() == 2);
    assertThat(Outboxes.reports()).isEqualTo(1);
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(2);
    dispatcher.drain();
    Set<String> reqIds = new HashSet<>();
    reqIds.add(wecom.nextSent().path("headers").path("req_id").asText());
    reqIds.add(wecom.nextSent().path("headers").path("req_id").asText());
    assertThat(reqIds).containsExactlyInAnyOrder("req-a", "req-c");

    // two pings without an ack: the connection is dead and opened again
    wecom.answerPings = false;
    await("subscribed a third time", () -> wecom.subscribes.size() == 3);
    assertThat(status().lastError()).isNull();
    assertThat(status().reconnects() - before).isEqualTo(2);
  }

  @Test
  void eventsAreIgnoredAndDisconnectedEventStopsReconnecting() throws Exception {
    wecom.push(
        "{\"cmd\":\"aibot_event_callback\",\"headers\":{\"req_id\":\"ev-1\"},\"body\":{\"msgid\":\"e1\","
            + "\"from\":{\"userid\":\"wx-rsj-01\"},\"event\":{\"eventtype\":\"enter_chat\"}}}");
    wecom.push(
        "{\"cmd\":\"aibot_event_callback\",\"headers\":{\"req_id\":\"ev-2\"},\"body\":{\"msgid\":\"e2\","
            + "\"event\":{\"eventtype\":\"disconnected_event\"}}}");
    await("stopped", () -> status().state() == ConnectionStatus.State.STOPPED);
    assertThat(status().lastError()).contains("disconnected_event");
    assertThat(Outboxes.inbox()).isZero();
    // an absence can only be watched for a while: many reconnect waits (50 ms) and lease ticks
    Thread.sleep(600);
    assertThat(wecom.subscribes).hasSize(1);
    assertThat(status().state()).isEqualTo(ConnectionStatus.State.STOPPED);
    enqueue(MessageKind.NOTICE, "通知");
    dispatcher.drain();
    assertThat(Outboxes.of(MessageKind.NOTICE).get(0).lastError).contains("接管");
  }

  @Test
  void whileTheConnectionIsDownAReplyGoesThroughItsResponseUrl() throws Exception {
    ObjectNode body = (ObjectNode) json.readTree(body("aibot-msg-0004", "帮助"));
    String responseUrl = api.url("/cgi-bin/aibot/response?code=r4").toString();
    body.put("response_url", responseUrl);
    wecom.pushMessage("req-r4", json.writeValueAsString(body));
    await("the reply queued", () -> Outboxes.of(MessageKind.REPLY).size() == 1);
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).replyWebhook)
        .isEqualTo("ws:req-r4 " + responseUrl);
    // the connection drops and WeCom refuses the next subscriptions: down, lease still held
    wecom.subscribeCode = WeComStream.BAD_CREDENTIALS;
    wecom.drop();
    await("down", () -> status().state() == ConnectionStatus.State.DOWN);
    api.enqueue(new MockResponse.Builder().code(200).body("{\"errcode\":0}").build());
    dispatcher.drain();
    RecordedRequest post = api.takeRequest();
    assertThat(post.getTarget()).isEqualTo("/cgi-bin/aibot/response?code=r4");
    assertThat(json.readTree(post.getBody().utf8()).path("msgtype").asText()).isEqualTo("markdown");
    assertThat(Outboxes.of(MessageKind.REPLY).get(0).status).isEqualTo(OutboxStatus.SENT);
    assertThat(wecom.sent).isEmpty();
  }

  @Test
  void wrongCredentialsAreShownAndRetriedSlowly() throws Exception {
    connections.close(BOT);
    clearLeases(em);
    wecom.subscribeCode = WeComStream.BAD_CREDENTIALS;
    connections.open(registry.bot(BOT).orElseThrow());
    await("refused", () -> status().state() == ConnectionStatus.State.DOWN);
    assertThat(status().lastError()).contains("853000", "bot-id").doesNotContain("ws-secret-value");
    wecom.subscribeCode = 0;
    await(
        "connected after the slow retry",
        () -> status().state() == ConnectionStatus.State.CONNECTED);
  }
}
