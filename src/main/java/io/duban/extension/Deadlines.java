package io.duban.extension;

import io.duban.calendar.ReportingPeriod;
import io.duban.config.NoOtherInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deadline of one unit for one target in one period: the date of an approved 延期 when there is
 * one, else the period's own deadline. Every place that asks "is it due, is it late" asks here, so
 * an extension moves that unit's reminders, 逾期, 未报, 通报 and late flag, and nobody else's.
 *
 * <p>The approved extensions are held in memory: read once at first use, read again after this
 * instance wrote one (when its transaction ends), and after another instance wrote one (a count and
 * the highest id, polled every {@code duban.read-model.poll-interval}). Never read per request.
 */
@ApplicationScoped
public class Deadlines {
  @Inject EntityManager em;

  private final TableCopy<Snapshot> copy =
      new TableCopy<>("deadline_extension", () -> new Snapshot(read()));

  /** One approved extension as held in memory. */
  public record Extension(
      long id,
      long unitId,
      Long targetId,
      String periodKey,
      LocalDate newDeadline,
      String reason,
      long approvalId) {
    /** Whether it covers every target of the unit in its period (申请延期 本期). */
    public boolean wholePeriod() {
      return targetId == null;
    }
  }

  /** Every approved extension at one moment; a new object whenever one was added. */
  public static final class Snapshot {
    private final Map<String, Extension> byKey = new HashMap<>();
    private final Map<String, List<Extension>> byPeriod = new HashMap<>();

    Snapshot(List<Extension> all) {
      for (Extension e : all) { // the latest date granted for a key holds
        byKey.merge(
            key(e.unitId(), e.targetId(), e.periodKey()),
            e,
            (a, b) -> b.newDeadline().isAfter(a.newDeadline()) ? b : a);
      }
      for (Extension e : byKey.values()) {
        byPeriod.computeIfAbsent(e.periodKey(), k -> new ArrayList<>()).add(e);
      }
      byPeriod.values().forEach(l -> l.sort((a, b) -> Long.compare(a.id(), b.id())));
    }

    /**
     * The extension that applies to the unit's target in the period: the later of the target's own
     * and the unit's whole-period one; empty when none (or none later than {@code deadline}).
     */
    public Optional<Extension> of(
        long unitId, Long targetId, String periodKey, LocalDate deadline) {
      Extension own = targetId == null ? null : byKey.get(key(unitId, targetId, periodKey));
      Extension all = byKey.get(key(unitId, null, periodKey));
      Extension best =
          own == null
              ? all
              : all == null || !all.newDeadline().isAfter(own.newDeadline()) ? own : all;
      return best == null || !best.newDeadline().isAfter(deadline)
          ? Optional.empty()
          : Optional.of(best);
    }

    /**
     * The extension shown for the unit's target in the period (the target's own or the unit's
     * whole-period one, the later date), whatever the period's deadline.
     */
    public Optional<Extension> of(long unitId, Long targetId, String periodKey) {
      return of(unitId, targetId, periodKey, LocalDate.MIN);
    }

    /** The unit's deadline for the target in the period. */
    public LocalDate deadline(long unitId, Long targetId, ReportingPeriod period) {
      return of(unitId, targetId, period.key(), period.deadline())
          .map(Extension::newDeadline)
          .orElse(period.deadline());
    }

    /** The period as the unit sees it for the target: its deadline moved by an extension. */
    public ReportingPeriod period(long unitId, Long targetId, ReportingPeriod period) {
      return period == null ? null : period.withDeadline(deadline(unitId, targetId, period));
    }

    /** The extensions granted for a period, oldest first. */
    public List<Extension> inPeriod(String periodKey) {
      return byPeriod.getOrDefault(periodKey, List.of());
    }

    public boolean isEmpty() {
      return byKey.isEmpty();
    }
  }

  /** The approved extensions now (read from the table only after a change). */
  public Snapshot current() {
    return copy.get();
  }

  /** The unit's deadline for the target in the period (shortcut of {@link Snapshot#deadline}). */
  public LocalDate deadline(long unitId, Long targetId, ReportingPeriod period) {
    return current().deadline(unitId, targetId, period);
  }

  private List<Extension> read() {
    return em
        .createQuery("select e from DeadlineExtension e order by e.id", DeadlineExtension.class)
        .getResultList()
        .stream()
        .map(
            e ->
                new Extension(
                    e.id, e.unitId, e.targetId, e.periodKey, e.newDeadline, e.reason, e.approvalId))
        .toList();
  }

  /** Another instance's grants (see {@link TableCopy}). */
  @Scheduled(
      every = "${duban.read-model.poll-interval:2s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NoOtherInstance.class)
  void poll() {
    copy.poll(em);
  }

  static String key(long unitId, Long targetId, String periodKey) {
    return unitId + "/" + (targetId == null ? "*" : targetId) + "/" + periodKey;
  }
}
