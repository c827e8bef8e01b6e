package io.duban.chat.outbox;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.ChatAdapter;
import io.duban.chat.Mention;
import io.duban.chat.MessageSplitter;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.SendResult;
import io.duban.config.NotReady;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends what the outbox holds. Per bot, one batch is in flight at a time, claimed under the bot's
 * row lock with SKIP LOCKED so that exactly one instance sends it: a paced bot's batch is one
 * message (or one merged group of messages to the same chat), an unpaced bot's up to {@code
 * duban.outbox.batch-size} (replies go side by side, one chat's messages in order). Pacing follows
 * the bot's rate limit; failures are retried with backoff, a rate-limit answer pauses the bot's
 * queue, permanent failures stop at once and tell the admins.
 */
@ApplicationScoped
public class OutboxDispatcher {
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

  @Inject EntityManager em;
  @Inject Clock wall;
  @Inject BotRegistry bots;
  @Inject Adapters adapters;
  @Inject @Any Instance<OutboxRenderer> renderers;
  @Inject MeterRegistry metrics;
  @Inject OutboxConfig config;
  @Inject AdminAlerts alerts;

  private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
  private final SecureRandom random = new SecureRandom();
  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean roundRunning = new AtomicBoolean();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private ExecutorService workers;
  private ExecutorService senders;
  private ExecutorService waker;

  /** Messages of one chat locked at a time while merging them into one send. */
  private static final int SIBLING_PAGE = 8;

  /** A message of a batch that waited behind a failed one of the same chat. */
  private static final SendResult NOT_ATTEMPTED = SendResult.retry("未发送：同一会话的前一条消息发送失败");

  /**
   * A message of a batch whose claim is half its lease old: it goes back to the queue unsent, so
   * that no send starts late enough for another instance to take the claim over meanwhile.
   */
  private static final SendResult LEASE_SPENT = SendResult.retry("未发送：本批领取已用去半个租期，退回队列");

  /** One send or one decision about a bot. */
  record Claim(
      BotSpec bot,
      long firstId,
      List<Long> ids,
      String chatId,
      List<String> parts,
      List<Mention> mentions,
      String idempotencyKey,
      String replyWebhook,
      Instant replyExpiresAt,
      Instant createdAt,
      boolean adminAlert,
      Instant claimedAt) {
    /** The claim of a message persisted after it was claimed (its id known only then). */
    Claim withFirstId(long id) {
      return with(id, List.of(id), claimedAt);
    }

    /** The claim stamped with the moment it was complete (its lease starts then). */
    Claim claimedAt(Instant at) {
      return with(firstId, ids, at);
    }

    private Claim with(long firstId, List<Long> ids, Instant claimedAt) {
      return new Claim(
          bot,
          firstId,
          ids,
          chatId,
          parts,
          mentions,
          idempotencyKey,
          replyWebhook,
          replyExpiresAt,
          createdAt,
          adminAlert,
          claimedAt);
    }

    /** Whether a row still carries this claim (no other round took it over meanwhile). */
    boolean holds(OutboxMessage m, String instance) {
      return m.status == OutboxStatus.SENDING
          && instance.equals(m.claimedBy)
          && m.claimedAt != null
          && m.claimedAt
              .truncatedTo(ChronoUnit.MILLIS)
              .equals(claimedAt.truncatedTo(ChronoUnit.MILLIS));
    }
  }

  @PostConstruct
  void start() {
    workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), named("duban-outbox"));
    senders =
        Executors.newFixedThreadPool(Math.max(1, config.batchSize()), named("duban-outbox-send"));
    waker = Executors.newSingleThreadExecutor(named("duban-outbox-wake"));
  }

  void stop(@Observes ShutdownEvent event) {
    workers.shutdown();
    waker.shutdown();
    senders.shutdown();
    try {
      // replies claimed a moment ago go out before the process ends
      senders.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public String instanceId() {
    return instanceId;
  }

  @Scheduled(
      every = "${duban.outbox.interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      delayed = "${duban.outbox.initial-delay:2s}",
      skipExecutionIf = NotReady.class)
  void tick() {
    runOnce();
  }

  void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Enqueued event) {
    if (!config.dispatchOnEnqueue()) {
      return;
    }
    if (event.claim() != null) {
      try {
        senders.execute(() -> sendClaimed(event.claim()));
        return;
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // shutting down: the claim's lease runs out and another round sends it
        return;
      }
    }
    again.set(true);
    // one wake-up in the queue at a time: a burst of enqueues is one more round, not thousands
    if (wakeQueued.compareAndSet(false, true) && !waker.isShutdown()) {
      waker.execute(
          () -> {
            wakeQueued.set(false);
            try {
              runOnce();
            } catch (RuntimeException e) {
              LOG.warnf("发送队列处理失败：%s", e.toString());
            }
          });
    }
  }

  /** Sends everything that may go now; returns how many sends were attempted. */
  public int runOnce() {
    if (!roundRunning.compareAndSet(false, true)) {
      again.set(true);
      return 0;
    }
    int total = 0;
    try {
      do {
        again.set(false);
        recoverExpiredClaims();
        List<String> due = dueBots();
        List<Future<Integer>> runs = new ArrayList<>();
        for (String botId : due) {
          runs.add(workers.submit(() -> drainBot(botId)));
        }
        for (Future<Integer> f : runs) {
          try {
            total += f.get();
          } catch (Exception e) {
            LOG.errorf("发送队列处理失败：%s", e.toString());
          }
        }
      } while (again.get());
    } finally {
      roundRunning.set(false);
    }
    return total;
  }

  /** Sends until the queue is empty or nothing more may go now (for tests and tools). */
  public int drain() {
    int total = 0;
    for (int i = 0; i < 1000; i++) {
      int sent = runOnce();
      total += sent;
      if (sent == 0) {
        break;
      }
    }
    return total;
  }

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

  int drainBot(String botId) {
    int sent = 0;
    for (int i = 0; i < 10_000; i++) {
      List<Claim> claims;
      try {
        claims = QuarkusTransaction.requiringNew().call(() -> claim(botId));
      } catch (RuntimeException e) {
        LOG.warnf("领取 %s 的待发消息失败：%s", botId, e.toString());
        return sent;
      }
      if (claims.isEmpty()) {
        return sent;
      }
      List<SendResult> results = sendAll(claims);
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (int k = 0; k < claims.size(); k++) {
                  record(claims.get(k), results.get(k));
                }
              });
      boolean allSent = true;
      for (int k = 0; k < claims.size(); k++) {
        if (results.get(k) != NOT_ATTEMPTED && results.get(k) != LEASE_SPENT) {
          sent += claims.get(k).parts().size();
        }
        // a message handed back for the lease is not a failure: claim again at once
        allSent &=
            results.get(k).outcome() == SendResult.Outcome.SENT || results.get(k) == LEASE_SPENT;
      }
      if (!allSent) {
        return sent;
      }
      if (claims.size() < batchLimit(claims.get(0).bot())) {
        // the claim took everything that was due: looking again would find nothing (a message
        // enqueued meanwhile wakes another round)
        return sent;
      }
    }
    return sent;
  }

  /** How many messages one claim takes for a bot: a batch when unpaced, one at a time otherwise. */
  private int batchLimit(BotSpec bot) {
    return bot.rateLimit().unpaced() ? Math.max(1, config.batchSize()) : 1;
  }

  /**
   * Sends a batch: replies (each to its own reply link) side by side, messages to one chat one
   * after another in order; after a failure the rest of that chat's messages wait (not attempted).
   */
  private List<SendResult> sendAll(List<Claim> claims) {
    SendResult[] results = new SendResult[claims.size()];
    if (claims.size() == 1) {
      results[0] = send(claims.get(0));
      return List.of(results);
    }
    java.util.Map<String, List<Integer>> lanes = new java.util.LinkedHashMap<>();
    for (int k = 0; k < claims.size(); k++) {
      Claim c = claims.get(k);
      String lane = c.replyWebhook() != null ? "reply:" + c.firstId() : "chat:" + c.chatId();
      lanes.computeIfAbsent(lane, x -> new ArrayList<>()).add(k);
    }
    List<Future<?>> running = new ArrayList<>();
    for (List<Integer> lane : lanes.values()) {
      running.add(
          senders.submit(
              () -> {
                boolean stopped = false;
                for (int k : lane) {
                  if (stopped) {
                    results[k] = NOT_ATTEMPTED;
                  } else if (halfLeaseSpent(claims.get(k))) {
                    results[k] = LEASE_SPENT;
                    stopped = true;
                  } else {
                    results[k] = send(claims.get(k));
                    stopped = results[k].outcome() != SendResult.Outcome.SENT;
                  }
                }
              }));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (Exception e) {
        LOG.errorf("发送失败：%s", e.toString());
      }
    }
    for (int k = 0; k < results.length; k++) {
      if (results[k] == null) {
        results[k] = SendResult.retry("发送中断");
      }
    }
    return List.of(results);
  }

  /**
   * Whether half of a claim's lease has passed: a send started later could still be running when
   * the lease runs out and another instance takes the message over (a slow platform under a batch
   * of one chat's messages, sent one after another).
   */
  private boolean halfLeaseSpent(Claim claim) {
    return wall.instant().isAfter(claim.claimedAt().plus(config.lease().dividedBy(2)));
  }

  /**
   * Claims what may go now for one bot: one message (or one merged group) for a paced bot, up to
   * {@code duban.outbox.batch-size} for an unpaced one; empty when nothing may go.
   */
  private List<Claim> claim(String botId) {
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
    ensureBotState(botId, now);
    List<?> locked =
        em.createNativeQuery(
                "SELECT bot_id FROM bot_state WHERE bot_id = :id FOR UPDATE SKIP LOCKED")
            .setParameter("id", botId)
            .getResultList();
    if (locked.isEmpty()) {
      LOG.debugf("%s: another worker holds the bot", botId);
      return List.of();
    }
    BotState state = em.find(BotState.class, botId);
    em.refresh(state);
    if (state.pausedUntil != null && state.pausedUntil.isAfter(now)) {
      LOG.debugf("%s: paused until %s", botId, state.pausedUntil);
      return List.of();
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
      return List.of();
    }
    List<Instant> recent = Pacer.decode(state.recentSends);
    if (Pacer.nextAllowed(bot.rateLimit(), recent, now).isAfter(now)) {
      LOG.debugf("%s: paced (%d sends in the last minute)", botId, recent.size());
      return List.of();
    }
    ChatAdapter adapter = adapters.of(bot.platform());
    int limit = batchLimit(bot);
    List<Claim> claims = new ArrayList<>();
    List<OutboxMessage> claimedRows = new ArrayList<>();
    List<Instant> reserved = recent;
    for (int attempt = 0; attempt < 100 + limit && claims.size() < limit; attempt++) {
      em.flush(); // the rows claimed or cancelled so far are no longer PENDING for the next look
      OutboxMessage first = lockNextDue(botId, now);
      if (first == null) {
        if (claims.isEmpty()) {
          LOG.debugf("%s: nothing due at %s", botId, now);
        }
        break;
      }
      if (!rerender(first)) {
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
      // measured and split as the platform will receive it: escaping may lengthen it
      StringBuilder text = new StringBuilder(adapter.escape(first.text));
      Set<String> mentions = new LinkedHashSet<>(lines(first.mentions));
      List<OutboxMessage> merged = new ArrayList<>();
      if (first.replyWebhook == null) {
        // siblings are locked a few at a time: a long queue of large messages (which cannot be
        // merged) does not lock and load the whole merge window on every claim
        long after = first.id;
        int room = Math.max(0, config.mergeLimit() - 1);
        boolean full = false;
        while (!full && room > 0) {
          int page = Math.min(SIBLING_PAGE, room);
          List<OutboxMessage> siblings = lockSiblings(first, after, page, now);
          for (OutboxMessage sibling : siblings) {
            after = sibling.id;
            room--;
            if (!rerender(sibling)) {
              continue;
            }
            String joined = text + "\n\n" + adapter.escape(sibling.text);
            if (MessageSplitter.utf8Length(joined) > maxBytes) {
              full = true;
              break;
            }
            text.setLength(0);
            text.append(joined);
            mentions.addAll(lines(sibling.mentions));
            merged.add(sibling);
          }
          full |= siblings.size() < page;
        }
      }
      List<String> parts = MessageSplitter.split(text.toString(), maxBytes);
      for (int p = 0; p < parts.size(); p++) {
        reserved = Pacer.record(bot.rateLimit(), reserved, now);
      }
      claims.add(markClaimed(bot, first, merged, parts, mentions));
      claimedRows.add(first);
      claimedRows.addAll(merged);
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
    BotState state = em.find(BotState.class, m.botId);
    if (state != null && state.pausedUntil != null && state.pausedUntil.isAfter(now)) {
      return Optional.empty();
    }
    if (!rerender(m)) {
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
            lines(m.mentions).stream().map(Mention::decode).toList(),
            m.idempotencyKey,
            m.replyWebhook,
            m.replyExpiresAt,
            m.createdAt,
            m.kind == MessageKind.ADMIN_ALERT,
            m.claimedAt));
  }

  /** Sends a reply claimed by {@link #claimReplyNow} once its transaction committed. */
  private void sendClaimed(Claim claim) {
    try {
      SendResult result = send(claim);
      QuarkusTransaction.requiringNew().run(() -> record(claim, result));
    } catch (RuntimeException e) {
      // left SENDING: after the lease the dispatcher takes it over (and counts a possible repeat)
      LOG.warnf("发送回复 #%d 失败：%s", claim.firstId(), e.toString());
    }
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

  /** Locks the next {@code limit} messages after {@code after} that could join {@code first}. */
  private List<OutboxMessage> lockSiblings(
      OutboxMessage first, long after, int limit, Instant now) {
    String sql =
        "SELECT id FROM outbox_message WHERE bot_id = :bot AND status = 'PENDING' AND next_attempt_at <= :now"
            + " AND id > :after AND reply_webhook IS NULL AND "
            + (first.chatId == null ? "chat_id IS NULL" : "chat_id = :chat")
            + " ORDER BY id FETCH FIRST "
            + limit
            + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    var q =
        em.createNativeQuery(sql)
            .setParameter("bot", first.botId)
            .setParameter("now", now)
            .setParameter("after", after);
    if (first.chatId != null) {
      q.setParameter("chat", first.chatId);
    }
    List<OutboxMessage> out = new ArrayList<>();
    for (Object id : q.getResultList()) {
      OutboxMessage m = em.find(OutboxMessage.class, ((Number) id).longValue());
      em.refresh(m);
      out.add(m);
    }
    return out;
  }

  /** Re-renders or re-checks a message as it is about to go; false when it was cancelled. */
  private boolean rerender(OutboxMessage m) {
    for (OutboxRenderer r : renderers) {
      if (r.renders(m.kind)) {
        Optional<String> text = r.render(m);
        if (text.isEmpty()) {
          m.status = OutboxStatus.CANCELLED;
          m.lastError = "发送前复核：已不需要发送";
          metrics.counter("duban_outbox_cancelled_total").increment();
          return false;
        }
        m.text = text.get();
      }
    }
    return true;
  }

  private SendResult send(Claim claim) {
    ChatAdapter adapter = adapters.of(claim.bot().platform());
    for (int i = 0; i < claim.parts().size(); i++) {
      String key = i == 0 ? claim.idempotencyKey() : claim.idempotencyKey() + "-" + i;
      OutgoingMessage out =
          new OutgoingMessage(
              claim.chatId(),
              claim.parts().get(i),
              i == 0 ? claim.mentions() : List.of(),
              key,
              claim.replyWebhook(),
              claim.replyExpiresAt());
      SendResult r;
      try {
        r = adapter.send(claim.bot(), out);
      } catch (RuntimeException e) {
        r = SendResult.retry("发送异常：" + e.getClass().getSimpleName());
      }
      if (r.outcome() != SendResult.Outcome.SENT) {
        return r;
      }
    }
    return SendResult.sent();
  }

  private void record(Claim claim, SendResult result) {
    Instant now = wall.instant();
    List<OutboxMessage> all = OutboxMessage.list("id in ?1", claim.ids());
    // rows another round took over meanwhile (the lease ran out) are that round's to decide; one
    // taken back to the queue but not yet claimed again is marked sent if this send went out
    List<OutboxMessage> rows = all.stream().filter(m -> claim.holds(m, instanceId)).toList();
    if (rows.size() < all.size()) {
      List<OutboxMessage> requeued =
          all.stream().filter(m -> m.status == OutboxStatus.PENDING).toList();
      LOG.warnf(
          "消息 #%d 的领取已被接管（%d 条中的 %d 条）", claim.firstId(), all.size(), all.size() - rows.size());
      if (result.outcome() == SendResult.Outcome.SENT) {
        for (OutboxMessage m : requeued) {
          m.status = OutboxStatus.SENT;
          m.sentAt = now;
          m.lastError = null;
          m.claimedBy = null;
        }
      }
      if (rows.isEmpty()) {
        return;
      }
    }
    OutboxMessage first =
        rows.stream().filter(r -> r.id == claim.firstId()).findFirst().orElse(rows.get(0));
    if (result == NOT_ATTEMPTED || result == LEASE_SPENT) {
      // it waited behind a failed message of the same chat, or was handed back for the lease: not
      // its failure
      first.attempts--;
      release(rows, now, first.lastError);
      return;
    }
    String error = result.error() == null ? null : Secrets.scrub(result.error());
    switch (result.outcome()) {
      case SENT -> {
        for (OutboxMessage m : rows) {
          m.status = OutboxStatus.SENT;
          m.sentAt = now;
          m.lastError = null;
          metrics.counter("duban_outbox_sent_total", "kind", m.kind.name()).increment();
        }
        Timer.builder("duban_outbox_send_latency")
            .description("from enqueue to sent")
            .register(metrics)
            .record(Duration.between(first.createdAt, now));
      }
      case RATE_LIMITED -> {
        BotState state = em.find(BotState.class, claim.bot().id());
        state.pausedUntil = now.plus(result.delay());
        state.pauseReason = error;
        state.updatedAt = now;
        first
            .attempts--; // a rate-limit answer is the platform's pace, not a failure of the message
        release(rows, state.pausedUntil, error);
        metrics.counter("duban_outbox_rate_limited_total", "bot", claim.bot().id()).increment();
        LOG.warnf("机器人 %s 被平台限流，暂停发送到 %s（%s）", claim.bot().id(), state.pausedUntil, error);
      }
      case RETRY -> {
        if (first.attempts >= config.maxAttempts()) {
          fail(rows, error + "（已尝试 " + first.attempts + " 次）", claim);
        } else {
          Duration delay = Backoff.delay(first.attempts, result.delay(), random);
          release(rows, now.plus(delay), error);
          metrics.counter("duban_outbox_retries_total").increment();
        }
      }
      case PERMANENT -> fail(rows, error, claim);
    }
  }

  /** Back to PENDING; merged messages go back on their own and may be merged again. */
  private static void release(List<OutboxMessage> rows, Instant next, String error) {
    for (OutboxMessage m : rows) {
      m.status = OutboxStatus.PENDING;
      m.claimedBy = null;
      m.mergedInto = null;
      m.nextAttemptAt = next;
      m.lastError = error;
    }
  }

  private void fail(List<OutboxMessage> rows, String error, Claim claim) {
    for (OutboxMessage m : rows) {
      m.status = OutboxStatus.FAILED;
      m.lastError = error;
      metrics.counter("duban_outbox_failed_total").increment();
    }
    LOG.warnf("消息 #%d 发送失败（机器人 %s）：%s", claim.firstId(), claim.bot().id(), error);
    if (!claim.adminAlert()) {
      alerts.deliveryFailed(claim.bot().id(), claim.chatId(), rows.get(0).text, error);
    }
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

  private void ensureBotState(String botId, Instant now) {
    if (em.find(BotState.class, botId) != null) {
      return;
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
  }

  private static List<String> lines(String column) {
    if (column == null || column.isEmpty()) {
      return List.of();
    }
    return List.of(column.split("\n"));
  }

  /** For tests and /api/messages: whether a bot is paused and until when. */
  public Optional<Instant> pausedUntil(String botId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              BotState s = BotState.findById(botId);
              return s == null || s.pausedUntil == null || !s.pausedUntil.isAfter(wall.instant())
                  ? Optional.<Instant>empty()
                  : Optional.of(s.pausedUntil);
            });
  }
}
