package io.duban.common;

/**
 * A write found that what it read from memory had changed meanwhile (another thread or instance
 * committed first): nothing was kept, and answering the message again reads afresh.
 */
public class RetryableConflict extends RuntimeException {
  public RetryableConflict(String message) {
    super(message, null, false, false);
  }

  /**
   * Whether a failure is such a conflict: this one, or a versioned row the ORM found changed at
   * flush (a fast-path write that came between the slow path's read and its write), however
   * wrapped.
   */
  public static boolean among(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RetryableConflict
          || t instanceof jakarta.persistence.OptimisticLockException
          || t instanceof org.hibernate.StaleStateException) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (among(s)) {
          return true;
        }
      }
    }
    return false;
  }
}
