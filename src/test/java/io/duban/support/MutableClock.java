package io.duban.support;

import io.duban.time.Zones;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The wall clock of the test application: pinned at 2026-11-28 02:00 UTC and moved only by tests,
 * so pacing, expiry and signature windows are checked without sleeping.
 */
public class MutableClock extends Clock {
  public static final Instant START = Instant.parse("2026-11-28T02:00:00Z");

  private volatile Instant now = START;

  @Override
  public ZoneId getZone() {
    return Zones.SHANGHAI;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  public void set(Instant instant) {
    now = instant;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  /** Replaces the production wall clock in every @QuarkusTest. */
  @Singleton
  public static class Producer {
    private static final MutableClock CLOCK = new MutableClock();

    /** Its bean types include {@link Clock}, so it replaces the default wall clock. */
    @Produces
    @Singleton
    MutableClock mutableClock() {
      return CLOCK;
    }
  }
}
