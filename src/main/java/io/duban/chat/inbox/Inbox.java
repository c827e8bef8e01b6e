package io.duban.chat.inbox;

import io.duban.chat.Answer;
import io.duban.chat.Conversation;
import io.duban.chat.InboundFile;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Offer;
import io.duban.chat.Platform;
import io.duban.chat.Route;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.Secrets;
import io.duban.common.RetryableConflict;
import io.duban.config.NotReady;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The durable inbox. A verified message is stored under its platform message id (a duplicate finds
 * the row and is ignored, for as long as rows are kept: 3 days) and answered in the same
 * transaction: the row, the answer's effects and the reply in the outbox commit together, before
 * the callback is acknowledged. A crash before the commit leaves nothing (the platform had no
 * acknowledgement and delivers again); after it, everything is there and a redelivery is a
 * duplicate. If answering fails, the message is stored on its own as FAILED with an apology as the
 * reply; if even storing fails, the caller answers 503 so that the platform retries.
 */
@ApplicationScoped
public class Inbox {
  static final String RECEIVED = "RECEIVED";
  static final String PROCESSED = "PROCESSED";
  static final String FAILED = "FAILED";
  static final Duration KEEP = Duration.ofDays(3);

  /** Answers tried when a write finds its figures changed meanwhile. */
  static final int MAX_ATTEMPTS = 5;

  private static final Logger LOG = Logger.getLogger(Inbox.class);

  @Inject EntityManager em;
  @Inject Clock wall;
  @Inject Conversation chat;
  @Inject Outbox outbox;

  /** What became of a verified message. */
  public record Receipt(Kind kind, Answer answer) {
    static final Receipt STORED = new Receipt(Kind.STORED, null);
    static final Receipt DUPLICATE = new Receipt(Kind.DUPLICATE, null);
    static final Receipt REPLAYED = new Receipt(Kind.REPLAYED, null);

    public Receipt(Kind kind) {
      this(kind, null);
    }
  }

  /**
   * STORED and answered; a DUPLICATE of a message seen before (a retry, another instance); or
   * REPLAYED: another message under a signature already used (refused, nothing stored).
   */
  public enum Kind {
    STORED,
    DUPLICATE,
    REPLAYED
  }

  /**
   * Two genuine messages may be signed in the same millisecond: a second message under a used
   * signature is accepted only if it arrives within this time of the first.
   */
  static final Duration SAME_SIGNATURE_WINDOW = Duration.ofMillis(200);

  /**
   * Stores and answers a verified message. Commits before returning, so the caller may acknowledge
   * a stored or duplicate message.
   */
  public Receipt receive(Callback.Message m) {
    Instant arrived = wall.instant();
    for (int attempt = 1; ; attempt++) {
      try {
        return QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  // written PROCESSED at once: the answer commits with it, or neither does
                  Receipt r = insert(m, arrived, PROCESSED);
                  if (r.kind() == Kind.STORED) {
                    // the answer is also handed back: a card click shows it in its toast
                    return new Receipt(
                        Kind.STORED, answer(m.message(), m.replyHandle(), m.replyExpiresAt()));
                  }
                  return r;
                });
      } catch (RuntimeException e) {
        if (RetryableConflict.among(e) && attempt < MAX_ATTEMPTS) {
          continue; // another write came first: answer again, reading afresh
        }
        LOG.errorf(e, "处理收到的消息失败（%s %s）", m.message().platform().key(), m.message().messageId());
      }
      break;
    }
    // answering failed and rolled back: keep the message, as FAILED, and apologise
    Receipt stored = QuarkusTransaction.requiringNew().call(() -> insert(m, arrived, RECEIVED));
    if (stored.kind() == Kind.STORED) {
      processNow(idOf(m.message()));
    }
    return stored;
  }

  private long idOf(IncomingMessage in) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                InboxMessage.<InboxMessage>find(
                        "platform = ?1 and botId = ?2 and messageId = ?3",
                        in.platform().key(),
                        in.botId(),
                        in.messageId())
                    .firstResult()
                    .id);
  }

  /**
   * Inserts the row (RECEIVED) in the caller's transaction. The common path is one insert: the
   * unique keys on the message id and on the signature pair find a duplicate or a replay, and only
   * then is the existing row looked at.
   */
  private Receipt insert(Callback.Message m, Instant arrived, String status) {
    IncomingMessage in = m.message();
    for (int seq = 0; seq < 8; seq++) {
      if (insertRow(m, arrived, seq, status) == 1) {
        // the id is not read back: the answer and its reply need only the message
        return Receipt.STORED;
      }
      if (m.signatureKey() == null) {
        return Receipt.DUPLICATE;
      }
      List<?> rows =
          em.createNativeQuery(
                  "SELECT message_id, received_at FROM inbox_message WHERE platform = :platform"
                      + " AND bot_id = :bot AND (message_id = :mid OR sign_key = :key)"
                      + " ORDER BY received_at")
              .setParameter("platform", in.platform().key())
              .setParameter("bot", in.botId())
              .setParameter("mid", in.messageId())
              .setParameter("key", m.signatureKey())
              .getResultList();
      Instant first = null;
      for (Object o : rows) {
        Object[] row = (Object[]) o;
        if (in.messageId().equals(row[0])) {
          return Receipt.DUPLICATE;
        }
        if (first == null) {
          first = instant(row[1]);
        }
      }
      if (first == null) {
        continue; // the conflicting row is gone (purged): try again
      }
      if (Duration.between(first, arrived).abs().compareTo(SAME_SIGNATURE_WINDOW) > 0) {
        return Receipt.REPLAYED;
      }
      // a second message signed in the same millisecond: stored under the next sequence number
    }
    return Receipt.REPLAYED;
  }

  private int insertRow(Callback.Message m, Instant arrived, int seq, String status) {
    IncomingMessage in = m.message();
    return em.createNativeQuery(
            "INSERT INTO inbox_message (platform, bot_id, message_id, chat_id, sender_id, sender_name,"
                + " text, reply_webhook, reply_expires_at, status, received_at, processed_at,"
                + " sign_key, sign_seq, files) VALUES (:platform, :bot, :mid, :chat, :sender, :name,"
                + " :text, :reply, :expires, :status, :now, :processed, :key, :seq, :files) ON"
                + " CONFLICT DO NOTHING")
        .setParameter("platform", in.platform().key())
        .setParameter("bot", in.botId())
        .setParameter("mid", in.messageId())
        .setParameter("chat", cut(in.chatId(), 128))
        .setParameter("sender", cut(in.senderId(), 128))
        .setParameter("name", cut(in.senderName(), 100))
        .setParameter("text", cut(in.text(), 4000))
        .setParameter("reply", cut(m.replyHandle(), 1000))
        .setParameter("expires", m.replyExpiresAt())
        .setParameter("now", arrived)
        .setParameter("status", status)
        .setParameter("processed", PROCESSED.equals(status) ? arrived : null)
        .setParameter("key", m.signatureKey())
        .setParameter("seq", m.signatureKey() == null ? null : seq)
        .setParameter("files", InboundFile.encode(in.files(), 8000))
        .executeUpdate();
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    return Instant.parse(value.toString());
  }

  /**
   * Marks a simulated message (the chat simulator with a messageId) as seen, in the caller's
   * transaction: false when that id was seen before. Kept apart from platform messages (bot id
   * "~simulator…", which no bots.yaml id can be) and stored PROCESSED, so recovery never answers
   * it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean firstSimulated(IncomingMessage in) {
    String bot = SIMULATOR + (in.botId() == null ? "" : "/" + in.botId());
    return em.createNativeQuery(
                "INSERT INTO inbox_message (platform, bot_id, message_id, chat_id, sender_id, text,"
                    + " status, received_at, processed_at) VALUES (:platform, :bot, :mid, :chat,"
                    + " :sender, :text, 'PROCESSED', :now, :now) ON CONFLICT DO NOTHING")
            .setParameter("platform", in.platform().key())
            .setParameter("bot", cut(bot, 64))
            .setParameter("mid", in.messageId())
            .setParameter("chat", cut(in.chatId(), 128))
            .setParameter("sender", cut(in.senderId(), 128))
            .setParameter("text", cut(in.text(), 4000))
            .setParameter("now", wall.instant())
            .executeUpdate()
        == 1;
  }

  static final String SIMULATOR = "~simulator";

  /** Answers a message stored PROCESSED in the caller's transaction. */
  private Answer answer(IncomingMessage received, String replyWebhook, Instant replyExpires) {
    // the message as its row holds it (ids and text cut to the columns), as a recovery reads it
    IncomingMessage in =
        new IncomingMessage(
            received.platform(),
            received.botId(),
            cut(received.chatId(), 128),
            cut(received.senderId(), 128),
            cut(received.senderName(), 100),
            cut(received.text(), 4000),
            received.messageId(),
            received.files());
    Answer answer = chat.answer(in);
    reply(
        in.platform().key(),
        in.botId(),
        in.chatId(),
        in.messageId(),
        cut(replyWebhook, 1000),
        replyExpires,
        answer.text(),
        answer.offer());
    return answer;
  }

  /** Answers a stored RECEIVED row in the caller's transaction and marks it PROCESSED. */
  private void answer(long id) {
    InboxMessage row = em.find(InboxMessage.class, id);
    Answer reply = chat.answer(message(row));
    reply(row, reply.text(), reply.offer());
    row.status = PROCESSED;
    row.processedAt = wall.instant();
  }

  /** Answers one stored message unless another thread or instance has it or did it. */
  public void processNow(long id) {
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                List<?> locked =
                    em.createNativeQuery(
                            "SELECT id FROM inbox_message WHERE id = :id AND status = 'RECEIVED' FOR UPDATE SKIP LOCKED")
                        .setParameter("id", id)
                        .getResultList();
                if (locked.isEmpty()) {
                  return;
                }
                em.refresh(em.find(InboxMessage.class, id));
                answer(id);
              });
    } catch (RuntimeException e) {
      LOG.errorf(e, "处理收到的消息 #%d 失败", id);
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                InboxMessage row = em.find(InboxMessage.class, id);
                if (row == null || !RECEIVED.equals(row.status)) {
                  return;
                }
                row.status = FAILED;
                row.processedAt = wall.instant();
                row.error = Secrets.scrub(e.toString());
                reply(row, "处理这条消息时出错了，没有记录任何数据。请稍后再试，或联系管理员。", Offer.NONE);
              });
    }
  }

  private void reply(InboxMessage row, String text, Offer offer) {
    reply(
        row.platform,
        row.botId,
        row.chatId,
        row.messageId,
        row.replyWebhook,
        row.replyExpiresAt,
        text,
        offer);
  }

  private void reply(
      String platform,
      String botId,
      String chatId,
      String messageId,
      String replyWebhook,
      Instant replyExpires,
      String text,
      Offer offer) {
    // the key is new: the inbox row just written is the message's only answer (a repeat would
    // break the key's unique index and roll the answer back)
    outbox.enqueue(
        Outbox.Draft.of(new Route(botId, chatId), MessageKind.REPLY, text)
            .replyVia(replyWebhook, replyExpires)
            .dedupe("reply:" + platform + ":" + botId + ":" + messageId)
            .fresh(),
        offer);
  }

  static IncomingMessage message(InboxMessage row) {
    return new IncomingMessage(
        Platform.fromKey(row.platform).orElseThrow(),
        row.botId,
        row.chatId,
        row.senderId,
        row.senderName,
        row.text,
        row.messageId,
        InboundFile.decode(row.files));
  }

  /** Messages stored but not answered (a failure while apologising) are answered now. */
  @Scheduled(
      every = "${duban.inbox.recovery-interval:30s}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NotReady.class)
  void recover() {
    List<Long> ids =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createQuery(
                            "select m.id from InboxMessage m where m.status = :s order by m.id",
                            Long.class)
                        .setParameter("s", RECEIVED)
                        .setMaxResults(500)
                        .getResultList());
    ids.forEach(this::processNow);
  }

  /** Keeps three days of message ids for deduplication (platforms retry within hours). */
  @Scheduled(every = "6h", delayed = "1m", skipExecutionIf = NotReady.class)
  void purge() {
    Instant before = wall.instant().minus(KEEP);
    long n =
        QuarkusTransaction.requiringNew()
            .call(() -> InboxMessage.delete("receivedAt < ?1 and status <> ?2", before, RECEIVED));
    if (n > 0) {
      LOG.debugf("清理了 %d 条过期的收件记录", n);
    }
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
