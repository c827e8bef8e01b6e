package io.duban.extension;

import io.duban.config.NoOtherInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 情况说明: a unit's explanation of a lagging target for one period, written by its reporter (说明 <目标>
 * <原因>), shown in the reminders and the 通报. Only the latest per (target, unit, period) is held in
 * memory, read as {@link Deadlines} reads extensions (once, after a local write, after a polled
 * change of another instance); every one written is kept in the table.
 */
@ApplicationScoped
public class Explanations {
  /** Longest explanation kept. */
  public static final int MAX_TEXT = 500;

  @Inject EntityManager em;
  @Inject Clock wall;

  /** The explanation shown for a (target, unit, period). */
  public record Note(String text, String reporterName, Instant recordedAt) {}

  /** Who wrote an explanation, from where. */
  public record Writer(
      Long contactId,
      String name,
      String platform,
      String botId,
      String chatId,
      String messageId) {}

  private final TableCopy<Map<String, Note>> copy = new TableCopy<>("explanation", this::read);

  /** Stores an explanation in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Explanation record(long targetId, long unitId, String periodKey, String text, Writer who) {
    Explanation e = new Explanation();
    e.targetId = targetId;
    e.unitId = unitId;
    e.periodKey = periodKey;
    e.text = cut(text, MAX_TEXT);
    e.contactId = who.contactId();
    e.reporterName = cut(who.name(), 100);
    e.platform = cut(who.platform(), 16);
    e.botId = cut(who.botId(), 64);
    e.chatId = cut(who.chatId(), 128);
    e.messageId = cut(who.messageId(), 128);
    e.recordedAt = wall.instant();
    e.persist();
    return e;
  }

  /** The latest explanation of the unit's target in the period, if one was given. */
  public Optional<Note> latest(long targetId, long unitId, String periodKey) {
    return Optional.ofNullable(copy.get().get(key(targetId, unitId, periodKey)));
  }

  /** The text cut to {@code max} characters ("…" marking the cut), for phone-length replies. */
  public static String shortText(String text, int max) {
    String t = text.strip().replaceAll("\\s+", " ");
    return t.length() <= max ? t : t.substring(0, max - 1) + "…";
  }

  private Map<String, Note> read() {
    List<Explanation> all =
        em.createQuery("select e from Explanation e order by e.id", Explanation.class)
            .getResultList();
    Map<String, Note> latest = new HashMap<>();
    for (Explanation e : all) {
      latest.put(
          key(e.targetId, e.unitId, e.periodKey), new Note(e.text, e.reporterName, e.recordedAt));
    }
    all.forEach(em::detach);
    return Map.copyOf(latest);
  }

  /** Another instance's explanations (see {@link TableCopy}). */
  @Scheduled(
      every = "${duban.read-model.poll-interval:2s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NoOtherInstance.class)
  void poll() {
    copy.poll(em);
  }

  private static String key(long targetId, long unitId, String periodKey) {
    return targetId + "/" + unitId + "/" + periodKey;
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
