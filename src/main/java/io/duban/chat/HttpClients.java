package io.duban.chat;

import io.duban.config.DubanConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client for every platform call: short timeouts, no redirects. A request whose
 * connection is closed under it before any answer (typically a pooled keep-alive connection the
 * server had just closed: "unexpected end of stream") is retried by OkHttp at once on a fresh
 * connection; the outbox would have retried it anyway, only seconds later and counting a failed
 * attempt. A timeout after the request was sent is not retried here: the outbox decides.
 */
@ApplicationScoped
public class HttpClients {
  @Inject DubanConfig config;

  @Produces
  @Singleton
  OkHttpClient client() {
    Duration readTimeout = config.http().readTimeout();
    return new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(readTimeout)
        .writeTimeout(Duration.ofSeconds(10))
        .callTimeout(readTimeout.plusSeconds(5))
        .retryOnConnectionFailure(true)
        .followRedirects(false)
        // the outbox sends up to duban.outbox.batch-size (16) at once to one platform host: keep
        // as many connections open between rounds (OkHttp's default keeps 5, and a round of
        // thousands of reminders then opens a connection for most of its sends)
        .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
        .build();
  }
}
