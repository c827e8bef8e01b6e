package io.duban.chat;

import io.duban.config.DubanConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The one OkHttp client for every platform call: short timeouts, no automatic retries. */
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
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
  }
}
