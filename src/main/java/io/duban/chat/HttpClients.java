package io.duban.chat;

import io.duban.config.ConfigFileException;
import io.duban.config.DubanConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

/**
 * The one OkHttp client for every platform call and WebSocket: short timeouts, no redirects, the
 * forward proxy and the extra CA certificates of {@code duban.http.*}. A request whose connection
 * is closed under it before any answer (typically a pooled keep-alive connection the server had
 * just closed: "unexpected end of stream") is retried by OkHttp at once on a fresh connection; the
 * outbox would have retried it anyway, only seconds later and counting a failed attempt. A timeout
 * after the request was sent is not retried here: the outbox decides.
 */
@ApplicationScoped
public class HttpClients {
  private static final Logger LOG = Logger.getLogger(HttpClients.class);

  @Inject DubanConfig config;

  private Settings settings;

  /** The proxy and trust settings, read and checked once. */
  record Settings(Optional<OutboundProxy> proxy, Optional<TrustBundle> trust) {}

  synchronized Settings settings() {
    if (settings == null) {
      DubanConfig.HttpConfig http = config.http();
      Optional<OutboundProxy> proxy =
          OutboundProxy.of(http.proxy(), http.proxyUser(), http.proxyPassword(), http.noProxy());
      Optional<TrustBundle> trust =
          http.caBundle()
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .map(p -> TrustBundle.load(Path.of(p)));
      settings = new Settings(proxy, trust);
      LOG.info(
          proxy.map(p -> "出站代理：" + p.describe()).orElse("出站代理：未设置（直连各平台）")
              + trust
                  .map(
                      t ->
                          "；另信任 "
                              + http.caBundle().get().strip()
                              + " 中 "
                              + t.extraCertificates()
                              + " 个 CA 证书")
                  .orElse(""));
    }
    return settings;
  }

  /**
   * Checks the settings before anything else starts (StartupSequence runs at 10): a broken proxy
   * address or CA file stops the service with one line, as a broken configuration file does.
   */
  void onStart(@Observes @Priority(5) StartupEvent event) {
    try {
      settings();
    } catch (ConfigFileException e) {
      LOG.error("配置错误：" + e.getMessage());
      Quarkus.asyncExit(2);
    }
  }

  @Produces
  @Singleton
  OkHttpClient client() {
    Duration readTimeout = config.http().readTimeout();
    try {
      Settings s = settings();
      return build(readTimeout, s.proxy(), s.trust());
    } catch (ConfigFileException e) {
      // told once by onStart and the service is stopping: nothing leaves, not even directly
      return build(readTimeout, Optional.empty(), Optional.empty())
          .newBuilder()
          .addInterceptor(
              chain -> {
                throw new IOException("出站设置有误，服务正在停止（" + e.getMessage() + "）");
              })
          .build();
    }
  }

  /** The client of these settings (the produced one, or a test's). */
  public static OkHttpClient build(
      Duration readTimeout, Optional<OutboundProxy> proxy, Optional<TrustBundle> trust) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(readTimeout)
            .writeTimeout(Duration.ofSeconds(10))
            .callTimeout(readTimeout.plusSeconds(5))
            .retryOnConnectionFailure(true)
            .followRedirects(false)
            // the outbox sends up to duban.outbox.batch-size (16) at once to one platform host:
            // keep as many connections open between rounds (OkHttp's default keeps 5, and a round
            // of thousands of reminders then opens a connection for most of its sends)
            .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES));
    // a selector, not a fixed proxy: no-proxy hosts and loopback go direct
    proxy.ifPresent(p -> builder.proxySelector(p.selector()).proxyAuthenticator(p.authenticator()));
    trust.ifPresent(t -> builder.sslSocketFactory(t.socketFactory(), t.trustManager()));
    return builder.build();
  }
}
