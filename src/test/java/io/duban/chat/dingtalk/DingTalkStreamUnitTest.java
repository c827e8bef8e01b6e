package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.BotsFile;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.outbox.AdminAlerts;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.Reconnects;
import io.duban.config.YamlNode;
import io.duban.support.Payloads;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * DingTalk Stream without the application: frame parsing and acknowledgements, the values a stream
 * bot needs, and a message the inbox cannot store (counted, answered 500, told once).
 */
class DingTalkStreamUnitTest {
  static final String SECRET = "unit-secret-不可外泄";
  final ObjectMapper json = new ObjectMapper();
  final Clock clock = Clock.fixed(Instant.parse("2026-11-30T01:00:00Z"), ZoneOffset.UTC);

  static BotSpec bot(String yaml, Map<String, String> env) {
    return BotsFile.parse(YamlNode.parse(new StringReader(yaml), "bots.yaml"), env::get, Set.of())
        .bots()
        .get("s");
  }

  @Test
  void framesAreReadWithTheirTypeTopicIdAndDataText() {
    DingTalkFrames.Frame ping =
        DingTalkFrames.parse(
            "{\"specVersion\":\"1.0\",\"type\":\"SYSTEM\",\"headers\":{\"topic\":\"ping\","
                + "\"messageId\":\"m-1\",\"contentType\":\"application/json\"},"
                + "\"data\":\"{\\\"opaque\\\":\\\"x\\\"}\"}",
            json);
    assertThat(ping)
        .isEqualTo(
            new DingTalkFrames.Frame(
                DingTalkFrames.Type.SYSTEM, "ping", "m-1", "{\"opaque\":\"x\"}"));
    DingTalkFrames.Frame odd =
        DingTalkFrames.parse(
            "{\"type\":\"NEW\",\"headers\":{\"messageId\":\"m-2\"},\"data\":{\"a\":1}}", json);
    assertThat(odd)
        .isEqualTo(new DingTalkFrames.Frame(DingTalkFrames.Type.UNKNOWN, "", "m-2", "{\"a\":1}"));
    assertThat(DingTalkFrames.parse("not json", json)).isNull();
    assertThat(DingTalkFrames.parse("[1]", json)).isNull();
  }

  @Test
  void acknowledgementsCarryTheFramesIdAndTheSdksShapes() {
    assertThat(DingTalkFrames.botMessageAck("m-1", json))
        .isEqualTo(
            "{\"code\":200,\"message\":\"OK\",\"headers\":{\"messageId\":\"m-1\","
                + "\"contentType\":\"application/json\"},\"data\":\"{\\\"response\\\":null}\"}");
    assertThat(DingTalkFrames.eventAck("m-2", json))
        .isEqualTo(
            "{\"code\":200,\"message\":\"OK\",\"headers\":{\"messageId\":\"m-2\","
                + "\"contentType\":\"application/json\"},\"data\":\"{\\\"status\\\":\\\"SUCCESS\\\"}\"}");
    assertThat(DingTalkFrames.pong("m-3", "{\"opaque\":\"o\"}", json))
        .isEqualTo(
            "{\"code\":200,\"message\":\"OK\",\"headers\":{\"messageId\":\"m-3\","
                + "\"contentType\":\"application/json\"},\"data\":\"{\\\"opaque\\\":\\\"o\\\"}\"}");
    assertThat(DingTalkFrames.failure("m-4", json))
        .isEqualTo(
            "{\"code\":500,\"message\":\"client internal error\",\"headers\":{\"messageId\":"
                + "\"m-4\",\"contentType\":\"application/json\"}}");
  }

  @Test
  void aStreamBotNeedsAppKeyAndSecretButNoCallbackValues() {
    BotSpec ok =
        bot(
            "bots:\n  s:\n    platform: dingtalk\n    mode: stream\n    app-key: k\n"
                + "    app-secret: ${S}\n",
            Map.of("S", SECRET));
    assertThat(ok.enabled()).isTrue();
    assertThat(ok.stream()).isTrue();
    BotSpec noKey =
        bot(
            "bots:\n  s:\n    platform: dingtalk\n    mode: stream\n    app-secret: ${S}\n",
            Map.of("S", SECRET));
    assertThat(noKey.enabled()).isFalse();
    assertThat(noKey.disabledReason()).contains("app-key").doesNotContain(SECRET);
    BotSpec webhook =
        bot("bots:\n  s:\n    platform: dingtalk\n    app-secret: ${S}\n", Map.of("S", SECRET));
    assertThat(webhook.enabled()).as("a webhook bot keeps its rules").isTrue();
  }

  @Test
  void theStreamMessageIsTheWebhooksMessageWithoutASignatureKey() throws Exception {
    BotSpec b =
        bot(
            "bots:\n  s:\n    platform: dingtalk\n    mode: stream\n    app-key: k\n"
                + "    app-secret: x\n",
            Map.of());
    String payload = Payloads.read("dingtalk", "group-text.json");
    Callback.Message m =
        (Callback.Message)
            DingTalkCallbacks.message(b, json.readTree(payload), clock.instant(), null);
    assertThat(m.message().messageId()).isEqualTo("msgDtGroup0001==");
    assertThat(m.message().chatId()).isEqualTo("cidWujinRsj01==");
    assertThat(m.message().senderId()).isEqualTo("dt-rsj-01");
    assertThat(m.message().text()).isEqualTo(" 上报 新增就业岗位 1.2万");
    assertThat(m.replyHandle()).isEqualTo("SESSION_WEBHOOK");
    assertThat(m.signatureKey()).isNull();
    assertThat(DingTalkCallbacks.message(b, json.readTree("{}"), clock.instant(), null))
        .isInstanceOf(Callback.Refused.class);
  }

  @Test
  void aMessageThatCannotBeStoredIsRetriedCountedAnsweredWith500AndToldOnce() throws Exception {
    List<String> told = new CopyOnWriteArrayList<>();
    int[] tries = {0};
    Inbox failing =
        new Inbox() {
          @Override
          public Receipt receive(Callback.Message m) {
            tries[0]++;
            throw new IllegalStateException("database down");
          }
        };
    AdminAlerts alerts =
        new AdminAlerts() {
          @Override
          public void streamMessagesLost(String botId, Instant since) {
            told.add(botId);
          }
        };
    try (FakeDingTalkGateway gateway = new FakeDingTalkGateway(SECRET, id -> false)) {
      BotSpec b =
          bot(
              "bots:\n  s:\n    platform: dingtalk\n    mode: stream\n    app-key: "
                  + FakeDingTalkGateway.CLIENT_ID
                  + "\n    app-secret: ${S}\n    api-base-url: "
                  + gateway.base()
                  + "\n",
              Map.of("S", SECRET));
      ConnectionStatus status = new ConnectionStatus("s", "dingtalk", clock);
      DingTalkStream client =
          new DingTalkStream(
              b,
              status,
              new OkHttpClient(),
              json,
              failing,
              alerts,
              clock,
              new DingTalkStream.Timings(
                  Reconnects.DINGTALK.scaled(0.05), Duration.ofSeconds(5), 3, Duration.ZERO));
      gateway.refuseNextTickets.set(1);
      client.start();
      try {
        await(() -> status.state() == ConnectionStatus.State.DOWN);
        assertThat(status.lastError()).contains("HTTP 401").doesNotContain(SECRET);
        FakeDingTalkGateway.Conn c = gateway.awaitConnection();
        String payload = Payloads.read("dingtalk", "group-text.json");
        gateway.pushBotMessage(c, "f-1", payload);
        assertThat(gateway.awaitAck("f-1").code()).isEqualTo(500);
        gateway.pushBotMessage(c, "f-2", payload.replace("msgDtGroup0001==", "msgDtGroup0002=="));
        assertThat(gateway.awaitAck("f-2").code()).isEqualTo(500);
        assertThat(tries[0]).as("three tries each").isEqualTo(6);
        assertThat(status.unstored()).isEqualTo(2);
        assertThat(told).as("told once per outage").containsExactly("s");
        assertThat(status.data().toString()).doesNotContain(SECRET).doesNotContain("tk+");
      } finally {
        client.stop();
      }
      assertThat(status.state()).isEqualTo(ConnectionStatus.State.STOPPED);
    }
  }

  @Test
  void aConnectionThatStopsAnsweringPingsIsClosedAndReplacedWithANewTicket() throws Exception {
    Inbox unused =
        new Inbox() {
          @Override
          public Receipt receive(Callback.Message m) {
            throw new AssertionError("no message in this test");
          }
        };
    try (FakeDingTalkGateway gateway = new FakeDingTalkGateway(SECRET, id -> false)) {
      BotSpec b =
          bot(
              "bots:\n  s:\n    platform: dingtalk\n    mode: stream\n    app-key: "
                  + FakeDingTalkGateway.CLIENT_ID
                  + "\n    app-secret: ${S}\n    api-base-url: "
                  + gateway.base()
                  + "\n",
              Map.of("S", SECRET));
      ConnectionStatus status = new ConnectionStatus("s", "dingtalk", clock);
      DingTalkStream client =
          new DingTalkStream(
              b,
              status,
              new OkHttpClient(),
              json,
              unused,
              new AdminAlerts(),
              clock,
              new DingTalkStream.Timings(
                  Reconnects.DINGTALK.scaled(0.01), Duration.ofMillis(200), 3, Duration.ZERO));
      client.start();
      try {
        FakeDingTalkGateway.Conn first = gateway.awaitConnection();
        gateway.hangNextAck.set(true);
        gateway.push(first, "SYSTEM", "ping", "p-1", "{\"opaque\":\"1\"}");
        gateway.awaitAck("p-1");
        // the gateway now reads nothing on the first connection: no pong to the client's pings
        FakeDingTalkGateway.Conn second = gateway.awaitConnection();
        assertThat(second.ticket()).isNotEqualTo(first.ticket());
        assertThat(status.reconnects()).isEqualTo(1);
        await(() -> status.state() == ConnectionStatus.State.CONNECTED);
      } finally {
        gateway.hang.countDown();
        client.stop();
      }
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).isLessThan(end);
      Thread.sleep(10);
    }
  }
}
