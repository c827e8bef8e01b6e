package io.duban.chat.outbox;

import io.duban.chat.ChatAdapter;
import io.duban.chat.Offer;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.SendResult;
import io.duban.common.DaemonThreads;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends claims through their platform's adapter, on the {@code duban-outbox-send} threads: a
 * claim's parts one after another, a batch's replies side by side and one chat's messages in order.
 */
@ApplicationScoped
class BatchSender {
  /** The dispatcher's log category, as before the dispatcher was split. */
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

  /** A message of a batch that waited behind a failed one of the same chat. */
  static final SendResult NOT_ATTEMPTED = SendResult.retry("未发送：同一会话的前一条消息发送失败");

  /**
   * A message of a batch whose claim is half its lease old: it goes back to the queue unsent, so
   * that no send starts late enough for another instance to take the claim over meanwhile.
   */
  static final SendResult LEASE_SPENT = SendResult.retry("未发送：本批领取已用去半个租期，退回队列");

  @Inject Clock wall;
  @Inject Adapters adapters;
  @Inject OutboxConfig config;

  private ExecutorService senders;

  @PostConstruct
  void start() {
    senders =
        Executors.newFixedThreadPool(
            Math.max(1, config.batchSize()), DaemonThreads.named("duban-outbox-send"));
  }

  /** Stops taking sends; replies claimed a moment ago go out before the process ends. */
  void stop() {
    senders.shutdown();
    try {
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs a task on the send threads; rejected once shutting down. */
  void execute(Runnable task) {
    senders.execute(task);
  }

  /** Whether a result stands for a message that was not sent at all (not its failure). */
  static boolean notAttempted(SendResult result) {
    return result == NOT_ATTEMPTED || result == LEASE_SPENT;
  }

  /**
   * Sends a batch: replies (each to its own reply link) side by side, messages to one chat one
   * after another in order; after a failure the rest of that chat's messages wait (not attempted).
   */
  List<SendResult> sendAll(List<Claim> claims) {
    SendResult[] results = new SendResult[claims.size()];
    if (claims.size() == 1) {
      results[0] = send(claims.get(0));
      return List.of(results);
    }
    Map<String, List<Integer>> lanes = new LinkedHashMap<>();
    for (int k = 0; k < claims.size(); k++) {
      Claim c = claims.get(k);
      // a round may send several bots' claims together: one chat is one bot's chat
      String lane =
          c.replyWebhook() != null
              ? "reply:" + c.firstId()
              : "chat:" + c.bot().id() + "\u0000" + c.chatId();
      lanes.computeIfAbsent(lane, x -> new ArrayList<>()).add(k);
    }
    List<Future<?>> running = new ArrayList<>();
    for (List<Integer> lane : lanes.values()) {
      running.add(senders.submit(() -> sendLane(claims, lane, results)));
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

  /** One chat's (or one reply's) claims in order; after a failure the rest are not attempted. */
  private void sendLane(List<Claim> claims, List<Integer> lane, SendResult[] results) {
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
  }

  /**
   * Whether half of a claim's lease has passed: a send started later could still be running when
   * the lease runs out and another instance takes the message over (a slow platform under a batch
   * of one chat's messages, sent one after another).
   */
  private boolean halfLeaseSpent(Claim claim) {
    return wall.instant().isAfter(claim.claimedAt().plus(config.lease().dividedBy(2)));
  }

  /** The offer as this platform shows it: follow-ups only where they cost nothing extra. */
  private static Offer offer(Offer offer, ChatAdapter adapter) {
    return offer.followUps() && !adapter.showsFollowUps() ? Offer.NONE : offer;
  }

  /** Sends a claim's parts one after another; the first that is not sent is the claim's result. */
  SendResult send(Claim claim) {
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
              claim.replyExpiresAt(),
              i == claim.parts().size() - 1 ? offer(claim.offer(), adapter) : Offer.NONE);
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
}
