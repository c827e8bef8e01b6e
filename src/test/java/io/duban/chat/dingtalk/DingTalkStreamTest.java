package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.inbox.InboxMessage;
import io.duban.chat.outbox.AdminAlerts;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxDispatcher;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DingTalk Stream mode against a fake gateway on loopback: the ticket request, frames pushed by the
 * server (a recorded robot message, a ping, an event, a disconnect), every acknowledgement checked
 * (and a robot message in the inbox before its acknowledgement), the reply through the session
 * webhook, a dropped connection and a refused ticket, and the same message twice acted on once.
 */
@QuarkusTest
class DingTalkStreamTest {
  static final String APP_SECRET = "stream-app-secret-示例";
  static final String BOT = "dingtalk-stream";

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject OutboxDispatcher dispatcher;
  @Inject StreamConnections connections;
  @Inject DingTalkStreams streams;
  @Inject io.duban.chat.BotRegistry registry;
  @Inject OkHttpClient http;
  @Inject Inbox inbox;
  @Inject AdminAlerts alerts;

  final ObjectMapper json = new ObjectMapper();
  FakeDingTalkGateway gateway;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    gateway = new FakeDingTalkGateway(APP_SECRET, DingTalkStreamTest::inInbox);
    streams.timings =
        new DingTalkStream.Timings(
            Reconnects.DINGTALK.scaled(0.01), Duration.ofSeconds(5), 3, Duration.ofMillis(10));
    bots.install(
        """
        bots:
          dingtalk-stream:
            platform: dingtalk
            mode: stream
            app-key: dingstreamkey
            app-secret: ${APP_SECRET}
            robot-code: dingrobotwujin
            api-base-url: ${BASE}
            oapi-base-url: ${BASE}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("APP_SECRET", APP_SECRET, "BASE", gateway.base()));
  }

  @AfterEach
  void tearDown() throws Exception {
    connections.close(BOT);
    streams.timings = DingTalkStream.Timings.DEFAULT;
    bots.restore();
    gateway.close();
    data.resetOutbox();
    data.resetReports();
  }

  static boolean inInbox(String msgId) {
    return QuarkusTransaction.requiringNew().call(() -> InboxMessage.count("messageId", msgId)) > 0;
  }

  String robotMessage() {
    return Payloads.read("dingtalk", "group-text.json")
        .replace(
            "SESSION_WEBHOOK",
            gateway.server.url("/robot/sendBySession?session=s3cr3t").toString());
  }

  ConnectionStatus status() {
    return connections.status(BOT, Platform.DINGTALK);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(end);
      Thread.sleep(20);
    }
  }

  FakeDingTalkGateway.Conn connect() throws Exception {
    assertThat(connections.open(registry.bot(BOT).orElseThrow())).isTrue();
    FakeDingTalkGateway.Conn c = gateway.awaitConnection();
    await("connected", () -> status().state() == ConnectionStatus.State.CONNECTED);
    return c;
  }

  /** The reply the outbox delivered to the session webhook. */
  RecordedRequest awaitReply() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < end) {
      dispatcher.drain();
      RecordedRequest r = gateway.replies.poll(100, TimeUnit.MILLISECONDS);
      if (r != null) {
        return r;
      }
    }
    throw new AssertionError("no reply delivered");
  }

  @Test
  void aRobotMessageIsStoredBeforeItsAckAndAnsweredThroughTheSessionWebhook() throws Exception {
    FakeDingTalkGateway.Conn c = connect();

    JsonNode ticket = gateway.ticketRequests.get(0);
    assertThat(ticket.path("clientId").asText()).isEqualTo("dingstreamkey");
    assertThat(ticket.path("clientSecret").asText()).isEqualTo(APP_SECRET);
    assertThat(ticket.path("subscriptions").toString())
        .isEqualTo(
            "[{\"type\":\"EVENT\",\"topic\":\"*\"},"
                + "{\"type\":\"CALLBACK\",\"topic\":\"/v1.0/im/bot/messages/get\"}]");
    assertThat(ticket.path("ua").asText()).startsWith("duban/");
    assertThat(c.ticket()).as("the ticket, URL-encoded in the address").isEqualTo("tk+/=1&x");

    gateway.push(c, "SYSTEM", "ping", "ping-1", "{\"opaque\":\"o-123\"}");
    FakeDingTalkGateway.Ack pong = gateway.awaitAck("ping-1");
    assertThat(pong.code()).isEqualTo(200);
    assertThat(json.readTree(pong.data()).path("opaque").asText()).isEqualTo("o-123");

    gateway.push(c, "EVENT", "chat_update_title", "evt-1", "{\"title\":\"新群名\"}");
    FakeDingTalkGateway.Ack event = gateway.awaitAck("evt-1");
    assertThat(event.code()).isEqualTo(200);
    assertThat(event.data()).isEqualTo("{\"status\":\"SUCCESS\"}");

    gateway.pushBotMessage(c, "frame-1", robotMessage());
    FakeDingTalkGateway.Ack ack = gateway.awaitAck("frame-1");
    assertThat(ack.code()).isEqualTo(200);
    assertThat(ack.data()).isEqualTo("{\"response\":null}");
    assertThat(ack.storedBefore()).as("stored before the acknowledgement").isTrue();
    assertThat(Outboxes.reports()).isEqualTo(1);

    RecordedRequest reply = awaitReply();
    assertThat(reply.getTarget()).isEqualTo("/robot/sendBySession?session=s3cr3t");
    assertThat(json.readTree(reply.getBody().utf8()).path("text").path("content").asText())
        .startsWith("已记录：新增就业岗位 累计 12,000 / 48,000 个");
    assertThat(status().frames()).isGreaterThanOrEqualTo(3);
    assertThat(status().lastFrameAt()).isNotNull();
  }

  @Test
  void aDroppedConnectionAndARefusedTicketAreRetriedAndNothingIsActedOnTwice() throws Exception {
    FakeDingTalkGateway.Conn first = connect();
    gateway.pushBotMessage(first, "frame-1", robotMessage());
    assertThat(gateway.awaitAck("frame-1").storedBefore()).isTrue();
    long reconnects = status().reconnects();

    gateway.refuseNextTickets.set(1);
    first.socket().close(1011, "server restart"); // dropped by the gateway mid-stream
    FakeDingTalkGateway.Conn second = gateway.awaitConnection();
    await("connected again", () -> status().state() == ConnectionStatus.State.CONNECTED);
    assertThat(gateway.ticketRequests).as("one ticket refused, then a new one").hasSize(3);
    assertThat(second.ticket()).isEqualTo("tk+/=2&x").isNotEqualTo(first.ticket());
    assertThat(status().reconnects()).isEqualTo(reconnects + 2);
    assertThat(status().lastError()).isNull();

    // DingTalk may hand the same message to another connection (several instances): acked, once
    gateway.pushBotMessage(second, "frame-2", robotMessage());
    FakeDingTalkGateway.Ack again = gateway.awaitAck("frame-2");
    assertThat(again.code()).isEqualTo(200);
    assertThat(again.storedBefore()).isTrue();
    assertThat(Outboxes.inbox()).isEqualTo(1);
    assertThat(Outboxes.reports()).as("not acted on twice").isEqualTo(1);
    assertThat(Outboxes.of(MessageKind.REPLY)).as("answered once").hasSize(1);
  }

  @Test
  void twoInstancesConnectedAtOnceActOnTheSameMessageOnce() throws Exception {
    FakeDingTalkGateway.Conn mine = connect();
    // a second instance of the service: its own client for the same bot, the same database
    DingTalkStream other =
        new DingTalkStream(
            registry.bot(BOT).orElseThrow(),
            new ConnectionStatus(BOT, "dingtalk", wall),
            http,
            json,
            inbox,
            alerts,
            wall,
            streams.timings);
    other.start();
    try {
      FakeDingTalkGateway.Conn theirs = gateway.awaitConnection();
      assertThat(theirs.ticket()).isNotEqualTo(mine.ticket());
      gateway.pushBotMessage(mine, "frame-a", robotMessage());
      gateway.pushBotMessage(theirs, "frame-b", robotMessage());
      FakeDingTalkGateway.Ack a = gateway.awaitAck("frame-a");
      FakeDingTalkGateway.Ack b = gateway.awaitAck("frame-b");
      assertThat(List.of(a.code(), b.code())).containsExactly(200, 200);
      assertThat(a.storedBefore() && b.storedBefore()).isTrue();
      assertThat(Outboxes.inbox()).isEqualTo(1);
      assertThat(Outboxes.reports()).isEqualTo(1);
      assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(1);
    } finally {
      other.stop();
    }
  }

  @Test
  void aDisconnectIsNotAckedAndIsFollowedByANewConnectionWithANewTicket() throws Exception {
    FakeDingTalkGateway.Conn first = connect();
    gateway.push(first, "SYSTEM", "disconnect", "bye-1", "{\"reason\":\"rebalance\"}");
    FakeDingTalkGateway.Conn second = gateway.awaitConnection();
    assertThat(second.ticket()).isNotEqualTo(first.ticket());
    Integer closed = gateway.closedByClient.poll(20, TimeUnit.SECONDS);
    assertThat(closed).as("the old connection closed by the client").isEqualTo(first.index());

    gateway.push(second, "SYSTEM", "ping", "ping-2", "{\"opaque\":\"o-2\"}");
    assertThat(gateway.awaitAck("ping-2").connection()).isEqualTo(second.index());
    assertThat(gateway.allAcks).noneMatch(a -> "bye-1".equals(a.messageId()));
    await("connected", () -> status().state() == ConnectionStatus.State.CONNECTED);
  }

  @Test
  void aStopClosesTheConnectionAndStopsReconnecting() throws Exception {
    FakeDingTalkGateway.Conn c = connect();
    connections.close(BOT);
    assertThat(gateway.closedByClient.poll(20, TimeUnit.SECONDS)).isEqualTo(c.index());
    assertThat(status().state()).isEqualTo(ConnectionStatus.State.STOPPED);
    assertThat(gateway.ticketRequests).hasSize(1);
  }
}
