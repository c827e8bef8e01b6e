package io.duban.chat.wecom;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.Reconnects;
import io.duban.chat.stream.StreamClient;
import io.duban.chat.stream.StreamClientFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Makes the {@link WeComStream} of each WeCom 智能机器人 in {@code mode: stream}. Its timings are
 * package-private fields so that tests can shorten them (the defaults are the SDK's).
 */
@ApplicationScoped
public class WeComStreamFactory implements StreamClientFactory {
  @Inject OkHttpClient http;
  @Inject ObjectMapper json;
  @Inject Inbox inbox;
  @Inject Clock wall;
  @Inject WeComLeases leases;

  /** Heartbeat interval (SDK: 30 s). */
  volatile Duration pingInterval = Duration.ofSeconds(30);

  /** How long a reply or push waits for its ack (SDK: 5 s). */
  volatile Duration ackTimeout = Duration.ofSeconds(5);

  /** The wait between reconnects. */
  volatile Reconnects reconnects = Reconnects.WECOM;

  /** The least wait after WeCom refused the credentials (853000). */
  volatile Duration authRetry = Duration.ofMinutes(5);

  /** The first wait between attempts to store a received message. */
  volatile Duration storeRetryWait = Duration.ofMillis(200);

  /** Shortens the timings (tests; set through the bean, not its proxy's fields). */
  void timings(
      Duration pingInterval, Duration ackTimeout, Reconnects reconnects, Duration authRetry) {
    this.pingInterval = pingInterval;
    this.ackTimeout = ackTimeout;
    this.reconnects = reconnects;
    this.authRetry = authRetry;
  }

  Duration ackTimeout() {
    return ackTimeout;
  }

  @Override
  public Platform platform() {
    return Platform.WECOM;
  }

  @Override
  public StreamClient create(BotSpec bot, ConnectionStatus status) {
    return create(bot, status, leases.local());
  }

  /** A client that takes the lease as {@code lease} (tests: a second "instance"). */
  WeComStream create(BotSpec bot, ConnectionStatus status, WeComLeases.Holder lease) {
    return new WeComStream(bot, status, this, lease);
  }
}
