package io.duban.chat.outbox;

import io.duban.chat.Mention;
import io.duban.chat.Offer;
import io.duban.chat.Route;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.FlushMode;
import org.hibernate.jpa.HibernateHints;

/**
 * Writes messages to send. The row is the promise: once the caller's transaction commits, the
 * dispatcher sends it (now, or after a restart), paced, retried, merged per chat.
 */
@ApplicationScoped
public class Outbox {
  @Inject Clock wall;
  @Inject MeterRegistry metrics;
  @Inject Event<Enqueued> enqueued;
  @Inject OutboxDispatcher dispatcher;
  @Inject QueuedUnits queuedUnits;

  /**
   * Fired after an enqueue, so the dispatcher can send without waiting for its next tick; a reply
   * already claimed for sending at once carries its claim.
   */
  public record Enqueued(long id, Claim claim) {}

  /**
   * What to send, where, when at the earliest, and what makes it unique; {@code freshKey}: the
   * dedupe key is known to be new (the writer owns it), so it is not looked up first.
   */
  public record Draft(
      Route route,
      MessageKind kind,
      String text,
      List<Mention> mentions,
      String dedupeKey,
      Long unitId,
      String periodKey,
      String ruleId,
      String replyWebhook,
      Instant replyExpiresAt,
      Instant notBefore,
      boolean freshKey) {
    public static Draft of(Route route, MessageKind kind, String text) {
      return new Draft(
          route, kind, text, List.of(), null, null, null, null, null, null, null, false);
    }

    public Draft dedupe(String key) {
      return new Draft(
          route,
          kind,
          text,
          mentions,
          key,
          unitId,
          periodKey,
          ruleId,
          replyWebhook,
          replyExpiresAt,
          notBefore,
          freshKey);
    }

    /** The dedupe key cannot have been used: enqueue writes without looking it up. */
    public Draft fresh() {
      return new Draft(
          route,
          kind,
          text,
          mentions,
          dedupeKey,
          unitId,
          periodKey,
          ruleId,
          replyWebhook,
          replyExpiresAt,
          notBefore,
          true);
    }

    public Draft mention(List<Mention> who) {
      return new Draft(
          route,
          kind,
          text,
          who,
          dedupeKey,
          unitId,
          periodKey,
          ruleId,
          replyWebhook,
          replyExpiresAt,
          notBefore,
          freshKey);
    }

    /** A reminder about a unit's period under a rule, re-checked when sent. */
    public Draft about(Long unit, String period, String rule) {
      return new Draft(
          route,
          kind,
          text,
          mentions,
          dedupeKey,
          unit,
          period,
          rule,
          replyWebhook,
          replyExpiresAt,
          notBefore,
          freshKey);
    }

    public Draft replyVia(String webhook, Instant expires) {
      return new Draft(
          route, kind, text, mentions, dedupeKey, unitId, periodKey, ruleId, webhook, expires,
          notBefore, freshKey);
    }

    /** Held until this wall-clock instant (a reminder's send time). */
    public Draft at(Instant when) {
      return new Draft(
          route,
          kind,
          text,
          mentions,
          dedupeKey,
          unitId,
          periodKey,
          ruleId,
          replyWebhook,
          replyExpiresAt,
          when,
          freshKey);
    }
  }

  /**
   * Enqueues a message in the caller's transaction; with a dedupe key already used, nothing is
   * added and the existing message is returned.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public OutboxMessage enqueue(Draft draft) {
    return enqueue(draft, Offer.NONE);
  }

  /** Enqueues a message with what its reader may tap (a reply's choices or report form). */
  @Transactional(Transactional.TxType.MANDATORY)
  public OutboxMessage enqueue(Draft draft, Offer offer) {
    if (draft.dedupeKey() != null && !draft.freshKey()) {
      // no flush first: a round enqueues thousands of rows in one transaction, and flushing would
      // dirty-check all of them for every lookup (the key is unique: a repeat within the round
      // fails the commit loudly)
      Optional<OutboxMessage> existing =
          OutboxMessage.find("dedupeKey", draft.dedupeKey())
              .withHint(HibernateHints.HINT_FLUSH_MODE, FlushMode.COMMIT)
              .firstResultOptional();
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    Instant now = wall.instant();
    OutboxMessage m = new OutboxMessage();
    m.botId = draft.route().botId();
    m.chatId = draft.route().chatId();
    m.kind = draft.kind();
    m.text = draft.text().length() > 20000 ? draft.text().substring(0, 20000) : draft.text();
    m.mentions =
        draft.mentions() == null || draft.mentions().isEmpty()
            ? null
            : draft.mentions().stream().map(Mention::encode).collect(Collectors.joining("\n"));
    m.dedupeKey = draft.dedupeKey();
    m.status = OutboxStatus.PENDING;
    m.attempts = 0;
    m.nextAttemptAt =
        draft.notBefore() != null && draft.notBefore().isAfter(now) ? draft.notBefore() : now;
    m.idempotencyKey = UUID.randomUUID().toString();
    m.createdAt = now;
    m.unitId = draft.unitId();
    queuedUnits.queued(m.unitId);
    m.periodKey = draft.periodKey();
    m.ruleId = draft.ruleId();
    m.replyWebhook = draft.replyWebhook();
    m.replyExpiresAt = draft.replyExpiresAt();
    m.offer = offer == null ? null : offer.encode();
    // a reply that can go at once is written already claimed (one insert, no update)
    Optional<Claim> direct = dispatcher.claimReplyNow(m);
    m.persist();
    metrics.counter("duban_outbox_queued_total", "kind", m.kind.name()).increment();
    enqueued.fire(new Enqueued(m.id, direct.map(c -> c.withFirstId(m.id)).orElse(null)));
    return m;
  }

  /** Cancels a unit's pending messages of a kind (it has reported meanwhile). */
  @Transactional(Transactional.TxType.MANDATORY)
  public int cancelForUnit(long unitId, MessageKind kind, String why) {
    return OutboxMessage.update(
        "status = ?1, lastError = ?2 where unitId = ?3 and kind = ?4 and status = ?5",
        OutboxStatus.CANCELLED,
        why,
        unitId,
        kind,
        OutboxStatus.PENDING);
  }
}
