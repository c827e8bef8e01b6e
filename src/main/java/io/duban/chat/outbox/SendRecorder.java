package io.duban.chat.outbox;

import io.duban.chat.SendResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Writes down what a send came to, in the caller's transaction: sent; back to the queue with
 * backoff (retry); the bot's queue paused (rate-limited); or failed for good, telling the admins.
 * Rows another instance took over meanwhile are that instance's to decide.
 */
@ApplicationScoped
class SendRecorder {
  /** The dispatcher's log category, as before the dispatcher was split. */
  private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);

  @Inject EntityManager em;
  @Inject DataSource dataSource;
  @Inject Clock wall;
  @Inject MeterRegistry metrics;
  @Inject OutboxConfig config;
  @Inject AdminAlerts alerts;
  @Inject ClaimTaker claims;

  private final SecureRandom random = new SecureRandom();

  /**
   * Writes down a reply sent at once, in one statement on its own connection (autocommit): the row
   * becomes SENT only while it still carries this instance's claim. False when it does not (another
   * round took it over): then {@link #record} decides, in a transaction.
   */
  boolean sentAtOnce(Claim claim) {
    if (claim.ids().size() != 1) {
      return false;
    }
    Instant now = wall.instant();
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE outbox_message SET status = 'SENT', sent_at = ?, last_error = NULL"
                    + " WHERE id = ? AND status = 'SENDING' AND claimed_by = ? AND claimed_at = ?")) {
      update.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      update.setLong(2, claim.firstId());
      update.setString(3, claims.instanceId());
      update.setObject(4, OffsetDateTime.ofInstant(claim.claimedAt(), ZoneOffset.UTC));
      if (update.executeUpdate() != 1) {
        return false;
      }
    } catch (SQLException e) {
      LOG.warnf("记录回复 #%d 已发送失败：%s", claim.firstId(), Secrets.scrub(e.toString()));
      return false;
    }
    metrics.counter("duban_outbox_sent_total", "kind", MessageKind.REPLY.name()).increment();
    Timer.builder("duban_outbox_send_latency")
        .description("from enqueue to sent")
        .register(metrics)
        .record(Duration.between(claim.createdAt(), now));
    return true;
  }

  void record(Claim claim, SendResult result) {
    Instant now = wall.instant();
    List<OutboxMessage> all = OutboxMessage.list("id in ?1", claim.ids());
    // rows another round took over meanwhile (the lease ran out) are that round's to decide; one
    // taken back to the queue but not yet claimed again is marked sent if this send went out
    List<OutboxMessage> rows =
        all.stream().filter(m -> claim.holds(m, claims.instanceId())).toList();
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
    if (BatchSender.notAttempted(result)) {
      // it waited behind a failed message of the same chat, or was handed back for the lease: not
      // its failure
      first.attempts--;
      release(rows, now, first.lastError);
      return;
    }
    String error = result.error() == null ? null : Secrets.scrub(result.error());
    switch (result.outcome()) {
      case SENT -> sent(rows, first, now);
      case RATE_LIMITED -> rateLimited(claim, rows, first, result, error, now);
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

  private void sent(List<OutboxMessage> rows, OutboxMessage first, Instant now) {
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

  private void rateLimited(
      Claim claim,
      List<OutboxMessage> rows,
      OutboxMessage first,
      SendResult result,
      String error,
      Instant now) {
    BotState state = em.find(BotState.class, claim.bot().id());
    state.pausedUntil = now.plus(result.delay());
    claims.notePaused(claim.bot().id(), state.pausedUntil);
    state.pauseReason = error;
    state.updatedAt = now;
    first.attempts--; // a rate-limit answer is the platform's pace, not a failure of the message
    release(rows, state.pausedUntil, error);
    metrics.counter("duban_outbox_rate_limited_total", "bot", claim.bot().id()).increment();
    LOG.warnf("机器人 %s 被平台限流，暂停发送到 %s（%s）", claim.bot().id(), state.pausedUntil, error);
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
}
