package io.duban.chat.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.HttpClients;
import io.duban.chat.OutboundProxy;
import io.duban.chat.TrustBundle;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client of {@link HttpClients#build} against a loopback CONNECT proxy and a TLS test platform
 * named {@code platform.test} (a name only the proxy resolves): calls and WebSockets go through a
 * tunnel, authenticated in the first CONNECT; loopback and no-proxy hosts go direct.
 */
class ProxiedClientTest {
  static final String USER = "duban";
  static final String PASSWORD = "proxy-pa55-示例";

  final TestCertificates certs = new TestCertificates();
  TunnelProxy proxy;
  MockWebServer platform;

  @BeforeEach
  void setUp() throws Exception {
    proxy = new TunnelProxy(USER, PASSWORD);
    platform = new MockWebServer();
    platform.useHttps(certs.serverSide().sslSocketFactory());
    platform.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    platform.close();
    proxy.close();
  }

  OkHttpClient client(String noProxy, boolean withBundle) {
    return HttpClients.build(
        Duration.ofSeconds(5),
        OutboundProxy.of(
            Optional.of(proxy.url()),
            Optional.of(USER),
            Optional.of(PASSWORD),
            Optional.ofNullable(noProxy)),
        withBundle ? Optional.of(TrustBundle.load(certs.caBundle)) : Optional.empty());
  }

  String platformUrl(String host, String path) {
    return "https://" + host + ":" + platform.getPort() + path;
  }

  Response get(OkHttpClient client, String url) throws IOException {
    return client.newCall(new Request.Builder().url(url).build()).execute();
  }

  @Test
  void httpsGoesThroughAnAuthenticatedTunnelTrustingTheBundle() throws Exception {
    platform.enqueue(new MockResponse.Builder().body("{\"errcode\":0}").build());
    platform.enqueue(new MockResponse.Builder().body("{\"errcode\":0}").build());
    OkHttpClient client = client(null, true);

    try (Response r = get(client, platformUrl("platform.test", "/robot/send"))) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(r.body().string()).isEqualTo("{\"errcode\":0}");
    }
    RecordedRequest seen = platform.takeRequest();
    assertThat(seen.getTarget()).isEqualTo("/robot/send");
    assertThat(seen.getHeaders().get("Proxy-Authorization")).as("stays with the proxy").isNull();
    assertThat(proxy.targets).containsExactly("platform.test:" + platform.getPort());
    // OkHttp's preemptive challenge was answered: not one CONNECT went without credentials
    assertThat(proxy.unauthenticatedConnects.get()).isZero();
    assertThat(proxy.authFailures.get()).isZero();

    // a second call on a fresh connection opens a second tunnel
    client.connectionPool().evictAll();
    get(client, platformUrl("platform.test", "/again")).close();
    assertThat(proxy.tunnels.get()).isEqualTo(2);
  }

  @Test
  void withoutTheBundleThePrivateCaIsNotTrusted() {
    OkHttpClient client = client(null, false);
    assertThatThrownBy(() -> get(client, platformUrl("platform.test", "/robot/send")))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(proxy.tunnels.get()).as("through the tunnel, refused by TLS").isEqualTo(1);
    assertThat(platform.getRequestCount()).isZero();
  }

  @Test
  void aWrongPasswordIsTriedOnceAndTheCallFails() {
    proxy.expect(USER, "another password");
    OkHttpClient client = client(null, true);
    assertThatThrownBy(() -> get(client, platformUrl("platform.test", "/robot/send")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Failed to authenticate with proxy")
        .hasMessageNotContaining(PASSWORD);
    assertThat(proxy.authFailures.get()).isEqualTo(1);
    assertThat(proxy.tunnels.get()).isZero();
    assertThat(platform.getRequestCount()).isZero();
  }

  @Test
  void loopbackGoesDirect() throws Exception {
    platform.enqueue(new MockResponse.Builder().body("ok").build());
    platform.enqueue(new MockResponse.Builder().body("ok").build());
    OkHttpClient client = client(null, true);
    get(client, platformUrl("localhost", "/a")).close();
    client.connectionPool().evictAll();
    get(client, platformUrl("127.0.0.1", "/b")).close();
    assertThat(platform.getRequestCount()).isEqualTo(2);
    assertThat(proxy.tunnels.get()).isZero();
    assertThat(proxy.unauthenticatedConnects.get()).isZero();
  }

  @Test
  void aNoProxyHostGoesDirect() throws Exception {
    platform.enqueue(new MockResponse.Builder().body("ok").build());
    platform.enqueue(new MockResponse.Builder().body("ok").build());
    OkHttpClient client =
        client(".intranet.test", true)
            .newBuilder()
            // the direct route looks the name up itself: here, this machine
            .dns(host -> List.of(InetAddress.getLoopbackAddress()))
            .build();
    get(client, platformUrl("oa.intranet.test", "/direct")).close();
    assertThat(proxy.tunnels.get()).isZero();
    get(client, platformUrl("platform.test", "/proxied")).close();
    assertThat(proxy.tunnels.get()).isEqualTo(1);
    assertThat(platform.takeRequest().getTarget()).isEqualTo("/direct");
    assertThat(platform.takeRequest().getTarget()).isEqualTo("/proxied");
  }

  @Test
  void aWebSocketGoesThroughTheTunnelToo() throws Exception {
    CountDownLatch serverGot = new CountDownLatch(1);
    platform.enqueue(
        new MockResponse.Builder()
            .webSocketUpgrade(
                new WebSocketListener() {
                  @Override
                  public void onMessage(WebSocket webSocket, String text) {
                    if (text.equals("ping")) {
                      serverGot.countDown();
                    }
                  }

                  @Override
                  public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(1000, null);
                  }
                })
            .build());
    CountDownLatch opened = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    WebSocket ws =
        client(null, true)
            .newWebSocket(
                new Request.Builder()
                    .url("wss://platform.test:" + platform.getPort() + "/ws")
                    .build(),
                new WebSocketListener() {
                  @Override
                  public void onOpen(WebSocket webSocket, Response response) {
                    opened.countDown();
                  }

                  @Override
                  public void onClosed(WebSocket webSocket, int code, String reason) {
                    closed.countDown();
                  }
                });
    assertThat(opened.await(10, TimeUnit.SECONDS)).isTrue();
    ws.send("ping");
    assertThat(serverGot.await(10, TimeUnit.SECONDS)).isTrue();
    ws.close(1000, null);
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(proxy.targets).containsExactly("platform.test:" + platform.getPort());
    assertThat(proxy.unauthenticatedConnects.get()).isZero();
  }
}
