package io.duban.command.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.IncomingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Open questions per sender and chat, in the database so any instance can take the answer; a new
 * question replaces the old one and each lives 30 minutes on the wall clock.
 */
@ApplicationScoped
public class PendingQuestions {
  public static final Duration LIFETIME = Duration.ofMinutes(30);
  static final String CHOICE = "CHOICE";
  static final String HOLD = "HOLD";

  @Inject Clock wall;
  @Inject ObjectMapper json;

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
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void hold(IncomingMessage m, List<Hold> figures) {
    put(m, HOLD, new Holds(figures));
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Choice> takeChoice(IncomingMessage m) {
    return take(m, CHOICE, Choice.class);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<List<Hold>> takeHold(IncomingMessage m) {
    return take(m, HOLD, Holds.class).map(Holds::items);
  }

  /** Drops whatever the sender was asked (a new command supersedes it). */
  @Transactional(Transactional.TxType.MANDATORY)
  public void clear(IncomingMessage m) {
    PendingQuestion.delete(
        "platform = ?1 and chatId = ?2 and senderId = ?3",
        m.platform().key(),
        chat(m),
        m.senderId());
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public boolean has(IncomingMessage m, String kind) {
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
