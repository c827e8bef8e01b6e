package io.duban.time;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * Which day it is for the plan: the wall clock shifted by a stored offset (zero unless
 * DUBAN_CLOCK_TODAY is set), so periods, deadlines and 序时进度 can run on a past plan.
 */
@Singleton
public class PlanClock {
  private final Clock wall;
  private volatile Duration offset;

  @Inject
  public PlanClock(Clock wall) {
    this.wall = wall;
  }

  /** Sets the offset once the stored value is known (at start-up). */
  public void setOffset(Duration offset) {
    this.offset = offset;
  }

  public boolean isInitialised() {
    return offset != null;
  }

  public Duration offset() {
    return offset == null ? Duration.ZERO : offset;
  }

  /** The plan-clock instant. */
  public Instant instant() {
    return wall.instant().plus(offset());
  }

  public ZonedDateTime zoned() {
    return instant().atZone(Zones.SHANGHAI);
  }

  public LocalDateTime now() {
    return zoned().toLocalDateTime();
  }

  public LocalDate today() {
    return zoned().toLocalDate();
  }

  /** The plan-clock time of a wall-clock instant. */
  public LocalDateTime toPlanTime(Instant wallInstant) {
    return wallInstant.plus(offset()).atZone(Zones.SHANGHAI).toLocalDateTime();
  }

  /** The wall-clock instant at which the plan clock shows {@code planTime}. */
  public Instant toWall(LocalDateTime planTime) {
    return planTime.atZone(Zones.SHANGHAI).toInstant().minus(offset());
  }
}
