package io.duban.chat.inbox;

import io.duban.chat.outbox.Secrets;
import io.duban.common.ApiError;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns a verified or refused callback into the HTTP answer: a refusal answers 401/403 and logs one
 * line without secrets; a message is stored and answered in the inbox before the acknowledgement
 * (503 if it cannot be stored), and a duplicate is acknowledged and not acted on again.
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
    String id = m.message().messageId();
    if (id == null || id.isBlank() || id.length() > 128) {
      LOG.warnf("拒绝 %s 回调（机器人 %s）：消息 ID 缺失或过长", platform, botId);
      return ApiError.response(400, "消息 ID 缺失或过长（最长 128 个字符）");
    }
    Optional<Long> stored;
    try {
      stored = inbox.receive(m);
    } catch (RuntimeException e) {
      // not even stored (the database is unreachable): no acknowledgement, the platform retries
      LOG.errorf("无法保存 %s 消息（机器人 %s）：%s", platform, botId, Secrets.scrub(e.toString()));
      return ApiError.response(503, "服务暂时不可用，请稍后重试");
    }
    metrics
        .counter(
            "duban_callbacks_total",
            "platform",
            platform,
            "duplicate",
            String.valueOf(stored.isEmpty()))
        .increment();
    return Response.ok(m.ack(), m.ackType()).build();
  }
}
