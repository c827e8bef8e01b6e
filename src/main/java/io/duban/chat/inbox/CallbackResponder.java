package io.duban.chat.inbox;

import io.duban.chat.BotRegistry;
import io.duban.chat.IpRanges;
import io.duban.chat.outbox.Secrets;
import io.duban.common.ApiError;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Turns a verified or refused callback into the HTTP answer: a refusal answers 401/403 and is
 * logged at most once a minute per bot, without secrets; a message is stored and answered in the
 * inbox before the acknowledgement (503 if it cannot be stored); a duplicate is acknowledged and
 * not acted on again; a second message under a signature already used is refused with 401.
 */
@ApplicationScoped
public class CallbackResponder {
  private static final Logger LOG = Logger.getLogger(CallbackResponder.class);

  @Inject Inbox inbox;
  @Inject MeterRegistry metrics;
  @Inject RefusalLog refusals;
  @Inject BotRegistry bots;

  /** Parsed allowed-ips by their text (bots.yaml checked them at load, so parsing cannot fail). */
  private final Map<String, IpRanges> ranges = new ConcurrentHashMap<>();

  /**
   * The answer to a callback from {@code client} (its address): a bot with {@code allowed-ips}
   * refuses callbacks from anywhere else with 403, whatever they carry.
   */
  public Response respond(String platform, String botId, Callback callback, String client) {
    Optional<IpRanges> allowed =
        bots.bot(botId)
            .flatMap(b -> b.value("allowed-ips"))
            .filter(v -> !v.isBlank())
            .map(v -> ranges.computeIfAbsent(v, IpRanges::parse));
    if (allowed.isPresent() && !allowed.get().contains(client)) {
      return refuse(platform, botId, 403, "来源地址 " + client + " 不在该机器人的 allowed-ips 范围内");
    }
    return respond(platform, botId, callback);
  }

  public Response respond(String platform, String botId, Callback callback) {
    if (callback instanceof Callback.Refused r) {
      return refuse(platform, botId, r.status(), r.reason());
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
      return refuse(platform, botId, 400, "消息 ID 缺失或过长（最长 128 个字符）");
    }
    Inbox.Receipt stored;
    try {
      stored = inbox.receive(m);
    } catch (RuntimeException e) {
      // not even stored (the database is unreachable): no acknowledgement, the platform retries
      LOG.errorf("无法保存 %s 消息（机器人 %s）：%s", platform, botId, Secrets.scrub(e.toString()));
      return ApiError.response(503, "服务暂时不可用，请稍后重试");
    }
    if (stored.kind() == Inbox.Kind.REPLAYED) {
      metrics.counter("duban_callbacks_replayed_total", "platform", platform).increment();
      return refuse(platform, botId, 401, "签名已被另一条消息使用过（疑似重放），已拒绝");
    }
    metrics
        .counter(
            "duban_callbacks_total",
            "platform",
            platform,
            "duplicate",
            String.valueOf(stored.kind() == Inbox.Kind.DUPLICATE))
        .increment();
    return Response.ok(m.ack(), m.ackType()).build();
  }

  private Response refuse(String platform, String botId, int status, String reason) {
    refusals.refused(platform, botId, status, reason);
    metrics.counter("duban_callbacks_refused_total", "platform", platform).increment();
    return ApiError.response(status, reason);
  }
}
