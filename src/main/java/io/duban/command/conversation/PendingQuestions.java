package io.duban.command.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Offer;
import io.duban.config.NoOtherInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open questions per sender and chat, in the database so any instance can take the answer; a new
 * question replaces the old one and each lives 30 minutes on the wall clock.
 */
@ApplicationScoped
public class PendingQuestions {
  public static final Duration LIFETIME = Duration.ofMinutes(30);
  static final String CHOICE = "CHOICE";
  static final String HOLD = "HOLD";
  static final String MORE = "MORE";
  static final String ATTACH = "ATTACH";

  /** The stored pages stay under the payload column's 8,000 characters. */
  static final int MAX_PAGES_PAYLOAD = 7000;

  @Inject Clock wall;
  @Inject ObjectMapper json;
  @Inject EntityManager em;

  /**
   * Senders (platform, chat, sender) that may have an open question, with when it expires: what
   * this instance asked, and what every instance asked as read every {@code
   * duban.pending.poll-interval} (2 s). A sender not in it has nothing to drop, so the common
   * message (a new command) costs no statement here; one in it is dropped as before.
   */
  private final Map<String, Instant> open = new ConcurrentHashMap<>();

  private volatile boolean openRead;

  /**
   * What the question asked while answering the current message offers to tap (buttons for its
   * choices, 确认, 更多), read by the conversation with its reply: one message is answered on one
   * thread, start to end.
   */
  private static final ThreadLocal<Offer> OFFERED = new ThreadLocal<>();

  /** Offers taps with the current message's reply (a report form), in place of any other. */
  public void offer(Offer offer) {
    OFFERED.set(offer);
  }

  /** Offers taps (follow-up queries) unless the reply's question offers its own. */
  public void offerIfNone(Offer offer) {
    if (OFFERED.get() == null || OFFERED.get().isEmpty()) {
      OFFERED.set(offer);
    }
  }

  /** The offer of the question asked on this thread since the last call, and forgets it. */
  public Offer takeOffered() {
    Offer o = OFFERED.get();
    OFFERED.remove();
    return o == null ? Offer.NONE : o;
  }

  private boolean mayBeOpen(IncomingMessage m) {
    if (!openRead) {
      readOpen();
    }
    Instant until = open.get(key(m));
    return until != null && until.isAfter(wall.instant());
  }

  /** Reads the open questions of every instance (and forgets expired ones). */
  @Scheduled(
      every = "${duban.read-model.poll-interval:2s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NoOtherInstance.class)
  void poll() {
    QuarkusTransaction.requiringNew().run(this::readOpen);
  }

  private void readOpen() {
    Instant now = wall.instant();
    for (Object[] r :
        em.createQuery(
                "select q.platform, q.chatId, q.senderId, q.expiresAt from PendingQuestion q"
                    + " where q.expiresAt > :now",
                Object[].class)
            .setParameter("now", now)
            .getResultList()) {
      open.merge(
          r[0] + "\u0000" + r[1] + "\u0000" + r[2], (Instant) r[3], (a, b) -> a.isAfter(b) ? a : b);
    }
    open.values().removeIf(until -> !until.isAfter(now));
    openRead = true;
  }

  private static String key(IncomingMessage m) {
    return m.platform().key() + "\u0000" + chat(m) + "\u0000" + m.senderId();
  }

  /** Numbered options, each standing for a message. */
  public record Choice(List<String> labels, List<String> messages) {}

  /**
   * One figure of a report held until the sender answers 确认; {@code countedFor} is the ISO date of
   * a past period's figure (null: the running period).
   */
  public record Hold(
      String targetCode,
      String unitName,
      BigDecimal figure,
      String reading,
      boolean onBehalf,
      String reason,
      String countedFor) {}

  /** The figures of one message, held together: 确认 records them all. */
  public record Holds(List<Hold> items) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public void askChoice(IncomingMessage m, Choice choice) {
    put(m, CHOICE, choice);
    List<Offer.Choice> buttons = new ArrayList<>();
    for (int i = 0; i < choice.messages().size(); i++) {
      String label = i < choice.labels().size() ? choice.labels().get(i) : choice.messages().get(i);
      buttons.add(new Offer.Choice((i + 1) + ". " + label, choice.messages().get(i)));
    }
    OFFERED.set(Offer.choices(buttons));
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void hold(IncomingMessage m, List<Hold> figures) {
    put(m, HOLD, new Holds(figures));
    OFFERED.set(Offer.choices(List.of(new Offer.Choice("确认", "确认"))));
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Choice> takeChoice(IncomingMessage m) {
    return take(m, CHOICE, Choice.class);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<List<Hold>> takeHold(IncomingMessage m) {
    return take(m, HOLD, Holds.class).map(Holds::items);
  }

  /** 附件 <目标>: the reports the sender's next pictures or files are for. */
  public record Attach(List<Long> reportIds, List<String> targets, List<String> periods) {}

  /** Waits for the sender's pictures or files for these reports (replacing any other question). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void askAttach(IncomingMessage m, Attach attach) {
    put(m, ATTACH, attach);
  }

  /** The reports the sender named with 附件, if they did (and forgets it). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Attach> takeAttach(IncomingMessage m) {
    return mayBeOpen(m) ? take(m, ATTACH, Attach.class) : Optional.empty();
  }

  /** The pages of a long reply still to show; {@code 更多} takes the next. */
  public record Pages(List<String> pages) {}

  /**
   * Keeps the pages after the first of a long reply for the sender's {@code 更多} (replacing earlier
   * pages, leaving any other open question as it is). Pages that would not fit the store are
   * replaced by a pointer to the dashboard.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void offerPages(IncomingMessage m, List<String> pages) {
    // one open question per sender and chat: the long reply supersedes any other
    clear(m);
    if (pages.isEmpty()) {
      return;
    }
    List<String> kept = new ArrayList<>();
    int size = 0;
    for (String page : pages) {
      if (size + page.length() > MAX_PAGES_PAYLOAD) {
        kept.add("其余内容较长，请到看板查看或导出 Excel。");
        break;
      }
      kept.add(page);
      size += page.length();
    }
    persist(m, MORE, new Pages(kept));
    OFFERED.set(Offer.choices(List.of(new Offer.Choice("更多", "更多"))));
  }

  /** The next page of the sender's last long reply, and the pages after it stay offered. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<String> takePage(IncomingMessage m) {
    PendingQuestion q =
        PendingQuestion.find(
                "platform = ?1 and chatId = ?2 and senderId = ?3 and kind = ?4",
                m.platform().key(),
                chat(m),
                m.senderId(),
                MORE)
            .firstResult();
    if (q == null) {
      return Optional.empty();
    }
    List<String> all;
    try {
      all = json.readValue(q.payload, Pages.class).pages();
    } catch (JsonProcessingException e) {
      all = List.of();
    }
    if (!q.expiresAt.isAfter(wall.instant()) || all.isEmpty()) {
      q.delete();
      return Optional.empty();
    }
    if (all.size() == 1) {
      q.delete();
    } else {
      // the same row carries the pages still to come (one question per sender and chat)
      try {
        q.payload = json.writeValueAsString(new Pages(all.subList(1, all.size())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      OFFERED.set(Offer.choices(List.of(new Offer.Choice("更多", "更多"))));
    }
    return Optional.of(all.get(0));
  }

  /** Drops whatever the sender was asked (a new command supersedes it). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void clear(IncomingMessage m) {
    if (!mayBeOpen(m)) {
      return;
    }
    open.remove(key(m));
    PendingQuestion.delete(
        "platform = ?1 and chatId = ?2 and senderId = ?3",
        m.platform().key(),
        chat(m),
        m.senderId());
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public boolean has(IncomingMessage m, String kind) {
    if (!mayBeOpen(m)) {
      return false;
    }
    return PendingQuestion.count(
            "platform = ?1 and chatId = ?2 and senderId = ?3 and kind = ?4 and expiresAt > ?5",
            m.platform().key(),
            chat(m),
            m.senderId(),
            kind,
            wall.instant())
        > 0;
  }

  /** Removes expired questions (called by the housekeeping job). */
  @Transactional
  public long purgeExpired() {
    return PendingQuestion.delete("expiresAt <= ?1", wall.instant());
  }

  private void put(IncomingMessage m, String kind, Object state) {
    clear(m);
    persist(m, kind, state);
  }

  private void persist(IncomingMessage m, String kind, Object state) {
    PendingQuestion q = new PendingQuestion();
    q.platform = m.platform().key();
    q.chatId = chat(m);
    q.senderId = m.senderId();
    q.kind = kind;
    try {
      q.payload = json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Instant now = wall.instant();
    q.createdAt = now;
    q.expiresAt = now.plus(LIFETIME);
    q.persist();
    open.merge(key(m), q.expiresAt, (a, b) -> a.isAfter(b) ? a : b);
  }

  private <T> Optional<T> take(IncomingMessage m, String kind, Class<T> type) {
    PendingQuestion q =
        PendingQuestion.find(
                "platform = ?1 and chatId = ?2 and senderId = ?3 and kind = ?4",
                m.platform().key(),
                chat(m),
                m.senderId(),
                kind)
            .firstResult();
    if (q == null) {
      return Optional.empty();
    }
    q.delete();
    if (!q.expiresAt.isAfter(wall.instant())) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(q.payload, type));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String chat(IncomingMessage m) {
    return m.chatId() == null ? "" : m.chatId();
  }
}
