package io.duban.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Supplies the wall clock (real time); tests replace it with a pinned, movable clock. */
@Dependent
public class WallClockProducer {
  @Produces
  @DefaultBean
  @Singleton
  public Clock wallClock() {
    return Clock.system(Zones.SHANGHAI);
  }
}
