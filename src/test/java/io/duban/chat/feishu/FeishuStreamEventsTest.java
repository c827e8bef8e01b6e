package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.support.Payloads;
import jakarta.enterprise.inject.Vetoed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ack payload of each kind of data frame, and a message that cannot be stored: tried three
 * times, then answered 500 (Feishu delivers it again) and counted. The inbox here is a stand-in
 * that records or fails; the real one is exercised by FeishuStreamTest.
 */
class FeishuStreamEventsTest {
  final ObjectMapper json = new ObjectMapper();
  final BotSpec bot =
      new BotSpec(
          "feishu-app",
          Platform.FEISHU,
          Map.of("mode", "stream", "app-key", "cli", "app-secret", "s"),
          Duration.ofHours(1),
          RateLimit.UNPACED,
          true,
          null);
  final ConnectionStatus status = new ConnectionStatus("feishu-app", "feishu", Clock.systemUTC());

  /** Not a bean: Inbox's scope is inherited, and the application must keep its one inbox. */
  @Vetoed
  static final class StandIn extends Inbox {
    final List<Callback.Message> received = new ArrayList<>();
    int failuresLeft;

    @Override
    public Receipt receive(Callback.Message m) {
      if (failuresLeft-- > 0) {
        throw new IllegalStateException("database unreachable");
      }
      received.add(m);
      return null;
    }
  }

  JsonNode answer(FeishuStreamEvents events, String type, String payload) throws Exception {
    return json.readTree(events.answer(type, payload.getBytes(StandardCharsets.UTF_8)));
  }

  String data(JsonNode ack) {
    return new String(
        Base64.getDecoder().decode(ack.path("data").asText()), StandardCharsets.UTF_8);
  }

  @Test
  void aMessageIsStoredAsTheWebhookWouldAndOtherFramesAcknowledged() throws Exception {
    StandIn inbox = new StandIn();
    FeishuStreamEvents events = new FeishuStreamEvents(bot, status, inbox, json);
    JsonNode ack = answer(events, "event", Payloads.read("feishu", "message-text.json"));
    assertThat(ack.path("code").asInt()).isEqualTo(200);
    assertThat(data(ack)).isEqualTo("{}");
    assertThat(inbox.received).hasSize(1);
    var in = inbox.received.get(0).message();
    assertThat(in.messageId()).isEqualTo("om_wujin_0001");
    assertThat(in.chatId()).isEqualTo("oc_wujin_rsj");
    assertThat(in.senderId()).isEqualTo("ou_rsj01");
    assertThat(in.text()).isEqualTo("@_user_1 上报 新增就业岗位 1.2万");

    for (String[] f :
        new String[][] {
          {"event", Payloads.read("feishu", "other-event.json")},
          {"event", "not json"},
          {"event", "{\"header\":{\"event_type\":\"im.message.receive_v1\"},\"event\":{}}"},
          {"card", "{\"header\":{\"event_type\":\"card.action.trigger\"}}"}
        }) {
      JsonNode a = answer(events, f[0], f[1]);
      assertThat(a.path("code").asInt()).as(f[1]).isEqualTo(200);
      assertThat(data(a)).isEqualTo("{}");
    }
    assertThat(inbox.received).hasSize(1);
    assertThat(status.unstored()).isZero();
  }

  @Test
  void aMessageThatCannotBeStoredIsTriedThreeTimesThenAnswered500() throws Exception {
    StandIn inbox = new StandIn();
    FeishuStreamEvents events = new FeishuStreamEvents(bot, status, inbox, json);
    events.retryPauseMillis = 1;
    inbox.failuresLeft = 2;
    String event = Payloads.read("feishu", "message-text.json");
    assertThat(answer(events, "event", event).path("code").asInt()).isEqualTo(200);
    assertThat(inbox.received).hasSize(1);

    inbox.failuresLeft = FeishuStreamEvents.STORE_ATTEMPTS;
    assertThat(answer(events, "event", event).path("code").asInt()).isEqualTo(500);
    assertThat(inbox.failuresLeft).isZero();
    assertThat(inbox.received).hasSize(1);
    assertThat(status.unstored()).isEqualTo(1);
  }
}
