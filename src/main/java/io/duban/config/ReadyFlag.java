package io.duban.config;

import jakarta.inject.Singleton;

/**
 * Whether start-up has loaded the configuration: a flag set by the start-up sequence and read by
 * scheduled jobs and the readiness check. It holds no reference to start-up itself.
 */
@Singleton
public class ReadyFlag {
  private volatile boolean ready;

  public boolean isReady() {
    return ready;
  }

  public void set(boolean ready) {
    this.ready = ready;
  }
}
