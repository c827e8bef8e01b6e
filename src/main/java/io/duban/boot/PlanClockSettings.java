package io.duban.boot;

import io.duban.audit.Audit;
import io.duban.common.Locks;
import io.duban.common.Settings;
import io.duban.config.DubanConfig;
import io.duban.time.PlanClock;
import io.duban.time.Zones;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Establishes the plan-clock offset at start-up. DUBAN_CLOCK_TODAY moves the plan clock to 09:00
 * Asia/Shanghai on that date; the offset is stored so restarts and other instances agree; a new
 * date replaces it and an unset variable removes it.
 */
@ApplicationScoped
public class PlanClockSettings {
  static final String TODAY = "plan-clock.today";
  static final String OFFSET = "plan-clock.offset-seconds";
  private static final Logger LOG = Logger.getLogger(PlanClockSettings.class);

  @Inject DubanConfig config;
  @Inject Settings settings;
  @Inject Locks locks;
  @Inject Clock wall;
  @Inject PlanClock planClock;
  @Inject Audit audit;

  @Transactional
  public void init() {
    locks.acquire("clock");
    Optional<LocalDate> wanted = config.clock().today();
    Optional<String> storedToday = settings.get(TODAY);
    Duration offset = Duration.ZERO;
    if (wanted.isEmpty()) {
      if (storedToday.isPresent()) {
        settings.remove(TODAY);
        settings.remove(OFFSET);
        planClock.setOffset(Duration.ZERO);
        audit.record("系统", "plan-clock.reset", "计划时钟", "DUBAN_CLOCK_TODAY 未设置，恢复为真实时间");
      }
    } else if (storedToday.isPresent() && storedToday.get().equals(wanted.get().toString())) {
      offset = Duration.ofSeconds(Long.parseLong(settings.get(OFFSET).orElse("0")));
    } else {
      offset =
          Duration.between(
              wall.instant(),
              wanted.get().atTime(LocalTime.of(9, 0)).atZone(Zones.SHANGHAI).toInstant());
      settings.put(TODAY, wanted.get().toString());
      settings.put(OFFSET, Long.toString(offset.getSeconds()));
      planClock.setOffset(offset);
      audit.record("系统", "plan-clock.set", "计划时钟", "DUBAN_CLOCK_TODAY=" + wanted.get());
    }
    planClock.setOffset(offset);
    if (wanted.isPresent()) {
      LOG.infof("计划时钟：%s（DUBAN_CLOCK_TODAY=%s）", planClock.now().withNano(0), wanted.get());
    }
  }
}
