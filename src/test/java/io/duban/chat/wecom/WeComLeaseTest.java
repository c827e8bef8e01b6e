package io.duban.chat.wecom;

import static io.duban.chat.wecom.FakeWeComServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.outbox.OutboxStatus;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.Reconnects;
import io.duban.chat.stream.StreamConnections;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One connection per stream bot across instances, as two lease holders with their own instance ids
 * on the same database: only one holds; once the holder stops renewing, the other takes over within
 * the lease; the outbox of the instance without the lease leaves the bot's messages alone.
 */
@QuarkusTest
class WeComLeaseTest {
  static final String BOT = WeComStreamTest.BOT;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject BotRegistry registry;
  @Inject StreamConnections connections;
  @Inject WeComStreamFactory factory;
  @Inject WeComLeases leases;
  @Inject WeComSendGate gate;
  @Inject OutboxDispatcher dispatcher;
  @Inject Outbox outbox;
  @Inject EntityManager em;

  FakeWeComServer wecom;

  @BeforeEach
  void setUp() throws Exception {
    data.resetOutbox();
    wall.set(MutableClock.START);
    WeComStreamTest.clearLeases(em);
    wecom = new FakeWeComServer();
    bots.install(
        WeComStreamTest.yaml(),
        Map.of(
            "BOT_ID",
            "aibot-wujin-ws",
            "BOT_SECRET",
            "ws-secret-value",
            "WS",
            wecom.url(),
            "API",
            "https://qyapi.weixin.qq.com"));
    factory.timings(
        Duration.ofMillis(150),
        Duration.ofSeconds(3),
        Reconnects.WECOM.scaled(0.05),
        Duration.ofMillis(300));
    leases.timings(Duration.ofSeconds(30), Duration.ofMillis(100));
  }

  @AfterEach
  void tearDown() throws Exception {
    connections.close(BOT);
    wecom.close();
    bots.restore();
    factory.timings(
        Duration.ofSeconds(30), Duration.ofSeconds(5), Reconnects.WECOM, Duration.ofMinutes(5));
    leases.timings(Duration.ofSeconds(30), Duration.ofSeconds(10));
    WeComStreamTest.clearLeases(em);
    wall.set(MutableClock.START);
    data.resetOutbox();
  }

  BotSpec bot() {
    return registry.bot(BOT).orElseThrow();
  }

  @Test
  void onlyOneHoldsAndTheOtherTakesOverOnceTheLeaseRunsOut() {
    WeComLeases.Holder a = leases.holder("instance-a");
    WeComLeases.Holder b = leases.holder("instance-b");
    assertThat(a.take(BOT)).isTrue();
    assertThat(b.take(BOT)).isFalse();
    assertThat(a.take(BOT)).isTrue(); // a renewal
    assertThat(WeComSendGate.allows(a, bot())).isTrue();
    assertThat(WeComSendGate.allows(b, bot())).isFalse();
    // a stops renewing (dies): within the lease b still waits, after it b takes over
    wall.advance(Duration.ofSeconds(29));
    assertThat(b.take(BOT)).isFalse();
    wall.advance(Duration.ofSeconds(2));
    assertThat(b.take(BOT)).isTrue();
    assertThat(a.holds(BOT)).isFalse();
    assertThat(a.take(BOT)).isFalse();
    assertThat(WeComSendGate.allows(a, bot())).isFalse();
    assertThat(WeComSendGate.allows(b, bot())).isTrue();
    // a bot without the stream mode is never held back
    assertThat(WeComSendGate.allows(a, registry.bot("console").orElseThrow())).isTrue();
    // a holder that shuts down gives the lease up at once
    b.release(BOT);
    assertThat(a.take(BOT)).isTrue();
  }

  @Test
  void theOutboxOfAnInstanceWithoutTheLeaseLeavesTheBotsMessages() {
    assertThat(leases.holder("another-instance").take(BOT)).isTrue();
    assertThat(gate.mayClaim(bot())).isFalse();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(
                        new Route(BOT, WeComStreamTest.GROUP), MessageKind.NOTICE, "通知")));
    dispatcher.drain();
    assertThat(Outboxes.of(MessageKind.NOTICE).get(0).status).isEqualTo(OutboxStatus.PENDING);
    assertThat(Outboxes.of(MessageKind.NOTICE).get(0).attempts).isZero();
  }

  @Test
  void aStandbyInstanceConnectsOnceTheHolderDied() throws Exception {
    ConnectionStatus first = new ConnectionStatus(BOT, "wecom", Clock.systemUTC());
    ConnectionStatus second = new ConnectionStatus(BOT, "wecom", Clock.systemUTC());
    WeComStream a = factory.create(bot(), first, leases.holder("instance-a"));
    WeComStream b = factory.create(bot(), second, leases.holder("instance-b"));
    try {
      a.start();
      await("a connected", () -> first.state() == ConnectionStatus.State.CONNECTED);
      b.start();
      await("b in standby", () -> second.state() == ConnectionStatus.State.STANDBY);
      assertThat(wecom.subscribes).hasSize(1);
      a.halt(); // dies: no renewal, no release
      wall.advance(Duration.ofSeconds(31));
      await("b connected", () -> second.state() == ConnectionStatus.State.CONNECTED);
      assertThat(wecom.subscribes).hasSize(2);
      assertThat(b.connected()).isTrue();
    } finally {
      a.stop();
      b.stop();
    }
  }
}
