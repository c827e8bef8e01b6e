package io.duban.config;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Skips scheduled jobs until start-up has loaded the configuration (or while it is stopping). */
@Singleton
public class NotReady implements Scheduled.SkipPredicate {
  @Inject ReadyFlag readiness;

  @Override
  public boolean test(ScheduledExecution execution) {
    return !readiness.isReady();
  }
}
