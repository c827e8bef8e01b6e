package io.duban.chat.inbox;

import io.duban.common.ApiError;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns a verified or refused callback into the HTTP answer: a refusal answers 401/403 and logs one
 * line without secrets; a message is stored in the inbox before the acknowledgement, and a
 * duplicate is acknowledged and not acted on again.
 */
@ApplicationScoped
public class CallbackResponder {
  private static final Logger LOG = Logger.getLogger(CallbackResponder.class);

  @Inject Inbox inbox;
  @Inject MeterRegistry metrics;

  public Response respond(String platform, String botId, Callback callback) {
    if (callback instanceof Callback.Refused r) {
      LOG.warnf("拒绝 %s 回调（机器人 %s）：%s", platform, botId, r.reason());
      metrics.counter("duban_callbacks_refused_total", "platform", platform).increment();
      return ApiError.response(r.status(), r.reason());
    }
    if (callback instanceof Callback.Challenge c) {
      return Response.ok(c.body(), c.contentType()).build();
    }
    if (callback instanceof Callback.Ignored i) {
      return Response.ok(i.ack(), i.ackType()).build();
    }
    Callback.Message m = (Callback.Message) callback;
    Optional<Long> stored = inbox.store(m);
    metrics
        .counter(
            "duban_callbacks_total",
            "platform",
            platform,
            "duplicate",
            String.valueOf(stored.isEmpty()))
        .increment();
    stored.ifPresent(inbox::process);
    return Response.ok(m.ack(), m.ackType()).build();
  }
}
