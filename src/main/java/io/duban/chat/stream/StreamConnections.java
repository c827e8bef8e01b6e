package io.duban.chat.stream;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.outbox.AdminAlerts;
import io.duban.config.DubanConfig;
import io.duban.config.NotReady;
import io.duban.config.ReadyFlag;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

/**
 * The long connections of the bots in {@code mode: stream}: opened once the plan is loaded (by the
 * platform's {@link StreamClientFactory}), closed at shutdown, shown on /q/health (the liveness
 * check's data: it is always UP, readiness stays "plan loaded") and /q/metrics, and a connection
 * down for {@code duban.stream.alert-after} (10 min) is told to the admin route once, and again
 * when it is back.
 */
@ApplicationScoped
public class StreamConnections {
  private static final Logger LOG = Logger.getLogger(StreamConnections.class);

  @Inject BotRegistry bots;
  @Inject Instance<StreamClientFactory> factories;
  @Inject DubanConfig config;
  @Inject ReadyFlag readiness;
  @Inject MeterRegistry metrics;
  @Inject AdminAlerts alerts;
  @Inject Clock wall;

  private final Map<String, ConnectionStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, StreamClient> clients = new ConcurrentHashMap<>();

  void onStart(@Observes @Priority(20) StartupEvent event) {
    if (!readiness.isReady() || !config.stream().enabled()) {
      return;
    }
    for (BotSpec bot : bots.all()) {
      if (bot.enabled() && bot.stream()) {
        open(bot);
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    clients.values().forEach(StreamClient::stop);
    clients.clear();
  }

  /** Opens a bot's connection (a running one is left alone); false when its platform has none. */
  public synchronized boolean open(BotSpec bot) {
    if (clients.containsKey(bot.id())) {
      return true;
    }
    Optional<StreamClientFactory> factory =
        factories.stream().filter(f -> f.platform() == bot.platform()).findFirst();
    if (factory.isEmpty()) {
      LOG.warnf("机器人 %s（%s）设为 stream 模式，但该平台没有长连接实现", bot.id(), bot.platform().label());
      return false;
    }
    ConnectionStatus status = status(bot.id(), bot.platform());
    StreamClient client = factory.get().create(bot, status);
    clients.put(bot.id(), client);
    client.start();
    return true;
  }

  /** Closes a bot's connection (tests; a bot taken out of stream mode). */
  public synchronized void close(String botId) {
    StreamClient client = clients.remove(botId);
    if (client != null) {
      client.stop();
    }
  }

  /** The running client of a bot, e.g. to send over its connection. */
  public Optional<StreamClient> client(String botId) {
    return Optional.ofNullable(clients.get(botId));
  }

  /** A bot's status (created, with its meters, at first use). */
  public ConnectionStatus status(String botId, Platform platform) {
    return statuses.computeIfAbsent(
        botId, id -> register(new ConnectionStatus(id, platform.key(), wall)));
  }

  public Collection<ConnectionStatus> statuses() {
    return statuses.values();
  }

  private ConnectionStatus register(ConnectionStatus s) {
    Gauge.builder(
            "duban_stream_connected", s, x -> x.state() == ConnectionStatus.State.CONNECTED ? 1 : 0)
        .description("1 while the bot's long connection is open")
        .tags("bot", s.botId(), "platform", s.platform())
        .register(metrics);
    FunctionCounter.builder("duban_stream_reconnects_total", s, ConnectionStatus::reconnects)
        .tags("bot", s.botId(), "platform", s.platform())
        .register(metrics);
    FunctionCounter.builder("duban_stream_unstored_total", s, ConnectionStatus::unstored)
        .description("messages received over the connection that could not be stored")
        .tags("bot", s.botId(), "platform", s.platform())
        .register(metrics);
    Gauge.builder(
            "duban_stream_last_frame_seconds",
            s,
            x -> x.lastFrameAt() == null ? 0 : x.lastFrameAt().getEpochSecond())
        .description("epoch seconds of the last frame received")
        .tags("bot", s.botId(), "platform", s.platform())
        .register(metrics);
    return s;
  }

  /** Tells the admin route about connections down too long, and about their return. */
  @Scheduled(
      every = "${duban.stream.check-interval:30s}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NotReady.class)
  void checkOutages() {
    checkOutages(wall.instant());
  }

  /** The outage check at {@code now} (tests call it with a pinned instant). */
  public void checkOutages(Instant now) {
    Duration after = config.stream().alertAfter();
    for (ConnectionStatus s : statuses.values()) {
      boolean up =
          s.state() == ConnectionStatus.State.CONNECTED
              || s.state() == ConnectionStatus.State.STANDBY
              || s.state() == ConnectionStatus.State.STOPPED;
      if (!up && s.alertedAt == null && !s.since().plus(after).isAfter(now)) {
        alerts.streamDown(s.botId(), s.since(), s.lastError());
        s.alertedAt = now;
      } else if (s.state() == ConnectionStatus.State.CONNECTED && s.alertedAt != null) {
        alerts.streamBack(s.botId(), s.alertedAt);
        s.alertedAt = null;
      }
    }
  }

  /** /q/health: every stream bot's connection in the check's data; always UP. */
  @Liveness
  @ApplicationScoped
  public static class Health implements HealthCheck {
    @Inject StreamConnections connections;

    @Override
    public HealthCheckResponse call() {
      HealthCheckResponseBuilder b = HealthCheckResponse.named("stream-connections").up();
      Map<String, String> sorted = new LinkedHashMap<>();
      connections.statuses().stream()
          .sorted(java.util.Comparator.comparing(ConnectionStatus::botId))
          .forEach(s -> sorted.put(s.botId(), summary(s)));
      sorted.forEach(b::withData);
      return b.build();
    }

    static String summary(ConnectionStatus s) {
      StringBuilder sb =
          new StringBuilder(s.platform())
              .append(' ')
              .append(s.state().name())
              .append(" since ")
              .append(s.since())
              .append(", reconnects ")
              .append(s.reconnects())
              .append(", last frame ")
              .append(s.lastFrameAt() == null ? "none" : s.lastFrameAt().toString());
      if (s.unstored() > 0) {
        sb.append(", unstored ").append(s.unstored());
      }
      if (s.lastError() != null) {
        sb.append(", last error: ").append(s.lastError());
      }
      return sb.toString();
    }
  }
}
