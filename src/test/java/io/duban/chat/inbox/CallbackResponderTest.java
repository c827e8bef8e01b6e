package io.duban.chat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.BotsFile;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Platform;
import io.duban.chat.Route;
import io.duban.common.ApiError;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * From a verified or refused callback to the HTTP answer, with the inbox stubbed: refusals and
 * their counters, challenges, acknowledgements, message ids, replays, a database that is down, and
 * the allowed-ips fence.
 */
class CallbackResponderTest {
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final StubInbox inbox = new StubInbox();
  final CallbackResponder responder = new CallbackResponder();

  /** Answers with the receipt (or failure) the test chose and remembers what it got. */
  static final class StubInbox extends Inbox {
    Receipt next = new Receipt(Kind.STORED);
    RuntimeException failure;
    final List<Callback.Message> received = new ArrayList<>();

    @Override
    public Receipt receive(Callback.Message m) {
      received.add(m);
      if (failure != null) {
        throw failure;
      }
      return next;
    }
  }

  @BeforeEach
  void setUp() {
    RefusalLog log = new RefusalLog();
    log.wall = Clock.fixed(Instant.parse("2026-06-01T02:00:00Z"), ZoneOffset.UTC);
    BotRegistry bots = new BotRegistry();
    Route console = new Route(BotsFile.CONSOLE_BOT, null);
    bots.set(
        new BotsFile.Bots(
            Map.of(
                "fenced", bot("fenced", Map.of("allowed-ips", "203.0.113.0/24, 10.0.0.1")),
                "open", bot("open", Map.of("allowed-ips", " "))),
            console,
            console,
            console,
            Map.of(),
            List.of()));
    responder.inbox = inbox;
    responder.metrics = metrics;
    responder.refusals = log;
    responder.bots = bots;
  }

  static BotSpec bot(String id, Map<String, String> values) {
    return new BotSpec(id, Platform.DINGTALK, values, Duration.ofHours(1), null, true, null);
  }

  static Callback.Message message(String id) {
    return new Callback.Message(
        new IncomingMessage(Platform.DINGTALK, "fenced", "c", "u", "赵示一", "进度", id),
        null,
        null,
        "{\"ok\":true}",
        "application/json");
  }

  double count(String name, String... tags) {
    var counter = metrics.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  static ApiError error(Response r) {
    return (ApiError) r.getEntity();
  }

  @Test
  void aRefusalAnswersItsStatusAndReasonAndIsCounted() {
    Response r = responder.respond("dingtalk", "fenced", new Callback.Refused(401, "签名不对"));
    assertThat(r.getStatus()).isEqualTo(401);
    assertThat(error(r)).isEqualTo(new ApiError(401, "签名不对"));
    assertThat(r.getMediaType().toString()).isEqualTo("application/json;charset=UTF-8");
    assertThat(count("duban_callbacks_refused_total", "platform", "dingtalk")).isEqualTo(1);
    assertThat(inbox.received).isEmpty();
  }

  @Test
  void aChallengeIsEchoedAsGiven() {
    Response r = responder.respond("wecom", "w", new Callback.Challenge("echo-明文", "text/plain"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getEntity()).isEqualTo("echo-明文");
    assertThat(r.getMediaType().toString()).isEqualTo("text/plain");
    assertThat(inbox.received).isEmpty();
  }

  @Test
  void anIgnoredEventIsAcknowledgedAndNotStored() {
    Response r =
        responder.respond("feishu", "f", new Callback.Ignored("{}", "application/json", "图片"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getEntity()).isEqualTo("{}");
    assertThat(inbox.received).isEmpty();
  }

  @Test
  void aStoredMessageIsAcknowledgedAndCounted() {
    Response r = responder.respond("dingtalk", "fenced", message("m-1"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(r.getEntity()).isEqualTo("{\"ok\":true}");
    assertThat(r.getMediaType().toString()).isEqualTo("application/json");
    assertThat(inbox.received).extracting(m -> m.message().messageId()).containsExactly("m-1");
    assertThat(count("duban_callbacks_total", "platform", "dingtalk", "duplicate", "false"))
        .isEqualTo(1);
  }

  @Test
  void aDuplicateIsAcknowledgedAndCountedAsOne() {
    inbox.next = Inbox.Receipt.DUPLICATE;
    Response r = responder.respond("dingtalk", "fenced", message("m-1"));
    assertThat(r.getStatus()).isEqualTo(200);
    assertThat(count("duban_callbacks_total", "platform", "dingtalk", "duplicate", "true"))
        .isEqualTo(1);
  }

  @Test
  void anotherMessageUnderAUsedSignatureIsRefused() {
    inbox.next = Inbox.Receipt.REPLAYED;
    Response r = responder.respond("dingtalk", "fenced", message("m-2"));
    assertThat(r.getStatus()).isEqualTo(401);
    assertThat(error(r).error()).isEqualTo("签名已被另一条消息使用过（疑似重放），已拒绝");
    assertThat(count("duban_callbacks_replayed_total", "platform", "dingtalk")).isEqualTo(1);
    assertThat(count("duban_callbacks_refused_total", "platform", "dingtalk")).isEqualTo(1);
    assertThat(count("duban_callbacks_total", "platform", "dingtalk", "duplicate", "false"))
        .isZero();
  }

  @Test
  void aMessageIdMustBeThereAndAtMost128Characters() {
    for (String bad : new String[] {null, "", "  ", "x".repeat(129)}) {
      Response r = responder.respond("dingtalk", "fenced", message(bad));
      assertThat(r.getStatus()).as("id %s", bad).isEqualTo(400);
      assertThat(error(r).error()).isEqualTo("消息 ID 缺失或过长（最长 128 个字符）");
    }
    assertThat(inbox.received).isEmpty();
    assertThat(responder.respond("dingtalk", "fenced", message("x".repeat(128))).getStatus())
        .isEqualTo(200);
  }

  @Test
  void aMessageThatCannotBeStoredIs503SoThePlatformRetries() {
    inbox.failure = new IllegalStateException("connection refused");
    Response r = responder.respond("dingtalk", "fenced", message("m-1"));
    assertThat(r.getStatus()).isEqualTo(503);
    assertThat(error(r)).isEqualTo(new ApiError(503, "服务暂时不可用，请稍后重试"));
  }

  @Test
  void allowedIpsFenceTheBot() {
    Response outside = responder.respond("dingtalk", "fenced", message("m-1"), "198.51.100.7");
    assertThat(outside.getStatus()).isEqualTo(403);
    assertThat(error(outside).error()).isEqualTo("来源地址 198.51.100.7 不在该机器人的 allowed-ips 范围内");
    assertThat(inbox.received).isEmpty();
    // whatever the callback carries: even a refusal is answered 403 first
    assertThat(
            responder
                .respond("dingtalk", "fenced", new Callback.Refused(401, "签名不对"), "198.51.100.7")
                .getStatus())
        .isEqualTo(403);
    assertThat(responder.respond("dingtalk", "fenced", message("m-1"), "203.0.113.9").getStatus())
        .isEqualTo(200);
    assertThat(responder.respond("dingtalk", "fenced", message("m-2"), "10.0.0.1").getStatus())
        .isEqualTo(200);
  }

  @Test
  void withoutAllowedIpsAnyAddressMayCall() {
    assertThat(responder.respond("dingtalk", "open", message("m-1"), "198.51.100.7").getStatus())
        .isEqualTo(200);
    assertThat(responder.respond("dingtalk", "nobody", message("m-2"), "198.51.100.7").getStatus())
        .isEqualTo(200);
  }
}
