package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the default timings (a 30 s lease renewed every 10 s, a standby instance asking every 10 s)
 * a holder that died is replaced within the lease, whatever the phase of the standby's asks: the
 * standby takes it once less than one interval is left, and from that moment the holder no longer
 * counts on it (so its connection and outbox stop when the other's may start). Before, the standby
 * needed the lease to have run out, and its next ask came up to one interval later: 30-40 s.
 */
@QuarkusTest
class WeComLeaseTakeoverTest {
  static final String BOT = "takeover-bot";
  static final Duration LEASE = Duration.ofSeconds(30);
  static final Duration EVERY = Duration.ofSeconds(10);

  @Inject WeComLeases leases;
  @Inject MutableClock wall;
  @Inject EntityManager em;

  @BeforeEach
  void setUp() {
    wall.set(MutableClock.START);
    WeComStreamTest.clearLeases(em);
    leases.timings(LEASE, EVERY);
  }

  @AfterEach
  void tearDown() {
    WeComStreamTest.clearLeases(em);
    leases.timings(LEASE, EVERY);
    wall.set(MutableClock.START);
  }

  @Test
  void aLiveHolderKeepsItAndADeadOneIsReplacedWithinTheLease() {
    int round = 0;
    for (long phaseMs = 0; phaseMs < EVERY.toMillis(); phaseMs += 1_250, round++) {
      wall.set(MutableClock.START.plusSeconds(1000L * round));
      WeComLeases.Holder a = leases.holder("a-" + round);
      WeComLeases.Holder b = leases.holder("b-" + round);
      Instant lastRenewal = wall.instant();
      assertThat(a.take(BOT)).isTrue();
      // b asks every interval, starting at some phase after a's last renewal; a is dead
      wall.advance(Duration.ofMillis(phaseMs == 0 ? 1 : phaseMs));
      Duration waited = null;
      for (int ask = 0; ask < 6 && waited == null; ask++) {
        assertThat(a.holds(BOT) && b.holds(BOT)).as("never both").isFalse();
        if (b.take(BOT)) {
          waited = Duration.between(lastRenewal, wall.instant());
          assertThat(a.holds(BOT)).as("the dead holder no longer counts on it").isFalse();
        } else {
          assertThat(a.holds(BOT)).as("the holder counts on it while b may not take it").isTrue();
          wall.advance(EVERY);
        }
      }
      assertThat(waited).as("phase %d ms: b took over", phaseMs).isNotNull();
      assertThat(waited).as("phase %d ms: within the lease", phaseMs).isLessThanOrEqualTo(LEASE);
      assertThat(waited)
          .as("phase %d ms: not before a missed a renewal by a whole interval", phaseMs)
          .isGreaterThanOrEqualTo(LEASE.minus(EVERY));
    }
  }

  @Test
  void aHolderRenewingOnTimeIsNeverTakenOver() {
    WeComLeases.Holder a = leases.holder("renewing");
    WeComLeases.Holder b = leases.holder("waiting");
    assertThat(a.take(BOT)).isTrue();
    for (int i = 0; i < 12; i++) {
      // a renewal a little late (a busy tick) still keeps it
      wall.advance(EVERY.plusMillis(900));
      assertThat(b.take(BOT)).isFalse();
      assertThat(a.holds(BOT)).isTrue();
      assertThat(a.take(BOT)).isTrue();
    }
  }
}
