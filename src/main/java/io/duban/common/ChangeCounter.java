package io.duban.common;

import io.quarkus.arc.Arc;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts this instance's writes of something kept in memory (the contacts, the settings), so that a
 * copy read at count n is known stale once the count moved. A write counts at once and again when
 * its transaction ends: a reader that read between the two (before the commit) reads again.
 */
public final class ChangeCounter {
  private final AtomicLong count = new AtomicLong();

  public long get() {
    return count.get();
  }

  /** Marks a change now and, inside a transaction, again when it ends. */
  public void changed() {
    count.incrementAndGet();
    TransactionSynchronizationRegistry tx =
        Arc.container() == null
            ? null
            : Arc.container().instance(TransactionSynchronizationRegistry.class).get();
    if (tx == null
        || tx.getTransactionStatus() != Status.STATUS_ACTIVE
        || tx.getResource(this) != null) {
      return;
    }
    tx.putResource(this, Boolean.TRUE);
    tx.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            count.incrementAndGet();
          }
        });
  }
}
