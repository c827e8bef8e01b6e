package io.duban.extension;

import io.duban.common.ChangeCounter;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Supplier;

/**
 * The in-memory copy of one of this package's small tables ({@link Deadlines}' extensions, {@link
 * Explanations}' notes): read at first use and again after a change, never per request. A change is
 * this instance's write (the entity listener {@link Changes}, counted again when its transaction
 * has ended, so a copy read meanwhile from before the commit is not kept) or another instance's,
 * found by {@link #poll} comparing the table's row count and highest id. A change to either table
 * renews both copies: they are small and written rarely.
 */
public final class TableCopy<T> {
  private static final ChangeCounter CHANGES = new ChangeCounter();

  private record Held<T>(long changes, T value) {}

  private final String table;
  private final Supplier<T> read;
  private volatile Held<T> held;
  private volatile String fingerprint;

  /**
   * {@code table}: a constant of this package, never user input; {@code read} runs in its own
   * transaction.
   */
  TableCopy(String table, Supplier<T> read) {
    this.table = table;
    this.read = read;
  }

  /** The copy as of the last change (the same object until the next one). */
  T get() {
    Held<T> h = held;
    if (h != null && h.changes() == CHANGES.get()) {
      return h.value();
    }
    synchronized (this) {
      h = held;
      long changes = CHANGES.get();
      if (h != null && h.changes() == changes) {
        return h.value();
      }
      T value = QuarkusTransaction.requiringNew().call(read::get);
      held = new Held<>(changes, value);
      return value;
    }
  }

  /** Another instance's writes: the table's count and highest id, compared with the last. */
  void poll(EntityManager em) {
    String now =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    String.valueOf(
                        em.createNativeQuery(
                                "SELECT CONCAT(CAST(COUNT(*) AS VARCHAR(20)), '/',"
                                    + " CAST(COALESCE(MAX(id), 0) AS VARCHAR(20)))"
                                    + " FROM "
                                    + table)
                            .getSingleResult()));
    if (fingerprint != null && !fingerprint.equals(now)) {
      CHANGES.changed();
    }
    fingerprint = now;
  }

  /** Drops every copy (a bulk write that bypassed the ORM's events, as the tests' reset). */
  public static void changed() {
    CHANGES.changed();
  }

  /** Entity listener of the copied tables: the copies are read again after the write commits. */
  public static class Changes {
    @PostPersist
    @PostUpdate
    @PostRemove
    void touched(Object entity) {
      CHANGES.changed();
      TransactionSynchronizationRegistry tx =
          Arc.container().instance(TransactionSynchronizationRegistry.class).get();
      try {
        if (tx != null && tx.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
          tx.registerInterposedSynchronization(
              new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                  CHANGES.changed();
                }
              });
        }
      } catch (IllegalStateException e) {
        // too late in the commit to register: the count above and the poll still renew the copy
      }
    }
  }
}
