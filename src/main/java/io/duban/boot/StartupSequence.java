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
import java.lang.management.ManagementFactory;
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
      long t0 = System.nanoTime();
      dataFiles.secure();
      clockSettings.init();
      adminTokens.init();
      sessions.init();
      long t1 = System.nanoTime();
      ConfigLoader.Summary summary = configLoader.loadAll();
      long t2 = System.nanoTime();
      alerts.configWarnings(summary.warnings());
      readiness.set(true);
      // -Dquarkus.log.category."io.duban.boot".level=DEBUG: where start-up's own part goes
      LOG.debugf(
          "启动耗时：时钟/令牌 %d ms，配置 %d ms，告警 %d ms；JVM 启动至今 %d ms",
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          (System.nanoTime() - t2) / 1_000_000,
          ManagementFactory.getRuntimeMXBean().getUptime());
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
