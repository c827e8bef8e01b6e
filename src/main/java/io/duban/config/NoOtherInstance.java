package io.duban.config;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Skips the read model's polls for other instances' writes where there can be none: an embedded H2
 * database belongs to one process (its file is locked), so only PostgreSQL deployments poll. Also
 * skips until start-up is done, as {@link NotReady}.
 */
@Singleton
public class NoOtherInstance implements Scheduled.SkipPredicate {
  @Inject ReadyFlag readiness;

  @ConfigProperty(name = "quarkus.datasource.db-kind")
  String dbKind;

  @Override
  public boolean test(ScheduledExecution execution) {
    return !readiness.isReady() || "h2".equalsIgnoreCase(dbKind);
  }
}
