package io.duban.boot;

import io.duban.chat.outbox.AdminAlerts;
import io.duban.config.ConfigFileException;
import io.duban.config.ReadyFlag;
import io.duban.security.AdminTokens;
import io.duban.security.DataFiles;
import io.duban.security.SessionCookies;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Start-up: plan clock, admin token, configuration. A configuration problem stops the service with
 * one line naming the file, the place and the field, never a stack-trace wall.
 */
@ApplicationScoped
public class StartupSequence {
  private static final Logger LOG = Logger.getLogger(StartupSequence.class);

  @Inject PlanClockSettings clockSettings;
  @Inject AdminTokens adminTokens;
  @Inject DataFiles dataFiles;
  @Inject SessionCookies sessions;
  @Inject ConfigLoader configLoader;
  @Inject AdminAlerts alerts;
  @Inject ReadyFlag readiness;

  void onStart(@Observes @Priority(10) StartupEvent event) {
    try {
      dataFiles.secure();
      clockSettings.init();
      adminTokens.init();
      sessions.init();
      ConfigLoader.Summary summary = configLoader.loadAll();
      alerts.configWarnings(summary.warnings());
      readiness.set(true);
    } catch (ConfigFileException e) {
      LOG.error("配置错误：" + e.getMessage());
      Quarkus.asyncExit(2);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    readiness.set(false);
  }

  /** /q/health/ready answers 200 once the plan is loaded. */
  @Readiness
  @ApplicationScoped
  public static class PlanLoaded implements HealthCheck {
    @Inject ReadyFlag readiness;

    @Override
    public HealthCheckResponse call() {
      return HealthCheckResponse.named("plan-loaded").status(readiness.isReady()).build();
    }
  }
}
