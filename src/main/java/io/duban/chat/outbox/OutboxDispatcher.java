package io.duban.chat.outbox;

import io.duban.chat.SendResult;
import io.duban.common.DaemonThreads;
import io.duban.config.NotReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Sends what the outbox holds. Per bot, one batch is in flight at a time, claimed under the bot's
 * row lock with SKIP LOCKED so that exactly one instance sends it: a paced bot's batch is one
 * message (or one merged group of messages to the same chat), an unpaced bot's up to {@code
 * duban.outbox.batch-size} (replies go side by side, one chat's messages in order). Pacing follows
 * the bot's rate limit; failures are retried with backoff, a rate-limit answer pauses the bot's
 * queue, permanent failures stop at once and tell the admins.
 *
 * <p>This class runs the rounds (the schedule, a wake-up after an enqueue, one worker per due bot);
 * {@link ClaimTaker} claims, {@link ChatMerger} merges a chat's messages, {@link BatchSender} sends
 * and {@link SendRecorder} writes down the results.
 */
@ApplicationScoped
public class OutboxDispatcher {
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

  @Inject Clock wall;
  @Inject OutboxConfig config;
  @Inject ClaimTaker claimer;
  @Inject BatchSender sender;
  @Inject SendRecorder recorder;
  @Inject QueuedUnits queuedUnits;

  private final AtomicBoolean again = new AtomicBoolean();
  private final AtomicBoolean roundRunning = new AtomicBoolean();
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private ExecutorService workers;
  private ExecutorService waker;

  @PostConstruct
  void start() {
    workers =
        Executors.newFixedThreadPool(
            Math.max(1, config.workers()), DaemonThreads.named("duban-outbox"));
    waker = Executors.newSingleThreadExecutor(DaemonThreads.named("duban-outbox-wake"));
  }

  void stop(@Observes ShutdownEvent event) {
    workers.shutdown();
    waker.shutdown();
    // replies claimed a moment ago go out before the process ends
    sender.stop();
  }

  public String instanceId() {
    return claimer.instanceId();
  }

  @Scheduled(
      every = "${duban.outbox.interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      delayed = "${duban.outbox.initial-delay:2s}",
      skipExecutionIf = NotReady.class)
  void tick() {
    claimer.readPausesEvery(java.time.Duration.ofSeconds(5));
    queuedUnits.refresh();
    runOnce();
  }

  void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Enqueued event) {
    if (!config.dispatchOnEnqueue()) {
      return;
    }
    if (event.claim() != null) {
      try {
        sender.execute(() -> sendClaimed(event.claim()));
        return;
      } catch (RejectedExecutionException e) {
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
        List<String> due = claimer.dueBots();
        List<Future<Integer>> runs = new ArrayList<>();
        for (List<String> group : groups(due, Math.max(1, config.workers()))) {
          runs.add(workers.submit(() -> drainGroup(group)));
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

  /** A SENDING claim whose lease ran out belonged to a crashed instance: it may repeat once. */
  void recoverExpiredClaims() {
    claimer.recoverExpiredClaims();
  }

  /** Bots claimed in one transaction at most (a round's due bots are split among the workers). */
  static final int GROUP_LIMIT = 50;

  /**
   * The due bots in groups, one per worker and at most {@link #GROUP_LIMIT} each: a round of 2,000
   * reminders on 2,000 bots is claimed in 40 transactions and written down in 40, not 2,000 each
   * (on H2 every commit waits for the store's one writer).
   */
  static List<List<String>> groups(List<String> bots, int workers) {
    int size = Math.min(GROUP_LIMIT, Math.max(1, (bots.size() + workers - 1) / workers));
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < bots.size(); i += size) {
      out.add(List.copyOf(bots.subList(i, Math.min(bots.size(), i + size))));
    }
    return out;
  }

  /**
   * Claims, sends and writes down the due messages of a group of bots until nothing more may go:
   * each bot's claim as {@link ClaimTaker#claim} makes it, all of the group's in one transaction
   * (or, if that fails, each in its own), their sends side by side, and their results in one.
   */
  int drainGroup(List<String> botIds) {
    int sent = 0;
    List<String> active = botIds;
    for (int i = 0; i < 10_000 && !active.isEmpty(); i++) {
      List<Claim> claims = claimAll(active);
      if (claims.isEmpty()) {
        return sent;
      }
      List<SendResult> results = sender.sendAll(claims);
      try {
        QuarkusTransaction.requiringNew()
            .run(
                () -> {
                  for (int k = 0; k < claims.size(); k++) {
                    recorder.record(claims.get(k), results.get(k));
                  }
                });
      } catch (RuntimeException e) {
        // left SENDING: after the lease another round takes them over (a possible repeat, counted)
        LOG.warnf("记录 %d 条发送结果失败：%s", claims.size(), e.toString());
        return sent;
      }
      Map<String, Integer> taken = new HashMap<>();
      Set<String> stopped = new HashSet<>();
      for (int k = 0; k < claims.size(); k++) {
        String bot = claims.get(k).bot().id();
        taken.merge(bot, 1, Integer::sum);
        if (!BatchSender.notAttempted(results.get(k))) {
          sent += claims.get(k).parts().size();
        }
        // a message handed back for the lease is not a failure: claim again at once
        if (results.get(k).outcome() != SendResult.Outcome.SENT
            && results.get(k) != BatchSender.LEASE_SPENT) {
          stopped.add(bot);
        }
      }
      // a bot whose claim took less than its batch took everything that was due: looking again
      // would find nothing (a message enqueued meanwhile wakes another round)
      active =
          claims.stream()
              .map(Claim::bot)
              .distinct()
              .filter(
                  b ->
                      !stopped.contains(b.id())
                          && taken.getOrDefault(b.id(), 0) >= claimer.batchLimit(b))
              .map(b -> b.id())
              .toList();
    }
    return sent;
  }

  /** The group's claims in one transaction; if that fails, each bot's in its own. */
  private List<Claim> claimAll(List<String> botIds) {
    if (botIds.size() > 1) {
      try {
        return QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  List<Claim> all = new ArrayList<>();
                  for (String botId : botIds) {
                    all.addAll(claimer.claim(botId));
                  }
                  return all;
                });
      } catch (RuntimeException e) {
        LOG.debugf("领取 %d 个机器人的待发消息失败，逐个重试：%s", botIds.size(), e.toString());
      }
    }
    List<Claim> all = new ArrayList<>();
    for (String botId : botIds) {
      try {
        all.addAll(QuarkusTransaction.requiringNew().call(() -> claimer.claim(botId)));
      } catch (RuntimeException e) {
        LOG.warnf("领取 %s 的待发消息失败：%s", botId, e.toString());
      }
    }
    return all;
  }

  /**
   * A reply about to be written, in the writer's transaction: claimed here when it can go at once
   * (see {@link ClaimTaker#claimReplyNow}); empty otherwise: a round sends it.
   */
  Optional<Claim> claimReplyNow(OutboxMessage m) {
    return claimer.claimReplyNow(m);
  }

  /** Sends a reply claimed by {@link #claimReplyNow} once its transaction committed. */
  private void sendClaimed(Claim claim) {
    try {
      SendResult result = sender.send(claim);
      if (result.outcome() == SendResult.Outcome.SENT
          && claim.replyWebhook() != null
          && recorder.sentAtOnce(claim)) {
        return;
      }
      QuarkusTransaction.requiringNew().run(() -> recorder.record(claim, result));
    } catch (RuntimeException e) {
      // left SENDING: after the lease the dispatcher takes it over (and counts a possible repeat)
      LOG.warnf("发送回复 #%d 失败：%s", claim.firstId(), e.toString());
    }
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
