package io.duban.chat.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Re-renders or re-checks a message as it is about to be claimed; cancels what is no longer due.
 */
@ApplicationScoped
class Rerenderer {
  @Inject @Any Instance<OutboxRenderer> renderers;
  @Inject MeterRegistry metrics;

  /** Re-renders or re-checks a message as it is about to go; false when it was cancelled. */
  boolean rerender(OutboxMessage m) {
    for (OutboxRenderer r : renderers) {
      if (r.renders(m.kind)) {
        Optional<String> text = r.render(m);
        if (text.isEmpty()) {
          m.status = OutboxStatus.CANCELLED;
          m.lastError = "发送前复核：已不需要发送";
          metrics.counter("duban_outbox_cancelled_total").increment();
          return false;
        }
        m.text = text.get();
      }
    }
    return true;
  }

  /** The lines of a newline-separated column (the mentions of a message). */
  static List<String> lines(String column) {
    if (column == null || column.isEmpty()) {
      return List.of();
    }
    return List.of(column.split("\n"));
  }
}
