package io.duban.chat.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the outbox holds, for the parts that plan messages (reminders) and show them (the
 * dashboard): they ask here instead of querying {@code outbox_message} themselves. Every query runs
 * in the caller's transaction.
 */
@ApplicationScoped
public class OutboxQueries {
  /** Dedupe keys looked up per query: an IN list stays well below the databases' limits. */
  static final int KEY_PAGE = 500;

  @Inject EntityManager em;
  @Inject QueuedUnits queuedUnits;

  /**
   * Whether messages about a unit may wait to be sent (false: certainly none; from memory, see
   * {@link QueuedUnits}).
   */
  public boolean mayHaveQueued(long unitId) {
    return queuedUnits.mayHave(unitId);
  }

  /** How many messages of the given kinds about a unit still wait to be sent. */
  public long pendingForUnit(long unitId, Collection<MessageKind> kinds) {
    if (!queuedUnits.mayHave(unitId)) {
      return 0;
    }
    return OutboxMessage.count(
        "unitId = ?1 and status = ?2 and kind in ?3", unitId, OutboxStatus.PENDING, kinds);
  }

  /** The dedupe keys among {@code keys} that a message already carries (in any status). */
  public Set<String> usedDedupeKeys(List<String> keys) {
    Set<String> used = new HashSet<>();
    for (int from = 0; from < keys.size(); from += KEY_PAGE) {
      used.addAll(
          em.createQuery(
                  "select m.dedupeKey from OutboxMessage m where m.dedupeKey in :keys",
                  String.class)
              .setParameter("keys", keys.subList(from, Math.min(keys.size(), from + KEY_PAGE)))
              // no auto-flush: it would dirty-check the caller's whole persistence context (a
              // reminder round's plan view) for each page; callers look up before they write
              .setFlushMode(jakarta.persistence.FlushModeType.COMMIT)
              .getResultList());
    }
    return used;
  }

  /** Whether a message with this dedupe key exists (in any status). */
  public boolean exists(String dedupeKey) {
    return OutboxMessage.count("dedupeKey", dedupeKey) > 0;
  }

  /** Whether the message with this dedupe key left the queue: sent, failed or cancelled. */
  public boolean leftQueue(String dedupeKey) {
    return OutboxMessage.count("dedupeKey = ?1 and status <> ?2", dedupeKey, OutboxStatus.PENDING)
        > 0;
  }

  /** The latest {@code limit} messages, newest first. */
  public List<OutboxMessage> recent(int limit) {
    return OutboxMessage.<OutboxMessage>find("order by id desc").page(0, limit).list();
  }
}
