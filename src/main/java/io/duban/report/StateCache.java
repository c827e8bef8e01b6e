package io.duban.report;

import io.duban.common.Settings;
import io.duban.config.NoOtherInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every target's current figures in memory: the state of each (target, owner), the done checklist
 * items and the targets marked done, as one immutable {@link Snapshot} replaced (copy on write)
 * after each committed change. Views, replies and reminders read it and never the tables.
 *
 * <p>This instance's writes reach it when their transaction commits ({@link #written}); a state row
 * replaces the one held only when its version is newer, so commits finishing out of order cannot go
 * back in time. Another instance's writes are found by a fingerprint of the three tables (row
 * counts and version sums), read every {@code duban.read-model.poll-interval}; then the snapshot is
 * read again. A configuration load (a settings write) reads it again too.
 */
@ApplicationScoped
public class StateCache {
  @Inject EntityManager em;
  @Inject TransactionSynchronizationRegistry transactions;

  /**
   * One owner's state on one target, as the views need it: the counted figure, and beside it the
   * latest figure waiting for 审核 (null when none waits).
   */
  public record Row(
      long targetId,
      long unitId,
      BigDecimal figure,
      String progress,
      String note,
      Long lastReportId,
      LocalDate lastPlanDate,
      Instant lastRecordedAt,
      long version,
      BigDecimal pendingFigure,
      Long pendingReportId,
      Instant pendingRecordedAt) {
    /** A row with no figure waiting for 审核. */
    public Row(
        long targetId,
        long unitId,
        BigDecimal figure,
        String progress,
        String note,
        Long lastReportId,
        LocalDate lastPlanDate,
        Instant lastRecordedAt,
        long version) {
      this(
          targetId,
          unitId,
          figure,
          progress,
          note,
          lastReportId,
          lastPlanDate,
          lastRecordedAt,
          version,
          null,
          null,
          null);
    }

    static Row of(TargetState s) {
      return new Row(
          s.key.targetId,
          s.key.unitId,
          s.figure,
          s.progress,
          s.note,
          s.lastReportId,
          s.lastPlanDate,
          s.lastRecordedAt,
          s.version,
          s.pendingFigure,
          s.pendingReportId,
          s.pendingRecordedAt);
    }
  }

  /** A done checklist item: when, and by which unit's report (null: unknown). */
  public record ItemDone(LocalDate on, String by) {}

  /** The figures at one moment; never changed once published. */
  public record Snapshot(
      long serial,
      Map<Long, List<Row>> byTarget,
      Map<Long, ItemDone> items,
      Map<Long, LocalDate> done) {
    public List<Row> rows(long targetId) {
      return byTarget.getOrDefault(targetId, List.of());
    }

    public Row row(long targetId, long unitId) {
      for (Row r : rows(targetId)) {
        if (r.unitId() == unitId) {
          return r;
        }
      }
      return null;
    }
  }

  /** What one transaction changed, applied when it commits. */
  static final class Written {
    final Map<TargetState.Key, Object> states = new HashMap<>();
    final Map<Long, ItemDone> items = new HashMap<>();
    final Set<Long> itemsOpened = new java.util.HashSet<>();
    final Map<Long, LocalDate> done = new HashMap<>();
    final Set<Long> undone = new java.util.HashSet<>();
    final Map<TargetState.Key, Long> readVersions = new HashMap<>();
  }

  private volatile Snapshot snapshot;
  private volatile long readAtSettings = -1;
  private volatile String fingerprint;
  private long serial;

  /**
   * Rows that were written concurrently (a write found another version), until when: writes to them
   * take the target's lock and read the table meanwhile, so that a busy row is written in turn
   * instead of retried over and over.
   */
  private final Map<TargetState.Key, Long> suspect = new ConcurrentHashMap<>();

  static final long CONTENDED_NANOS = 2_000_000_000L;

  /** The current snapshot (read from the tables at first use and after a configuration load). */
  public Snapshot snapshot() {
    Snapshot s = snapshot;
    if (s != null && readAtSettings == Settings.writes()) {
      return s;
    }
    return reload();
  }

  /** The state held for one owner, or null when none is held or it may be behind the table. */
  public Row trusted(long targetId, long unitId) {
    TargetState.Key key = new TargetState.Key(targetId, unitId);
    Long until = suspect.get(key);
    if (until != null) {
      if (until - System.nanoTime() > 0) {
        return null;
      }
      suspect.remove(key, until);
    }
    return snapshot().row(targetId, unitId);
  }

  /** Drops the snapshot: the next read takes the tables again (a bulk write, a test's reset). */
  public synchronized void invalidate() {
    snapshot = null;
  }

  private synchronized Snapshot reload() {
    Snapshot s = snapshot;
    long writes = Settings.writes();
    if (s != null && readAtSettings == writes) {
      return s;
    }
    s = QuarkusTransaction.requiringNew().call(this::read);
    snapshot = s;
    readAtSettings = writes;
    suspect.clear();
    return s;
  }

  private Snapshot read() {
    Map<Long, List<Row>> byTarget = new HashMap<>();
    for (TargetState t :
        em.createQuery("select s from TargetState s", TargetState.class).getResultList()) {
      byTarget.computeIfAbsent(t.key.targetId, k -> new ArrayList<>()).add(Row.of(t));
    }
    byTarget.replaceAll((k, v) -> List.copyOf(v));
    Map<Long, ItemDone> items = new HashMap<>();
    for (Object[] r :
        em.createQuery(
                "select i.id, i.doneOn, u.name from ChecklistItem i left join Report r on r.id ="
                    + " i.doneReportId left join r.unit u where i.doneOn is not null",
                Object[].class)
            .getResultList()) {
      items.put((Long) r[0], new ItemDone((LocalDate) r[1], (String) r[2]));
    }
    Map<Long, LocalDate> done = new HashMap<>();
    for (Object[] r :
        em.createQuery("select d.targetId, d.doneSince from TargetDone d", Object[].class)
            .getResultList()) {
      done.put((Long) r[0], (LocalDate) r[1]);
    }
    em.clear();
    return new Snapshot(++serial, byTarget, items, done);
  }

  // ------------------------------------------------------------------ writes of this instance

  /** The changes of the caller's transaction, applied to the snapshot when it commits. */
  Written written() {
    Written w = (Written) transactions.getResource(Written.class);
    if (w != null) {
      return w;
    }
    Written fresh = new Written();
    transactions.putResource(Written.class, fresh);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              apply(fresh);
            }
          }
        });
    return fresh;
  }

  /** Marks a row as contended: for a while its writes take the lock and read the table. */
  void distrust(TargetState.Key key) {
    suspect.put(key, System.nanoTime() + CONTENDED_NANOS);
  }

  private synchronized void apply(Written w) {
    Snapshot s = snapshot;
    if (s == null) {
      return; // read afresh at the next use
    }
    snapshot = merge(s, w, ++serial);
  }

  /**
   * The snapshot as the caller's transaction sees it: with its own writes not yet committed on top
   * (serial -1: such a view is never reused).
   */
  public Snapshot visible() {
    Snapshot s = snapshot();
    Written w =
        transactions.getTransactionKey() == null
            ? null
            : (Written) transactions.getResource(Written.class);
    if (w == null
        || (w.states.isEmpty()
            && w.items.isEmpty()
            && w.itemsOpened.isEmpty()
            && w.done.isEmpty()
            && w.undone.isEmpty())) {
      return s;
    }
    return merge(s, w, -1);
  }

  private static Snapshot merge(Snapshot s, Written w, long serial) {
    Map<Long, List<Row>> byTarget = s.byTarget();
    if (!w.states.isEmpty()) {
      byTarget = new HashMap<>(byTarget);
      for (Object value : w.states.values()) {
        Row row = value instanceof TargetState t ? Row.of(t) : (Row) value;
        List<Row> rows = new ArrayList<>(byTarget.getOrDefault(row.targetId(), List.of()));
        int at = -1;
        for (int i = 0; i < rows.size(); i++) {
          if (rows.get(i).unitId() == row.unitId()) {
            at = i;
          }
        }
        if (at < 0) {
          rows.add(row);
        } else if (rows.get(at).version() <= row.version()) {
          rows.set(at, row);
        }
        byTarget.put(row.targetId(), List.copyOf(rows));
      }
    }
    Map<Long, ItemDone> items = s.items();
    if (!w.items.isEmpty() || !w.itemsOpened.isEmpty()) {
      items = new HashMap<>(items);
      w.itemsOpened.forEach(items::remove);
      items.putAll(w.items);
    }
    Map<Long, LocalDate> done = s.done();
    if (!w.done.isEmpty() || !w.undone.isEmpty()) {
      done = new HashMap<>(done);
      w.undone.forEach(done::remove);
      done.putAll(w.done);
    }
    return new Snapshot(serial, byTarget, items, done);
  }

  // ------------------------------------------------------------------ other instances

  /** Another instance's writes: a fingerprint of the three tables, compared with the last one. */
  @Scheduled(
      every = "${duban.read-model.poll-interval:2s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = NoOtherInstance.class)
  void poll() {
    String now =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    String.valueOf(
                        em.createNativeQuery(
                                "SELECT CONCAT((SELECT COUNT(*) FROM target_state), '/',"
                                    + " (SELECT SUM(version) FROM target_state), '/',"
                                    + " (SELECT COUNT(*) FROM checklist_item WHERE done_on IS NOT NULL), '/',"
                                    + " (SELECT SUM(done_report_id) FROM checklist_item), '/',"
                                    + " (SELECT COUNT(*) FROM target_done))")
                            .getSingleResult()));
    String before = fingerprint;
    fingerprint = now;
    if (before != null && !before.equals(now) && snapshot != null) {
      // this instance's own writes change it too; reading again is correct either way. Under the
      // lock: a commit that the read misses applies itself afterwards (versions keep it in order)
      synchronized (this) {
        snapshot = QuarkusTransaction.requiringNew().call(this::read);
        suspect.clear();
      }
    }
  }
}
