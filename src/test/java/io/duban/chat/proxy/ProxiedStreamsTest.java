package io.duban.chat.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.BotRegistry;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.StreamConnections;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;
import okhttp3.tls.HeldCertificate;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three long connections through the authenticated CONNECT proxy, as the app wires its client
 * from {@code duban.http.proxy*} and {@code duban.http.ca-bundle} (the profile of {@link
 * ProxiedPlatformTest}): DingTalk Stream (ticket over HTTPS, then wss), Feishu (endpoint over
 * HTTPS, then wss) and WeCom 智能机器人 (wss) against TLS fakes at {@code platform.test}, a name only
 * the proxy resolves, with a certificate trusted only through the CA bundle. Each connects in a
 * tunnel, receives a message, acknowledges or answers it; with a wrong proxy password each is DOWN
 * with a reason, and neither the reason, /q/health's text nor the log carries the password or a
 * secret.
 */
@QuarkusTest
@TestProfile(ProxiedPlatformTest.BehindAProxy.class)
class ProxiedStreamsTest {
  static final String USER = ProxiedPlatformTest.USER;
  static final String PASSWORD = ProxiedPlatformTest.PASSWORD;
  static final String DT_SECRET = "dt-proxied-app-secret";
  static final String FS_SECRET = "fs-proxied-app-secret";
  static final String WC_SECRET = "wc-proxied-bot-secret";
  static final List<String> BOTS = List.of("dt-stream", "fs-stream", "wc-stream");

  static TunnelProxy proxy;
  static TestCertificates certs;

  @Inject OkHttpClient client;
  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject BotRegistry registry;
  @Inject StreamConnections connections;
  @Inject OutboxDispatcher dispatcher;
  @Inject EntityManager em;

  final ObjectMapper json = new ObjectMapper();
  final List<String> logged = new CopyOnWriteArrayList<>();
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          String text = r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage();
          logged.add(text + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  TlsStreamGateways gateways;

  @BeforeAll
  static void startProxy() throws IOException {
    certs =
        new TestCertificates(
            HeldCertificate.decode(System.getProperty(ProxiedPlatformTest.BehindAProxy.ROOT)));
    proxy =
        new TunnelProxy(
            USER,
            PASSWORD,
            Integer.parseInt(System.getProperty(ProxiedPlatformTest.BehindAProxy.PORT)));
  }

  @AfterAll
  static void stopProxy() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM stream_lease").executeUpdate());
    gateways = new TlsStreamGateways(certs);
    proxy.expect(USER, PASSWORD);
    client.connectionPool().evictAll();
    Logger.getLogger("").addHandler(capture);
    bots.install(
        """
        bots:
          dt-stream:
            platform: dingtalk
            mode: stream
            app-key: dtproxiedkey
            app-secret: ${DT_SECRET}
            robot-code: dtproxiedrobot
            api-base-url: ${BASE}
            oapi-base-url: ${BASE}
          fs-stream:
            platform: feishu
            mode: stream
            app-key: cli_proxied
            app-secret: ${FS_SECRET}
            api-base-url: ${BASE}
          wc-stream:
            platform: wecom
            mode: stream
            bot-id: aibot-proxied
            secret: ${WC_SECRET}
            ws-url: ${WSS}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of(
            "DT_SECRET", DT_SECRET,
            "FS_SECRET", FS_SECRET,
            "WC_SECRET", WC_SECRET,
            "BASE", gateways.base(),
            "WSS", gateways.wss("/wecom")));
  }

  @AfterEach
  void tearDown() throws Exception {
    BOTS.forEach(connections::close);
    Logger.getLogger("").removeHandler(capture);
    gateways.stop();
    bots.restore();
    client.connectionPool().evictAll();
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM stream_lease").executeUpdate());
    data.resetOutbox();
    data.resetReports();
  }

  ConnectionStatus status(String bot) {
    return connections.status(bot, registry.bot(bot).orElseThrow().platform());
  }

  void openAll() {
    for (String bot : BOTS) {
      assertThat(connections.open(registry.bot(bot).orElseThrow())).isTrue();
    }
  }

  @Test
  void eachLongConnectionGoesThroughItsOwnAuthenticatedTunnelAndCarriesAMessage() throws Exception {
    int tunnels = proxy.tunnels.get();
    openAll();
    for (String bot : BOTS) {
      await(bot + " connected", () -> status(bot).state() == ConnectionStatus.State.CONNECTED);
    }
    // three sockets, each holding its own connection: at least one tunnel each (plus the HTTPS
    // calls for DingTalk's ticket and Feishu's endpoint, which may share one)
    assertThat(proxy.tunnels.get() - tunnels).as("tunnels opened").isGreaterThanOrEqualTo(3);
    assertThat(proxy.targets).allMatch(t -> t.equals("platform.test:" + gateways.server.getPort()));
    assertThat(proxy.unauthenticatedConnects.get()).as("credentials in the first CONNECT").isZero();
    assertThat(gateways.ticketBodies).hasSize(1);

    dingTalkMessageIsAcknowledged();
    feishuMessageIsAcknowledged();
    weComMessageIsAnswered();

    await("three replies queued", () -> Outboxes.of(MessageKind.REPLY).size() == 3);
    dispatcher.drain();
    await("DingTalk and Feishu replies", () -> gateways.replies.size() >= 2);
    assertThat(gateways.replies)
        .anyMatch(r -> r.startsWith("/robot/sendBySession?session=proxied"))
        .anyMatch(r -> r.equals("/open-apis/im/v1/messages/om_proxied_0001/reply"));
    JsonNode wecomReply = poll(gateways.weComSent, "the WeCom reply");
    assertThat(wecomReply.path("cmd").asText()).isEqualTo("aibot_respond_msg");
    assertThat(wecomReply.path("headers").path("req_id").asText()).isEqualTo("req-proxied-1");
    System.out.printf(
        "proxied streams: %d tunnels for 3 long connections and their HTTPS calls%n",
        proxy.tunnels.get() - tunnels);
  }

  void dingTalkMessageIsAcknowledged() throws Exception {
    String message =
        Payloads.read("dingtalk", "group-text.json")
            .replace(
                "SESSION_WEBHOOK", gateways.base() + "/robot/sendBySession?session=proxied-dt");
    poll(gateways.dingTalk, "the DingTalk socket")
        .send(TlsStreamGateways.dingTalkBotFrame("dt-frame-1", message));
    JsonNode ack = poll(gateways.dingTalkAcks, "the DingTalk ack");
    assertThat(ack.path("code").asInt()).isEqualTo(200);
    assertThat(ack.path("headers").path("messageId").asText()).isEqualTo("dt-frame-1");
    assertThat(ack.path("data").asText()).isEqualTo("{\"response\":null}");
  }

  void feishuMessageIsAcknowledged() throws Exception {
    String event =
        Payloads.read("feishu", "message-text.json")
            .replace("om_wujin_0001", "om_proxied_0001")
            .replace("上报 新增就业岗位 1.2万", "帮助");
    poll(gateways.feishu, "the Feishu socket")
        .send(TlsStreamGateways.feishuEvent("fs-frame-1", event));
    TlsStreamGateways.PbFrame ack = poll(gateways.feishuAcks, "the Feishu ack");
    assertThat(ack.headers()).containsEntry("message_id", "fs-frame-1");
    JsonNode payload = json.readTree(new String(ack.payload(), StandardCharsets.UTF_8));
    assertThat(payload.path("code").asInt()).isEqualTo(200);
  }

  void weComMessageIsAnswered() throws Exception {
    ObjectNode body = (ObjectNode) json.readTree(Payloads.read("wecom", "aibot-text.json"));
    body.remove("response_url");
    body.put("msgid", "aibot-proxied-0001");
    ((ObjectNode) body.get("text")).put("content", "帮助");
    poll(gateways.weCom, "the WeCom socket")
        .send(TlsStreamGateways.weComMessage("req-proxied-1", json.writeValueAsString(body)));
  }

  @Test
  void aWrongProxyPasswordLeavesEachConnectionDownWithAReasonAndNoSecret() throws Exception {
    proxy.expect(USER, "the proxy's new password");
    int failures = proxy.authFailures.get();
    openAll();
    for (String bot : BOTS) {
      await(
          bot + " down with a reason",
          () ->
              status(bot).state() == ConnectionStatus.State.DOWN
                  && status(bot).lastError() != null);
    }
    assertThat(proxy.authFailures.get() - failures)
        .as("one refused CONNECT per attempt")
        .isGreaterThanOrEqualTo(3);
    assertThat(gateways.dingTalk).isEmpty();
    assertThat(gateways.feishu).isEmpty();
    assertThat(gateways.weCom).isEmpty();
    String basic = okhttp3.Credentials.basic(USER, PASSWORD, StandardCharsets.UTF_8);
    List<String> secrets =
        List.of(PASSWORD, basic.substring("Basic ".length()), DT_SECRET, FS_SECRET, WC_SECRET);
    String health = io.restassured.RestAssured.get("/q/health").asString();
    for (String bot : BOTS) {
      String reason = status(bot).lastError();
      System.out.printf("proxied streams, wrong password: %s DOWN: %s%n", bot, reason);
      assertThat(reason).isNotBlank();
      assertThat(health).contains(reason);
      for (String secret : secrets) {
        assertThat(reason).doesNotContain(secret);
      }
    }
    assertThat(logged).as("log lines captured").isNotEmpty();
    for (String secret : secrets) {
      assertThat(health).doesNotContain(secret);
      assertThat(logged).noneMatch(line -> line.contains(secret));
    }
  }

  static <T> T poll(BlockingQueue<T> queue, String what) throws InterruptedException {
    T t = queue.poll(20, TimeUnit.SECONDS);
    assertThat(t).as(what).isNotNull();
    return t;
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }
}
