package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import io.duban.chat.BotRegistry;
import io.duban.chat.Platform;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.StreamConnections;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.MockWebServer;
import okhttp3.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Feishu long connection against a fake gateway on loopback ({@link FakeFeishuGateway}):
 * endpoint, pings with the service id, a pong's ClientConfig, events whole and in parts stored
 * before their acks, replies through the app API, a dropped connection and a refused endpoint
 * survived with nothing lost and nothing done twice; refusals shown without secrets.
 */
@QuarkusTest
class FeishuStreamTest {
  static final long WAIT = 15;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject OutboxDispatcher dispatcher;
  @Inject StreamConnections connections;
  @Inject BotRegistry registry;
  @Inject ObjectMapper json;

  MockWebServer server;
  FakeFeishuGateway gateway;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    FeishuStream.timeScale = 0.02; // ReconnectInterval 10 s → 200 ms, PingInterval 5 s → 100 ms
    server = new MockWebServer();
    server.start();
    String base = server.url("/").toString();
    gateway = new FakeFeishuGateway(base);
    server.setDispatcher(gateway);
    bots.install(
        """
        bots:
          feishu-app:
            platform: feishu
            mode: stream
            app-key: cli_stream
            app-secret: ${SECRET}
            api-base-url: ${BASE}
          feishu-wrong:
            platform: feishu
            mode: stream
            app-key: cli_stream
            app-secret: not-the-secret
            api-base-url: ${BASE}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("SECRET", FakeFeishuGateway.APP_SECRET, "BASE", base.replaceAll("/$", "")));
  }

  @AfterEach
  void tearDown() throws Exception {
    connections.close("feishu-app");
    connections.close("feishu-wrong");
    if (gateway.socket != null) {
      gateway.socket.close(1000, null);
    }
    FeishuStream.timeScale = 1.0;
    bots.restore();
    server.close();
    data.resetOutbox();
    data.resetReports();
  }

  String event(String messageId, String text) {
    return Payloads.read("feishu", "message-text.json")
        .replace("om_wujin_0001", messageId)
        .replace("5e3702a84e847582be8db7fb73283c02", "ev-" + messageId)
        .replace("上报 新增就业岗位 1.2万", text);
  }

  /** The ack carries the pushed frame back with biz_rt and a 200 whose data is "{}". */
  void assertAck(FakeFeishuGateway.Ack ack, DynamicMessage pushed, String frameId)
      throws Exception {
    assertThat(ack).as("ack of " + frameId).isNotNull();
    assertThat(ack.storedFirst()).as("stored before the ack").isTrue();
    DynamicMessage f = ack.frame();
    assertThat(Pbbp2.get(f, "method")).isEqualTo(1);
    assertThat(Pbbp2.get(f, "service")).isEqualTo(FakeFeishuGateway.SERVICE_ID);
    assertThat(Pbbp2.get(f, "LogID")).isEqualTo(Pbbp2.get(pushed, "LogID"));
    assertThat(Pbbp2.headerOf(f, "message_id")).isEqualTo(frameId);
    assertThat(Pbbp2.headerOf(f, "trace_id")).isEqualTo("trace-" + frameId);
    assertThat(Long.parseLong(Pbbp2.headerOf(f, "biz_rt"))).isNotNegative();
    JsonNode payload = json.readTree(Pbbp2.payloadOf(f));
    assertThat(payload.path("code").asInt()).isEqualTo(200);
    assertThat(payload.path("headers").isObject()).isTrue();
    assertThat(
            new String(
                Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }

  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(end);
      Thread.sleep(20);
    }
  }

  @Test
  void eventsAreStoredBeforeTheirAcksAndSurviveALostConnection() throws Exception {
    gateway.pongConfig = "{\"PingInterval\":5}";
    ConnectionStatus status = connections.status("feishu-app", Platform.FEISHU);
    long reconnectsBefore = status.reconnects();
    assertThat(connections.open(registry.bot("feishu-app").orElseThrow())).isTrue();
    WebSocket first = gateway.opened.poll(WAIT, TimeUnit.SECONDS);
    assertThat(first).as("connected").isNotNull();
    await("connected status", () -> status.state() == ConnectionStatus.State.CONNECTED);

    DynamicMessage ping = gateway.pings.poll(WAIT, TimeUnit.SECONDS);
    assertThat(ping).as("first ping").isNotNull();
    assertThat(Pbbp2.get(ping, "service")).isEqualTo(FakeFeishuGateway.SERVICE_ID);
    assertThat(Pbbp2.headerOf(ping, "type")).isEqualTo("ping");
    // the pong's PingInterval (5 s, scaled to 100 ms) replaces the endpoint's 3600 s
    for (int i = 0; i < 3; i++) {
      assertThat(gateway.pings.poll(WAIT, TimeUnit.SECONDS)).as("ping " + (i + 2)).isNotNull();
    }
    FeishuStream client = (FeishuStream) connections.client("feishu-app").orElseThrow();
    assertThat(client.config().pingInterval()).isEqualTo(5);

    DynamicMessage one =
        gateway.push("frm-1", "om_stream_0001", event("om_stream_0001", "上报 新增就业岗位 1.2万"));
    assertAck(gateway.awaitAck("frm-1", WAIT), one, "frm-1");
    assertThat(Outboxes.reports()).isEqualTo(1);

    String big = event("om_stream_0002", "帮助");
    DynamicMessage two = gateway.push("frm-2", "om_stream_0002", big, 2, 0, 1);
    assertAck(gateway.awaitAck("frm-2", WAIT), two, "frm-2");

    dispatcher.drain();
    await("two replies", () -> gateway.replies.size() == 2);
    assertThat(gateway.replies)
        .containsExactlyInAnyOrder(
            "/open-apis/im/v1/messages/om_stream_0001/reply",
            "/open-apis/im/v1/messages/om_stream_0002/reply");

    // mid-stream: an event pushed, the connection dropped before any ack, the next endpoint
    // request refused once
    gateway.endpointsToRefuse.set(1);
    int endpointsBefore = gateway.endpointCalls.get();
    String three = event("om_stream_0003", "帮助");
    gateway.push("frm-3", "om_stream_0003", three);
    first.close(1001, "gateway restarting"); // no ack of frm-3 can reach it any more
    WebSocket second = gateway.opened.poll(WAIT, TimeUnit.SECONDS);
    assertThat(second).as("reconnected").isNotNull().isNotSameAs(first);
    assertThat(gateway.endpointCalls.get() - endpointsBefore)
        .as("a refused endpoint, then a fresh one")
        .isEqualTo(2);
    await("connected again", () -> status.state() == ConnectionStatus.State.CONNECTED);
    assertThat(status.reconnects()).isGreaterThan(reconnectsBefore);

    // Feishu delivers the unacked event again, and (it may) an acked one
    DynamicMessage again3 = gateway.push("frm-3", "om_stream_0003", three);
    FakeFeishuGateway.Ack ack3 = gateway.awaitAck("frm-3", WAIT);
    if (ack3 != null && ack3.socket() == first) {
      ack3 = gateway.awaitAck("frm-3", WAIT);
    }
    assertAck(ack3, again3, "frm-3");
    DynamicMessage again1 =
        gateway.push("frm-1b", "om_stream_0001", event("om_stream_0001", "上报 新增就业岗位 1.2万"));
    assertAck(gateway.awaitAck("frm-1b", WAIT), again1, "frm-1b");

    dispatcher.drain();
    await("the third reply", () -> gateway.replies.size() >= 3);
    dispatcher.drain();
    assertThat(gateway.replies)
        .as("each message answered once")
        .containsExactlyInAnyOrder(
            "/open-apis/im/v1/messages/om_stream_0001/reply",
            "/open-apis/im/v1/messages/om_stream_0002/reply",
            "/open-apis/im/v1/messages/om_stream_0003/reply");
    assertThat(Outboxes.reports()).as("the figure recorded once").isEqualTo(1);
    assertThat(Outboxes.inbox()).isEqualTo(3);
    assertThat(status.unstored()).isZero();
  }

  @Test
  void refusalsAreShownWithTheirReasonAndWithoutSecrets() throws Exception {
    ConnectionStatus wrong = connections.status("feishu-wrong", Platform.FEISHU);
    connections.open(registry.bot("feishu-wrong").orElseThrow());
    await(
        "the endpoint refusal",
        () -> wrong.lastError() != null && wrong.lastError().contains("10003"));
    assertThat(wrong.state()).isEqualTo(ConnectionStatus.State.DOWN);
    assertThat(wrong.lastError())
        .contains("app_id or app_secret invalid")
        .doesNotContain("not-the-secret");

    gateway.refuseHandshake = true;
    ConnectionStatus s = connections.status("feishu-app", Platform.FEISHU);
    connections.open(registry.bot("feishu-app").orElseThrow());
    await(
        "the handshake refusal",
        () -> s.lastError() != null && s.lastError().contains("Handshake-Status 514"));
    assertThat(s.lastError())
        .contains("Handshake-Autherrcode 1000040350", "exceed connection limit", "50")
        .doesNotContain(FakeFeishuGateway.TICKET, FakeFeishuGateway.APP_SECRET);
    assertThat(s.state()).isEqualTo(ConnectionStatus.State.DOWN);
  }
}
