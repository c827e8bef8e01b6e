package io.duban.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The plan clock: the wall clock in Shanghai, shifted by an offset that is zero until set. */
class PlanClockTest {
  /** 2026-11-28 23:30 in Shanghai (15:30 UTC): half an hour before the day changes. */
  static final Instant WALL = Instant.parse("2026-11-28T15:30:00Z");

  final PlanClock clock = new PlanClock(Clock.fixed(WALL, ZoneOffset.UTC));

  @Test
  void untilTheOffsetIsSetItIsZero() {
    assertThat(clock.isInitialised()).isFalse();
    assertThat(clock.offset()).isZero();
    assertThat(clock.instant()).isEqualTo(WALL);
  }

  @Test
  void datesAndTimesAreShanghaiWhateverTheWallClockZone() {
    clock.setOffset(Duration.ZERO);
    assertThat(clock.isInitialised()).isTrue();
    assertThat(clock.now()).isEqualTo(LocalDateTime.parse("2026-11-28T23:30:00"));
    assertThat(clock.today()).isEqualTo(LocalDate.parse("2026-11-28"));
    assertThat(clock.zoned().getZone()).isEqualTo(Zones.SHANGHAI);
  }

  @Test
  void anOffsetMovesEveryReading() {
    clock.setOffset(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(WALL.plus(Duration.ofHours(1)));
    assertThat(clock.today()).isEqualTo(LocalDate.parse("2026-11-29"));
    clock.setOffset(Duration.ofDays(-365));
    assertThat(clock.today()).isEqualTo(LocalDate.parse("2025-11-28"));
    assertThat(clock.offset()).isEqualTo(Duration.ofDays(-365));
  }

  @Test
  void wallAndPlanTimesConvertBothWays() {
    clock.setOffset(Duration.ofDays(-30));
    Instant wall = Instant.parse("2026-12-01T00:00:00Z");
    LocalDateTime plan = clock.toPlanTime(wall);
    assertThat(plan).isEqualTo(LocalDateTime.parse("2026-11-01T08:00:00"));
    assertThat(clock.toWall(plan)).isEqualTo(wall);
    assertThat(clock.toWall(LocalDateTime.parse("2026-11-01T09:00:00")))
        .isEqualTo(Instant.parse("2026-12-01T01:00:00Z"));
  }
}
