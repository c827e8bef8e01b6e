package io.duban.audit;

import io.duban.time.PlanClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Writes the audit trail inside the caller's transaction. */
@ApplicationScoped
public class Audit {
  @Inject Clock wall;
  @Inject PlanClock planClock;

  /** Records one event; {@code detail} must never hold a secret. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(String actor, String action, String subject, String detail) {
    AuditEvent e = new AuditEvent();
    e.recordedAt = wall.instant();
    e.planTime = planClock.isInitialised() ? planClock.now() : null;
    e.actor = truncate(actor, 128);
    e.action = truncate(action, 64);
    e.subject = truncate(subject, 200);
    e.detail = truncate(detail, 4000);
    e.persist();
  }

  private static String truncate(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return s.substring(0, max - 1) + "…";
  }
}
