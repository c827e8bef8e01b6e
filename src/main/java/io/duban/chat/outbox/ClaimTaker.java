package io.duban.chat.outbox;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.ChatAdapter;
import io.duban.chat.Mention;
import io.duban.chat.MessageSplitter;
import io.duban.chat.OutgoingMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Claims what may be sent: per bot, under the bot's row lock with SKIP LOCKED, so that exactly one
 * instance sends a message. A claim marks its rows SENDING for this instance; its lease ({@code
 * duban.outbox.lease}) starts when the claim is complete, and a claim whose lease ran out belonged
 * to a crashed instance and goes back to the queue.
 */
@ApplicationScoped
class ClaimTaker {
  /** The dispatcher's log category, as before the dispatcher was split. */
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

  @Inject EntityManager em;
  @Inject Clock wall;
  @Inject BotRegistry bots;
  @Inject Adapters adapters;
  @Inject MeterRegistry metrics;
  @Inject OutboxConfig config;
  @Inject AdminAlerts alerts;
  @Inject Rerenderer rerenderer;
  @Inject ChatMerger merger;

  private final String instanceId = UUID.randomUUID().toString().substring(0, 8);

  /**
   * Bots paused by a platform's rate-limit answer, as far as this instance knows: set here when one
   * of its sends is refused, and read from {@code bot_state} every few seconds (another instance's
   * pause) by the dispatcher's tick. A reply sent at once reads only this, not the row.
   */
  private final Map<String, Instant> paused = new ConcurrentHashMap<>();

  private volatile Instant pausesReadAt;

  void notePaused(String botId, Instant until) {
    paused.merge(botId, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Whether the bot is paused now; the stored pauses are read at the first call. */
  boolean pausedNow(String botId, Instant now) {
    if (pausesReadAt == null) {
      readPauses();
    }
    Instant until = paused.get(botId);
    return until != null && until.isAfter(now);
  }

  /** Reads the pauses every instance wrote (at most once per {@code every}). */
  void readPausesEvery(Duration every) {
    Instant last = pausesReadAt;
    if (last == null || !last.plus(every).isAfter(wall.instant())) {
      QuarkusTransaction.requiringNew().run(this::readPauses);
    }
  }

  private void readPauses() {
    Instant now = wall.instant();
    for (Object[] row :
        em.createQuery(
                "select s.botId, s.pausedUntil from BotState s where s.pausedUntil > :now",
                Object[].class)
            .setParameter("now", now)
            .getResultList()) {
      notePaused((String) row[0], (Instant) row[1]);
    }
    paused.entrySet().removeIf(e -> !e.getValue().isAfter(now));
    pausesReadAt = now;
  }

  /** This instance's name in {@code claimed_by}. */
  String instanceId() {
    return instanceId;
  }

  /** The bots with a message due now. */
  List<String> dueBots() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery(
                        "select distinct m.botId from OutboxMessage m where m.status = :s and m.nextAttemptAt <= :now",
                        String.class)
                    .setParameter("s", OutboxStatus.PENDING)
                    .setParameter("now", wall.instant())
                    .getResultList());
  }

  /** A SENDING claim whose lease ran out belonged to a crashed instance: it may repeat once. */
  void recoverExpiredClaims() {
    int possibleRepeats =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Instant cutoff = wall.instant().minus(config.lease());
                  int sends =
                      (int)
                          OutboxMessage.count(
                              "status = ?1 and claimedAt < ?2 and mergedInto is null",
                              OutboxStatus.SENDING,
                              cutoff);
                  if (sends > 0) {
                    OutboxMessage.update(
                        "status = ?1, claimedBy = null, mergedInto = null where status = ?2 and claimedAt < ?3",
                        OutboxStatus.PENDING,
                        OutboxStatus.SENDING,
                        cutoff);
                  }
                  return sends;
                });
    if (possibleRepeats > 0) {
      metrics.counter("duban_outbox_duplicates_after_crash_total").increment(possibleRepeats);
      LOG.warnf("接管了 %d 条中断的发送（上一个实例在发送中途停止），它们可能重复发送一次", possibleRepeats);
    }
  }

  /** How many messages one claim takes for a bot: a batch when unpaced, one at a time otherwise. */
  int batchLimit(BotSpec bot) {
    return bot.rateLimit().unpaced() ? Math.max(1, config.batchSize()) : 1;
  }

  /**
   * Claims what may go now for one bot: one message (or one merged group) for a paced bot, up to
   * {@code duban.outbox.batch-size} for an unpaced one; empty when nothing may go.
   */
  List<Claim> claim(String botId) {
    Instant now = wall.instant();
    Optional<BotSpec> spec = bots.bot(botId);
    if (spec.isEmpty() || !spec.get().enabled()) {
      failAllOf(
          botId,
          spec.map(b -> "机器人已停用：" + b.disabledReason())
              .orElse("机器人“" + botId + "”未在 bots.yaml 中配置"));
      return List.of();
    }
    BotSpec bot = spec.get();
    BotState state = lockFreeBot(botId, now);
    if (state == null) {
      return List.of();
    }
    List<Instant> recent = Pacer.decode(state.recentSends);
    if (Pacer.nextAllowed(bot.rateLimit(), recent, now).isAfter(now)) {
      LOG.debugf("%s: paced (%d sends in the last minute)", botId, recent.size());
      return List.of();
    }
    return claimBatch(bot, state, recent, now);
  }

  /**
   * The bot's state, locked, when this worker holds the bot and it is neither paused nor has a send
   * in flight; null otherwise.
   */
  private BotState lockFreeBot(String botId, Instant now) {
    List<?> locked = lockBotRow(botId);
    if (locked.isEmpty()) {
      // a bot's first claim creates its row; otherwise another worker holds it
      if (!ensureBotState(botId, now) || (locked = lockBotRow(botId)).isEmpty()) {
        LOG.debugf("%s: another worker holds the bot", botId);
        return null;
      }
    }
    // read after the lock, in this transaction's fresh persistence context
    BotState state = em.find(BotState.class, botId);
    if (state.pausedUntil != null && state.pausedUntil.isAfter(now)) {
      LOG.debugf("%s: paused until %s", botId, state.pausedUntil);
      return null;
    }
    long inFlight =
        OutboxMessage.count(
            "botId = ?1 and status = ?2 and mergedInto is null and claimedAt >= ?3"
                + " and replyWebhook is null",
            botId,
            OutboxStatus.SENDING,
            now.minus(config.lease()));
    if (inFlight > 0) {
      LOG.debugf("%s: %d sends in flight", botId, inFlight);
      return null;
    }
    return state;
  }

  /** Claims up to the bot's batch limit of due messages, reserving their sends in its pacing. */
  private List<Claim> claimBatch(BotSpec bot, BotState state, List<Instant> recent, Instant now) {
    ChatAdapter adapter = adapters.of(bot.platform());
    int limit = batchLimit(bot);
    List<Claim> claims = new ArrayList<>();
    List<OutboxMessage> claimedRows = new ArrayList<>();
    List<Instant> reserved = recent;
    for (int attempt = 0; attempt < 100 + limit && claims.size() < limit; attempt++) {
      em.flush(); // the rows claimed or cancelled so far are no longer PENDING for the next look
      OutboxMessage first = lockNextDue(state.botId, now);
      if (first == null) {
        if (claims.isEmpty()) {
          LOG.debugf("%s: nothing due at %s", state.botId, now);
        }
        break;
      }
      if (!rerenderer.rerender(first)) {
        continue;
      }
      OutgoingMessage probe =
          new OutgoingMessage(
              first.chatId,
              first.text,
              List.of(),
              first.idempotencyKey,
              first.replyWebhook,
              first.replyExpiresAt);
      int maxBytes = adapter.maxBytes(bot, probe);
      ChatMerger.Merge merge = merger.merge(first, adapter, maxBytes, now);
      List<String> parts = MessageSplitter.split(merge.text(), maxBytes);
      for (int p = 0; p < parts.size(); p++) {
        reserved = Pacer.record(bot.rateLimit(), reserved, now);
      }
      claims.add(markClaimed(bot, first, merge.merged(), parts, merge.mentions()));
      claimedRows.add(first);
      claimedRows.addAll(merge.merged());
    }
    if (!claims.isEmpty()) {
      state.recentSends = Pacer.encode(reserved);
      state.updatedAt = now;
      // the lease starts when the claim is complete, not when this transaction began (claiming a
      // large batch takes a while, and that time must not count against the sends)
      Instant claimedAt = wall.instant().truncatedTo(ChronoUnit.MICROS);
      claimedRows.forEach(m -> m.claimedAt = claimedAt);
      claims.replaceAll(c -> c.claimedAt(claimedAt));
    }
    return claims;
  }

  private Claim markClaimed(
      BotSpec bot,
      OutboxMessage first,
      List<OutboxMessage> merged,
      List<String> parts,
      Set<String> mentions) {
    first.status = OutboxStatus.SENDING;
    first.claimedBy = instanceId;
    first.attempts++;
    List<Long> ids = new ArrayList<>();
    ids.add(first.id);
    for (OutboxMessage m : merged) {
      m.status = OutboxStatus.SENDING;
      m.claimedBy = instanceId;
      m.mergedInto = first.id;
      ids.add(m.id);
    }
    return new Claim(
        bot,
        first.id,
        ids,
        first.chatId,
        parts,
        mentions.stream().map(Mention::decode).toList(),
        first.idempotencyKey,
        first.replyWebhook,
        first.replyExpiresAt,
        first.createdAt,
        first.kind == MessageKind.ADMIN_ALERT,
        null);
  }

  /**
   * A reply about to be written, in the writer's transaction: if its bot is unpaced and not paused
   * and its reply link is good for a while, it is claimed here and sent as soon as the transaction
   * commits, without waiting for a dispatcher round (empty otherwise: the dispatcher sends it).
   */
  Optional<Claim> claimReplyNow(OutboxMessage m) {
    if (!config.dispatchOnEnqueue() || m.replyWebhook == null || m.status != OutboxStatus.PENDING) {
      return Optional.empty();
    }
    Instant now = wall.instant();
    if (m.nextAttemptAt.isAfter(now)
        || (m.replyExpiresAt != null && m.replyExpiresAt.isBefore(now.plusSeconds(30)))) {
      return Optional.empty();
    }
    Optional<BotSpec> spec = bots.bot(m.botId);
    if (spec.isEmpty() || !spec.get().enabled() || !spec.get().rateLimit().unpaced()) {
      return Optional.empty();
    }
    if (pausedNow(m.botId, now)) {
      return Optional.empty();
    }
    if (!rerenderer.rerender(m)) {
      return Optional.empty();
    }
    BotSpec bot = spec.get();
    int maxBytes =
        adapters
            .of(bot.platform())
            .maxBytes(
                bot,
                new OutgoingMessage(
                    m.chatId,
                    m.text,
                    List.of(),
                    m.idempotencyKey,
                    m.replyWebhook,
                    m.replyExpiresAt));
    m.status = OutboxStatus.SENDING;
    m.claimedBy = instanceId;
    m.claimedAt = now.truncatedTo(ChronoUnit.MICROS);
    m.attempts++;
    // the id is known once the row is written: Outbox.enqueue completes the claim
    return Optional.of(
        new Claim(
            bot,
            0L,
            List.of(),
            m.chatId,
            MessageSplitter.split(adapters.of(bot.platform()).escape(m.text), maxBytes),
            Rerenderer.lines(m.mentions).stream().map(Mention::decode).toList(),
            m.idempotencyKey,
            m.replyWebhook,
            m.replyExpiresAt,
            m.createdAt,
            m.kind == MessageKind.ADMIN_ALERT,
            m.claimedAt));
  }

  private OutboxMessage lockNextDue(String botId, Instant now) {
    List<?> ids =
        em.createNativeQuery(
                "SELECT id FROM outbox_message WHERE bot_id = :bot AND status = 'PENDING' AND next_attempt_at <= :now"
                    + " ORDER BY id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED")
            .setParameter("bot", botId)
            .setParameter("now", now)
            .getResultList();
    if (ids.isEmpty()) {
      return null;
    }
    OutboxMessage m = em.find(OutboxMessage.class, ((Number) ids.get(0)).longValue());
    em.refresh(m);
    return m;
  }

  private void failAllOf(String botId, String reason) {
    List<OutboxMessage> pending =
        OutboxMessage.list(
            "botId = ?1 and status = ?2 and nextAttemptAt <= ?3",
            botId,
            OutboxStatus.PENDING,
            wall.instant());
    for (OutboxMessage m : pending) {
      m.status = OutboxStatus.FAILED;
      m.lastError = reason;
      metrics.counter("duban_outbox_failed_total").increment();
      if (m.kind != MessageKind.ADMIN_ALERT) {
        alerts.deliveryFailed(botId, m.chatId, m.text, reason);
      }
    }
  }

  private List<?> lockBotRow(String botId) {
    return em.createNativeQuery(
            "SELECT bot_id FROM bot_state WHERE bot_id = :id FOR UPDATE SKIP LOCKED")
        .setParameter("id", botId)
        .getResultList();
  }

  /** Creates the bot's row if it has none; false when it exists (held by another worker). */
  private boolean ensureBotState(String botId, Instant now) {
    BotState existing = em.find(BotState.class, botId);
    if (existing != null) {
      em.detach(existing); // read again once locked
      return false;
    }
    // two instances may insert together: the loser's insert fails in its own transaction only
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                BotState s = new BotState();
                s.botId = botId;
                s.updatedAt = now;
                s.persist();
              });
    } catch (RuntimeException e) {
      LOG.debugf("bot_state %s already created by another instance", botId);
    }
    return true;
  }
}
