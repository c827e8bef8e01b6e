package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Offer;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading a card click without the application: the 智能机器人 event's key and task_id where community
 * clients read them (nested under template_card_event) and where the SDK's types put them (beside
 * eventtype); the app event's message id (stable across retries) and update body; and the button
 * limits (6 buttons, unique keys, keys at most 1024 bytes).
 */
class WeComCardClickTest {
  final ObjectMapper json = new ObjectMapper();
  final BotSpec bot =
      new BotSpec(
          "wecom-app",
          Platform.WECOM,
          Map.of("agent-id", "1000002"),
          Duration.ofHours(1),
          null,
          true,
          null);

  @Test
  void theKeyIsReadNestedOrFlat() throws Exception {
    JsonNode nested =
        json.readTree(
            "{\"msgid\":\"e1\",\"from\":{\"userid\":\"wx-rsj-01\"},\"chatid\":\"wrG\",\"event\":"
                + "{\"eventtype\":\"template_card_event\",\"template_card_event\":"
                + "{\"event_key\":\"确认\",\"task_id\":\"duban-1\"}}}");
    JsonNode flat =
        json.readTree(
            "{\"msgid\":\"e2\",\"from\":{\"userid\":\"wx-rsj-01\"},\"event\":"
                + "{\"eventtype\":\"template_card_event\",\"event_key\":\"更多\",\"task_id\":\"duban-2\"}}");
    assertThat(WeComCardClicks.isClick(nested)).isTrue();
    Callback.Message a = WeComCardClicks.message(bot, nested);
    assertThat(a.message().text()).isEqualTo("确认");
    assertThat(a.message().messageId()).isEqualTo("card:e1");
    assertThat(a.message().chatId()).isEqualTo("wrG");
    assertThat(a.message().senderId()).isEqualTo("wx-rsj-01");
    assertThat(a.replyHandle()).isNull();
    assertThat(WeComCardClicks.field(nested.path("event"), "task_id")).isEqualTo("duban-1");
    Callback.Message b = WeComCardClicks.message(bot, flat);
    assertThat(b.message().text()).isEqualTo("更多");
    assertThat(b.message().chatId()).isEqualTo("u:wx-rsj-01"); // a single chat, as text messages
    assertThat(WeComCardClicks.field(flat.path("event"), "task_id")).isEqualTo("duban-2");
    JsonNode keyless =
        json.readTree(
            "{\"msgid\":\"e3\",\"from\":{\"userid\":\"u\"},\"event\":{\"eventtype\":\"template_card_event\"}}");
    assertThat(WeComCardClicks.message(bot, keyless)).isNull();
  }

  @Test
  void anAppClickHasAStableIdAndItsButtonIsReplaced() {
    Map<String, String> event =
        Map.of(
            "FromUserName", "wx-rsj-01",
            "CreateTime", "1529456460",
            "Event", "template_card_event",
            "EventKey", "上报 <@all> 1.3万",
            "TaskId", "duban-9",
            "ResponseCode", "rc-1");
    Callback.Message m = (Callback.Message) WeComAppClicks.message(bot, event);
    assertThat(m.message().messageId())
        .startsWith("card:")
        .hasSizeLessThanOrEqualTo(128)
        .isEqualTo(((Callback.Message) WeComAppClicks.message(bot, event)).message().messageId());
    assertThat(m.message().text()).isEqualTo("上报 <@all> 1.3万");
    assertThat(m.message().chatId()).isEqualTo("u:wx-rsj-01");
    assertThat(m.ack()).isEmpty();
    Map<String, Object> body = WeComAppClicks.updateBody(bot, event);
    assertThat(body.get("userids")).isEqualTo(List.of("wx-rsj-01"));
    assertThat(body.get("agentid")).isEqualTo(1000002L);
    assertThat(body.get("response_code")).isEqualTo("rc-1");
    String replace = ((Map<?, ?>) body.get("button")).get("replace_name").toString();
    assertThat(replace).startsWith("已选：").doesNotContain("<@").hasSizeLessThanOrEqualTo(10);
  }

  @Test
  void buttonsAreAtMostSixWithUniqueKeysThatFit() {
    List<Offer.Choice> choices =
        List.of(
            new Offer.Choice("一", "1"),
            new Offer.Choice("一again", "1"),
            new Offer.Choice("长", "字".repeat(400)), // 1200 bytes: more than a key takes
            new Offer.Choice("二", "2"),
            new Offer.Choice("三", "3"),
            new Offer.Choice("四", "4"),
            new Offer.Choice("五", "5"),
            new Offer.Choice("六", "6"),
            new Offer.Choice("七", "7"));
    List<Map<String, Object>> buttons = WeComCards.buttons(Offer.choices(choices));
    assertThat(buttons).extracting(b -> b.get("key")).containsExactly("1", "2", "3", "4", "5", "6");
    OutgoingMessage none = new OutgoingMessage("wrG", "文字", List.of(), null, null, null);
    assertThat(WeComCards.offers(none)).isFalse();
    assertThat(WeComStreamSender.pushBodies(none)).hasSize(1);
    assertThat(WeComStreamSender.replyBody(none).get("msgtype")).isEqualTo("stream");
    assertThat(WeComCards.validTaskId(WeComCards.newTaskId())).isTrue();
    assertThat(WeComCards.validTaskId("bad task")).isFalse();
  }
}
