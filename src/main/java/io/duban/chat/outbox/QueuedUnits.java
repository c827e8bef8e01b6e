package io.duban.chat.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The units that may have messages about them waiting (reminders, escalations): those this instance
 * queued, and those any instance queued as read at the first use and every ten seconds by the
 * dispatcher's tick. A unit not in it has nothing to cancel when it reports, so a report costs no
 * query here; a reminder another instance queued meanwhile is still dropped when it is about to go
 * (it is re-checked then).
 */
@ApplicationScoped
class QueuedUnits {
  static final Duration EVERY = Duration.ofSeconds(10);

  @Inject EntityManager em;
  @Inject Clock wall;

  private final Set<Long> units = ConcurrentHashMap.newKeySet();
  private volatile Instant readAt;

  void queued(Long unitId) {
    if (unitId != null) {
      units.add(unitId);
    }
  }

  /** In the caller's transaction. */
  boolean mayHave(long unitId) {
    if (readAt == null) {
      read();
    }
    return units.contains(unitId);
  }

  /** Reads what every instance queued, at most every ten seconds. */
  void refresh() {
    Instant last = readAt;
    if (last == null || !last.plus(EVERY).isAfter(wall.instant())) {
      QuarkusTransaction.requiringNew().run(this::read);
    }
  }

  private void read() {
    Instant now = wall.instant();
    Set<Long> pending =
        Set.copyOf(
            em.createQuery(
                    "select distinct m.unitId from OutboxMessage m where m.status = :s"
                        + " and m.unitId is not null",
                    Long.class)
                .setParameter("s", OutboxStatus.PENDING)
                .getResultList());
    units.retainAll(pending);
    units.addAll(pending);
    readAt = now;
  }
}
