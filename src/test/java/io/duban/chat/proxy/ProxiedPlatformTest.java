package io.duban.chat.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxStatus;
import io.duban.support.MutableClock;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's own client as the app wires it from {@code duban.http.proxy*} and {@code
 * duban.http.ca-bundle}: a DingTalk group robot at {@code https://platform.test} (a name only the
 * proxy resolves, served with a certificate of a private CA) is sent to through the outbox, in an
 * authenticated CONNECT tunnel; a wrong proxy password fails the send, recorded for a retry.
 */
@QuarkusTest
@TestProfile(ProxiedPlatformTest.BehindAProxy.class)
class ProxiedPlatformTest {
  static final String USER = "duban-proxy";
  static final String PASSWORD = "proxy-密码-42";
  static final String SECRET = "SECproxied0123";

  /**
   * The proxy's port and the test CA, chosen before Quarkus starts; handed over in system
   * properties, since the profile and the test instance may live in different class loaders.
   */
  public static class BehindAProxy implements QuarkusTestProfile {
    static final String PORT = "proxied-platform-test.port";
    static final String ROOT = "proxied-platform-test.root-ca";

    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (System.getProperties()) {
        if (System.getProperty(PORT) == null) {
          HeldCertificate root =
              new HeldCertificate.Builder()
                  .certificateAuthority(0)
                  .commonName("Duban proxied test CA")
                  .build();
          System.setProperty(ROOT, root.certificatePem() + root.privateKeyPkcs8Pem());
          System.setProperty(PORT, String.valueOf(freePort()));
        }
      }
      return Map.of(
          "duban.http.proxy",
          "http://127.0.0.1:" + System.getProperty(PORT),
          "duban.http.proxy-user",
          USER,
          "duban.http.proxy-password",
          PASSWORD,
          "duban.http.no-proxy",
          ".intranet.test",
          "duban.http.ca-bundle",
          caBundle(HeldCertificate.decode(System.getProperty(ROOT))));
    }

    static int freePort() {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String caBundle(HeldCertificate root) {
      try {
        Path file = Files.createTempFile("duban-proxied-ca", ".pem");
        Files.writeString(file, root.certificatePem());
        file.toFile().deleteOnExit();
        return file.toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static TunnelProxy proxy;
  static TestCertificates certs;

  @Inject OkHttpClient client;
  @Inject Outbox outbox;
  @Inject OutboxDispatcher dispatcher;
  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;

  MockWebServer platform;

  @BeforeAll
  static void startProxy() throws IOException {
    certs = new TestCertificates(HeldCertificate.decode(System.getProperty(BehindAProxy.ROOT)));
    proxy =
        new TunnelProxy(USER, PASSWORD, Integer.parseInt(System.getProperty(BehindAProxy.PORT)));
  }

  @AfterAll
  static void stopProxy() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    data.resetOutbox();
    wall.set(MutableClock.START);
    platform = new MockWebServer();
    platform.useHttps(certs.serverSide().sslSocketFactory());
    platform.start();
    proxy.expect(USER, PASSWORD);
    // each test opens its own tunnel
    client.connectionPool().evictAll();
    bots.install(
        """
        bots:
          dt:
            platform: dingtalk
            webhook-url: https://platform.test:${PORT}/robot/send?access_token=tok-proxied
            secret: ${SECRET}
          console:
            platform: console
        routes:
          default: dt
          admin: console
        """,
        Map.of("PORT", String.valueOf(platform.getPort()), "SECRET", SECRET));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    platform.close();
    client.connectionPool().evictAll();
    wall.set(MutableClock.START);
    data.resetOutbox();
  }

  long enqueue(String text) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                outbox.enqueue(Outbox.Draft.of(new Route("dt", null), MessageKind.NOTICE, text))
                    .id);
  }

  OutboxMessage row(long id) {
    return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.findById(id));
  }

  @Test
  void aPlatformCallGoesThroughTheAuthenticatedTunnel() throws Exception {
    platform.enqueue(
        new MockResponse.Builder().code(200).body("{\"errcode\":0,\"errmsg\":\"ok\"}").build());
    int tunnels = proxy.tunnels.get();
    long id = enqueue("【督办】经代理发送");
    assertThat(dispatcher.drain()).isEqualTo(1);

    RecordedRequest r = platform.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/robot/send");
    assertThat(r.getUrl().queryParameter("access_token")).isEqualTo("tok-proxied");
    assertThat(r.getBody().utf8()).contains("【督办】经代理发送");
    assertThat(proxy.tunnels.get()).isEqualTo(tunnels + 1);
    assertThat(proxy.targets).last().isEqualTo("platform.test:" + platform.getPort());
    assertThat(proxy.unauthenticatedConnects.get()).as("credentials in the first CONNECT").isZero();
    assertThat(row(id).status).isEqualTo(OutboxStatus.SENT);
  }

  @Test
  void aWrongProxyPasswordFailsTheSendForARetryAndSendsNothing() {
    proxy.expect(USER, "the proxy's new password");
    int failures = proxy.authFailures.get();
    long id = enqueue("通知");
    dispatcher.drain();

    OutboxMessage m = row(id);
    assertThat(m.status).isEqualTo(OutboxStatus.PENDING);
    assertThat(m.attempts).isEqualTo(1);
    assertThat(m.nextAttemptAt).isAfter(MutableClock.START);
    assertThat(m.lastError).startsWith("网络错误").doesNotContain(PASSWORD);
    assertThat(proxy.authFailures.get()).as("tried once, no loop").isEqualTo(failures + 1);
    assertThat(platform.getRequestCount()).isZero();
  }

  @Test
  void theClientChoosesTheProxyPerHost() {
    assertThat(client.proxy()).as("a selector, not one fixed proxy").isNull();
    Proxy through = client.proxySelector().select(URI.create("https://api.dingtalk.com/")).get(0);
    assertThat(through.type()).isEqualTo(Proxy.Type.HTTP);
    assertThat(((InetSocketAddress) through.address()).getPort()).isEqualTo(proxy.port());
    assertThat(client.proxySelector().select(URI.create("https://oa.intranet.test/")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(client.proxySelector().select(URI.create("http://localhost:8081/")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(client.proxyAuthenticator()).isNotSameAs(okhttp3.Authenticator.NONE);
  }
}
