package io.duban.chat.wecom;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who holds a stream bot's one connection: a row of {@code stream_lease} per bot, taken with one
 * conditional UPDATE (ours already, or run out) or, for a bot without a row, an INSERT that loses
 * to a concurrent one; renewed every {@link #renewEvery} (10 s) for {@link #length} (30 s). Another
 * instance, which asks once per renewal interval, may take it once less than one interval is left
 * (the holder then missed a renewal by a whole interval), and the holder stops counting on it at
 * that moment too: so a holder that died is replaced within the lease, not the lease plus one
 * interval, and two connections never overlap by more than a tick. Times come from the wall clock.
 * The length is {@code duban.stream.wecom-lease} (DUBAN_STREAM_WECOM_LEASE, default 30 s, at least
 * 3 s; renewed every third of it): short in the two-instance test, rarely worth changing otherwise.
 */
@ApplicationScoped
public class WeComLeases {
  @Inject EntityManager em;
  @Inject Clock wall;

  @ConfigProperty(name = "duban.stream.wecom-lease", defaultValue = "30s")
  Duration configuredLength;

  /** How long a taken or renewed lease lasts. */
  volatile Duration length = Duration.ofSeconds(30);

  /** How often the holder renews it, and a standby instance asks for it. */
  volatile Duration renewEvery = Duration.ofSeconds(10);

  @PostConstruct
  void configure() {
    if (configuredLength.compareTo(Duration.ofSeconds(3)) < 0) {
      throw new IllegalStateException(
          "配置错误：duban.stream.wecom-lease（DUBAN_STREAM_WECOM_LEASE）至少 3s（当前为 "
              + configuredLength
              + "）");
    }
    timings(configuredLength, configuredLength.dividedBy(3));
  }

  /** Shortens the timings (tests; set through the bean, not its proxy's fields). */
  void timings(Duration length, Duration renewEvery) {
    this.length = length;
    this.renewEvery = renewEvery;
  }

  Duration renewEvery() {
    return renewEvery;
  }

  private final Holder local = new Holder("i-" + UUID.randomUUID().toString().substring(0, 12));

  /** This instance. */
  Holder local() {
    return local;
  }

  /** Another holder on the same database (tests: a second instance). */
  Holder holder(String id) {
    return new Holder(id);
  }

  /** One instance's leases, with the expiry of each as it last took it. */
  final class Holder {
    private final String id;
    private final Map<String, Instant> heldUntil = new ConcurrentHashMap<>();

    private Holder(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }

    /** Takes or renews a bot's lease; false when another holder has it. */
    boolean take(String botId) {
      Instant now = wall.instant().truncatedTo(ChronoUnit.MILLIS);
      Instant until = now.plus(length);
      // another holder's lease that runs out before our next ask is as good as run out
      Instant takeFrom = now.plus(renewEvery);
      boolean taken =
          QuarkusTransaction.requiringNew().call(() -> takeRow(botId, id, now, takeFrom, until));
      if (taken) {
        heldUntil.put(botId, until);
      } else {
        heldUntil.remove(botId);
      }
      return taken;
    }

    /**
     * Whether this holder's lease on the bot is current (as of its last take) and not yet open to
     * the others (less than one renewal interval left).
     */
    boolean holds(String botId) {
      Instant until = heldUntil.get(botId);
      return until != null && until.minus(renewEvery).isAfter(wall.instant());
    }

    /** Gives the lease up at once (shutdown): another instance need not wait for it to run out. */
    void release(String botId) {
      heldUntil.remove(botId);
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "DELETE FROM stream_lease WHERE bot_id = :bot AND holder = :holder")
                      .setParameter("bot", botId)
                      .setParameter("holder", id)
                      .executeUpdate());
    }
  }

  private boolean takeRow(
      String botId, String holder, Instant now, Instant takeFrom, Instant until) {
    int updated =
        em.createNativeQuery(
                "UPDATE stream_lease SET holder = :holder, expires_at = :until, updated_at = :now"
                    + " WHERE bot_id = :bot AND (holder = :holder OR expires_at <= :takeFrom)")
            .setParameter("holder", holder)
            .setParameter("until", until)
            .setParameter("now", now)
            .setParameter("takeFrom", takeFrom)
            .setParameter("bot", botId)
            .executeUpdate();
    if (updated == 1) {
      return true;
    }
    return em.createNativeQuery(
                "INSERT INTO stream_lease (bot_id, holder, expires_at, updated_at)"
                    + " VALUES (:bot, :holder, :until, :now) ON CONFLICT DO NOTHING")
            .setParameter("bot", botId)
            .setParameter("holder", holder)
            .setParameter("until", until)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }
}
