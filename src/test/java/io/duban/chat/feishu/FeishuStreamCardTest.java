package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotRegistry;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.stream.StreamConnections;
import io.duban.report.Report;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Card clicks over the long connection (frames of header type {@code card}, the fake gateway of
 * {@link FakeFeishuGateway}): stored before the ack, the ack's data the toast and the used card;
 * the same event again acts once; another unit's reporter gets an error toast and nothing is
 * recorded.
 */
@QuarkusTest
class FeishuStreamCardTest {
  static final long WAIT = 15;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
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
    FeishuStream.timeScale = 0.02;
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
    if (gateway.socket != null) {
      gateway.socket.close(1000, null);
    }
    FeishuStream.timeScale = 1.0;
    bots.restore();
    server.close();
    data.resetOutbox();
    data.resetReports();
  }

  /** The ack of a pushed card frame: code 200, stored first; its data as JSON. */
  JsonNode answerOf(String frameId) throws Exception {
    FakeFeishuGateway.Ack ack = gateway.awaitAck(frameId, WAIT);
    assertThat(ack).as("ack of " + frameId).isNotNull();
    assertThat(Pbbp2.headerOf(ack.frame(), "message_id")).isEqualTo(frameId);
    JsonNode payload = json.readTree(Pbbp2.payloadOf(ack.frame()));
    assertThat(payload.path("code").asInt()).isEqualTo(200);
    return json.readTree(
        new String(
            Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8));
  }

  static List<String> reporters() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Report.getEntityManager()
                    .createQuery("select r.contact.name from Report r", String.class)
                    .getResultList());
  }

  @Test
  void aCardFrameIsStoredAnsweredInTheAckAndActsOnce() throws Exception {
    assertThat(connections.open(registry.bot("feishu-app").orElseThrow())).isTrue();
    assertThat(gateway.opened.poll(WAIT, TimeUnit.SECONDS)).as("connected").isNotNull();

    String tap =
        FeishuCardClickTest.click("ev-s-1", FeishuCardClickTest.RSJ, FeishuCardClickTest.TAP, null);
    gateway.pushCard("frm-c1", "card:ev-s-1", tap);
    FakeFeishuGateway.Ack first = gateway.awaitAck("frm-c1", WAIT);
    assertThat(first).isNotNull();
    assertThat(first.storedFirst()).as("stored before the ack").isTrue();
    JsonNode payload = json.readTree(Pbbp2.payloadOf(first.frame()));
    assertThat(payload.path("code").asInt()).isEqualTo(200);
    JsonNode answer =
        json.readTree(
            new String(
                Base64.getDecoder().decode(payload.path("data").asText()), StandardCharsets.UTF_8));
    assertThat(answer.path("toast").path("type").asText()).isEqualTo("success");
    assertThat(answer.path("toast").path("content").asText()).startsWith("已记录");
    assertThat(answer.path("card").path("type").asText()).isEqualTo("raw");
    assertThat(answer.path("card").path("data").toString()).contains("已选：上报 1.2万");
    assertThat(FeishuCardClickTest.buttons(answer.path("card").path("data"))).isEmpty();
    assertThat(reporters()).containsExactly("赵示一");
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(1);

    gateway.pushCard("frm-c2", "card:ev-s-1", tap); // Feishu delivers it again
    JsonNode again = answerOf("frm-c2");
    assertThat(again.path("toast").path("content").asText()).isEqualTo("已处理");
    assertThat(again.has("card")).isFalse();
    assertThat(reporters()).as("recorded once").hasSize(1);

    String other =
        FeishuCardClickTest.click("ev-s-2", FeishuCardClickTest.ZGH, FeishuCardClickTest.TAP, null);
    gateway.pushCard("frm-c3", "card:ev-s-2", other);
    JsonNode refused = answerOf("frm-c3");
    assertThat(refused.path("toast").path("type").asText()).isEqualTo("error");
    assertThat(refused.path("toast").path("content").asText()).contains("不负责");
    assertThat(refused.has("card")).isFalse();
    assertThat(reporters()).containsExactly("赵示一");
  }
}
