package io.duban.chat.outbox;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.ChatAdapter;
import io.duban.chat.Mention;
import io.duban.chat.MessageSplitter;
import io.duban.chat.Offer;
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
  @Inject jakarta.enterprise.inject.Instance<io.duban.chat.SendGate> gates;

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

  /** Bots known to have their {@code bot_state} row (rows are never deleted). */
  private final Set<String> withRow = ConcurrentHashMap.newKeySet();

  /** The bots with a message due now (each with its {@code bot_state} row). */
  List<String> dueBots() {
    List<String> due =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createQuery(
                            "select distinct m.botId from OutboxMessage m where m.status = :s and m.nextAttemptAt <= :now",
                            String.class)
                        .setParameter("s", OutboxStatus.PENDING)
                        .setParameter("now", wall.instant())
                        .getResultList());
    List<String> unknown = due.stream().filter(b -> !withRow.contains(b)).toList();
    if (!unknown.isEmpty()) {
      createBotRows(unknown);
    }
    return due;
  }

  /**
   * Creates the missing {@code bot_state} rows of a round's bots in one transaction (a fan-out to
   * 2,000 new bots: one insert each, not a transaction each); when another instance creates some at
   * the same time, each bot's first claim creates its own as before.
   */
  private void createBotRows(List<String> botIds) {
    Instant now = wall.instant();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                Set<String> have = new java.util.HashSet<>();
                for (int i = 0; i < botIds.size(); i += 500) {
                  have.addAll(
                      em.createQuery(
                              "select s.botId from BotState s where s.botId in :ids", String.class)
                          .setParameter("ids", botIds.subList(i, Math.min(botIds.size(), i + 500)))
                          .getResultList());
                }
                for (String botId : botIds) {
                  if (!have.contains(botId)) {
                    BotState s = new BotState();
                    s.botId = botId;
                    s.updatedAt = now;
                    em.persist(s);
                  }
                }
              });
      withRow.addAll(botIds);
    } catch (RuntimeException e) {
      LOG.debugf("bot_state rows created by another instance meanwhile: %s", e.toString());
    }
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

  /** Whether every {@link io.duban.chat.SendGate} lets this instance send the bot's messages. */
  private boolean mayClaim(BotSpec bot) {
    for (io.duban.chat.SendGate gate : gates) {
      if (!gate.mayClaim(bot)) {
        return false;
      }
    }
    return true;
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
    if (!mayClaim(bot)) {
      LOG.debugf("%s: sent by the instance that holds its connection", botId);
      return List.of();
    }
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
    // the due messages are locked a page at a time (a page is the batch: one message for a paced
    // bot), not one query per message; a message merged into an earlier one of the page, or
    // cancelled by its re-check, is skipped
    java.util.ArrayDeque<OutboxMessage> due = new java.util.ArrayDeque<>();
    boolean more = true;
    for (int attempt = 0; attempt < 100 + limit && claims.size() < limit; attempt++) {
      if (due.isEmpty()) {
        if (!more) {
          break;
        }
        em.flush(); // the rows claimed or cancelled so far are no longer PENDING for the next look
        int page = limit - claims.size();
        due.addAll(lockDue(state.botId, now, page));
        more = due.size() == page;
        if (due.isEmpty()) {
          if (claims.isEmpty()) {
            LOG.debugf("%s: nothing due at %s", state.botId, now);
          }
          break;
        }
      }
      OutboxMessage first = due.poll();
      if (first.status != OutboxStatus.PENDING || !rerenderer.rerender(first)) {
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
        null,
        merged.isEmpty() ? Offer.decode(first.offer) : Offer.NONE);
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
    if (spec.isEmpty()
        || !spec.get().enabled()
        || !spec.get().rateLimit().unpaced()
        || !mayClaim(spec.get())) {
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
            m.claimedAt,
            Offer.decode(m.offer)));
  }

  /** Locks the bot's next {@code limit} due messages (SKIP LOCKED) and loads them, in id order. */
  private List<OutboxMessage> lockDue(String botId, Instant now, int limit) {
    List<Long> ids =
        ((List<?>)
                em.createNativeQuery(
                        "SELECT id FROM outbox_message WHERE bot_id = :bot AND status = 'PENDING'"
                            + " AND next_attempt_at <= :now ORDER BY id FETCH FIRST "
                            + limit
                            + " ROWS ONLY FOR UPDATE SKIP LOCKED")
                    .setParameter("bot", botId)
                    .setParameter("now", now)
                    .getResultList())
            .stream().map(id -> ((Number) id).longValue()).toList();
    if (ids.isEmpty()) {
      return List.of();
    }
    // read after the lock, in one query; a row this claim already holds (merged into an earlier
    // message, flushed) is the same object, with the status this claim gave it
    return em.createQuery(
            "from OutboxMessage m where m.id in :ids order by m.id", OutboxMessage.class)
        .setParameter("ids", ids)
        .getResultList();
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
