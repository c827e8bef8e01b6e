package io.duban.chat.wecom;

import static io.duban.chat.wecom.FakeWeComServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.BotRegistry;
import io.duban.chat.Platform;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.Reconnects;
import io.duban.chat.stream.StreamConnections;
import io.duban.report.Report;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-tap answers over the WeCom 智能机器人 long connection, against the fake WeCom end: a reply with
 * choices goes as a template card (buttons = the choices, keys = their texts), a recorded
 * template_card_event is answered as the clicking user's own message and its card replaced with
 * aibot_respond_update_msg under the event's req_id; the same event twice acts once; a user of
 * another unit is refused in the card and nothing is recorded.
 */
@QuarkusTest
class WeComCardsTest {
  static final String BOT = WeComStreamTest.BOT;
  static final String GROUP = WeComStreamTest.GROUP;
  static final String RSJ = "wx-rsj-01"; // 人社局's reporter (bot-config/contacts.yaml)
  static final String ZGH = "wx-zgh-01"; // 总工会's reporter

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject BotRegistry registry;
  @Inject StreamConnections connections;
  @Inject WeComStreamFactory factory;
  @Inject WeComLeases leases;
  @Inject OutboxDispatcher dispatcher;
  @Inject EntityManager em;

  final ObjectMapper json = new ObjectMapper();
  FakeWeComServer wecom;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    WeComStreamTest.clearLeases(em);
    wecom = new FakeWeComServer();
    bots.install(
        WeComStreamTest.yaml(),
        Map.of(
            "BOT_ID", "aibot-wujin-ws",
            "BOT_SECRET", "ws-secret-value",
            "WS", wecom.url(),
            "API", "http://127.0.0.1:9"));
    factory.timings(
        Duration.ofSeconds(30),
        Duration.ofSeconds(3),
        Reconnects.WECOM.scaled(0.05),
        Duration.ofMillis(300));
    leases.timings(Duration.ofSeconds(30), Duration.ofMillis(100));
    connections.open(registry.bot(BOT).orElseThrow());
    await(
        "connected",
        () -> connections.status(BOT, Platform.WECOM).state() == ConnectionStatus.State.CONNECTED);
  }

  @AfterEach
  void tearDown() throws Exception {
    connections.close(BOT);
    wecom.close();
    bots.restore();
    factory.timings(
        Duration.ofSeconds(30), Duration.ofSeconds(5), Reconnects.WECOM, Duration.ofMinutes(5));
    leases.timings(Duration.ofSeconds(30), Duration.ofSeconds(10));
    WeComStreamTest.clearLeases(em);
    data.resetOutbox();
    data.resetReports();
  }

  /** A text message from {@code user} in the group, as the connection delivers it. */
  void say(String reqId, String msgId, String user, String text) throws Exception {
    ObjectNode body = (ObjectNode) json.readTree(Payloads.read("wecom", "aibot-text.json"));
    body.remove("response_url");
    body.put("msgid", msgId);
    ((ObjectNode) body.get("from")).put("userid", user);
    ((ObjectNode) body.get("text")).put("content", "@督办助手 " + text);
    wecom.pushMessage(reqId, json.writeValueAsString(body));
  }

  /**
   * A recorded template_card_event frame: {@code user} clicked {@code key} on card {@code task}.
   */
  static String click(String reqId, String msgId, String user, String key, String task) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode body = m.createObjectNode();
    body.put("msgid", msgId);
    body.put("create_time", 1529456400L);
    body.put("aibotid", "aibot-wujin");
    body.put("chatid", GROUP);
    body.put("chattype", "group");
    body.putObject("from").put("userid", user);
    body.put("msgtype", "event");
    ObjectNode event = body.putObject("event");
    event.put("eventtype", "template_card_event");
    ObjectNode card = event.putObject("template_card_event");
    card.put("card_type", "button_interaction");
    card.put("event_key", key);
    card.put("task_id", task);
    ObjectNode frame = m.createObjectNode();
    frame.put("cmd", "aibot_event_callback");
    frame.putObject("headers").put("req_id", reqId);
    frame.set("body", body);
    return frame.toString();
  }

  /** Delivers the queued replies and returns the frames sent for them. */
  List<JsonNode> drain(int frames) throws Exception {
    dispatcher.drain();
    List<JsonNode> sent = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      sent.add(wecom.nextSent());
    }
    return sent;
  }

  static JsonNode card(JsonNode frame) {
    return frame.path("body").path("template_card");
  }

  static List<String> keys(JsonNode card) {
    List<String> keys = new ArrayList<>();
    card.path("button_list").forEach(b -> keys.add(b.path("key").asText()));
    return keys;
  }

  static long reports() {
    return QuarkusTransaction.requiringNew().call(() -> Report.count());
  }

  @Test
  void heldFiguresGoAsACardAndAClickConfirmsThemAsTheClicker() throws Exception {
    say("req-held-1", "aibot-held-1", RSJ, "上报 新增就业岗位 20万");
    await("the reply queued", () -> Outboxes.of(MessageKind.REPLY).size() == 1);
    JsonNode reply = drain(1).get(0);
    assertThat(reply.path("cmd").asText()).isEqualTo("aibot_respond_msg");
    assertThat(reply.path("headers").path("req_id").asText()).isEqualTo("req-held-1");
    JsonNode card = card(reply);
    // the hold's text is longer than a card's: it goes as the stream, the buttons beside it
    assertThat(reply.path("body").path("msgtype").asText()).isEqualTo("stream_with_template_card");
    assertThat(reply.path("body").path("stream").path("content").asText()).contains("回复“确认”");
    assertThat(card.path("main_title").path("title").asText()).isEqualTo(WeComCards.PICK_TITLE);
    assertThat(card.path("card_type").asText()).isEqualTo("button_interaction");
    assertThat(keys(card)).containsExactly("确认");
    assertThat(card.path("button_list").get(0).path("text").asText()).isEqualTo("确认");
    String task = card.path("task_id").asText();
    assertThat(WeComCards.validTaskId(task)).isTrue();
    // the text says how to answer by typing, in the card or in the stream beside it
    String text =
        card.path("main_title").path("title").asText()
            + card.path("sub_title_text").asText()
            + reply.path("body").path("stream").path("content").asText();
    assertThat(text).contains("确认");
    assertThat(reports()).isZero();

    wecom.push(click("req-click-1", "evt-0001", RSJ, "确认", task));
    JsonNode update = wecom.nextSent();
    assertThat(update.path("cmd").asText()).isEqualTo("aibot_respond_update_msg");
    assertThat(update.path("headers").path("req_id").asText()).isEqualTo("req-click-1");
    JsonNode body = update.path("body");
    assertThat(body.path("response_type").asText()).isEqualTo("update_template_card");
    assertThat(body.path("userids").get(0).asText()).isEqualTo(RSJ);
    JsonNode replaced = body.path("template_card");
    assertThat(replaced.path("task_id").asText()).isEqualTo(task);
    assertThat(replaced.path("main_title").path("title").asText()).isEqualTo("已选：确认");
    assertThat(replaced.path("sub_title_text").asText()).contains("已记录");
    assertThat(replaced.has("button_list")).isFalse();
    assertThat(reports()).isEqualTo(1);
    String who =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Report r = Report.<Report>findAll().firstResult();
                  return r.contact.code + " " + r.reporterName + " " + r.platform + " " + r.figure;
                });
    assertThat(who).startsWith("rsj-01 赵示一 wecom 200000");

    // the reply also goes to the group through the outbox, as a push (the event has no reply)
    await("the click's reply queued", () -> Outboxes.of(MessageKind.REPLY).size() == 2);
    OutboxMessage clicked = Outboxes.of(MessageKind.REPLY).get(1);
    assertThat(clicked.chatId).isEqualTo(GROUP);
    JsonNode push = drain(1).get(0);
    assertThat(push.path("cmd").asText()).isEqualTo("aibot_send_msg");
    assertThat(push.path("body").path("chatid").asText()).isEqualTo(GROUP);
    assertThat(push.path("body").path("markdown").path("content").asText()).contains("已记录");

    // the same event again (WeCom delivers events at least once): recorded once
    wecom.push(click("req-click-2", "evt-0001", RSJ, "确认", task));
    JsonNode again = wecom.nextSent();
    assertThat(again.path("cmd").asText()).isEqualTo("aibot_respond_update_msg");
    assertThat(again.path("headers").path("req_id").asText()).isEqualTo("req-click-2");
    assertThat(again.path("body").path("template_card").path("sub_title_text").asText())
        .contains("已处理过");
    assertThat(reports()).isEqualTo(1);
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(2);
  }

  @Test
  void aQuestionsOptionsAreButtonsAndAnotherUnitsClickIsRefused() throws Exception {
    say("req-q-1", "aibot-q-1", RSJ, "新增就业岗位报1.3万");
    await("the reply queued", () -> Outboxes.of(MessageKind.REPLY).size() == 1);
    JsonNode reply = drain(1).get(0);
    assertThat(reply.path("headers").path("req_id").asText()).isEqualTo("req-q-1");
    JsonNode card = card(reply);
    // the question fits the card: its first line the title, the options and how to type below
    assertThat(reply.path("body").path("msgtype").asText()).isEqualTo("template_card");
    assertThat(card.path("main_title").path("title").asText()).isEqualTo("要上报吗？");
    assertThat(card.path("sub_title_text").asText()).contains("请回复 1");
    List<String> keys = keys(card);
    assertThat(keys).isNotEmpty();
    assertThat(card.path("button_list").get(0).path("text").asText()).startsWith("1. ");
    String task = card.path("task_id").asText();

    // 总工会's reporter taps 人社局's option: refused in the card, nothing recorded
    wecom.push(click("req-click-z", "evt-z-1", ZGH, keys.get(0), task));
    JsonNode update = wecom.nextSent();
    assertThat(update.path("headers").path("req_id").asText()).isEqualTo("req-click-z");
    assertThat(update.path("body").path("userids").get(0).asText()).isEqualTo(ZGH);
    String refused = update.path("body").path("template_card").path("sub_title_text").asText();
    assertThat(refused).contains("总工会 不负责这个目标").doesNotContain("已记录");
    assertThat(reports()).isZero();

    // the asker's own tap records it
    wecom.push(click("req-click-r", "evt-r-1", RSJ, keys.get(0), task));
    JsonNode mine = wecom.nextSent();
    assertThat(mine.path("headers").path("req_id").asText()).isEqualTo("req-click-r");
    assertThat(mine.path("body").path("template_card").path("sub_title_text").asText())
        .startsWith("已记录");
    assertThat(reports()).isEqualTo(1);
  }

  @Test
  void typedTextInACardIsInertAndALongTextGoesBesideTheCard() throws Exception {
    io.duban.chat.OutgoingMessage m =
        new io.duban.chat.OutgoingMessage(
            GROUP,
            "请选择 <@wx-leader-01> \"}],\n**粗体** [链接](http://x) `代码`",
            List.of(),
            null,
            "ws:req-x",
            wall.instant().plusSeconds(60),
            io.duban.chat.Offer.choices(
                List.of(
                    new io.duban.chat.Offer.Choice("<@wx-leader-01>", "上报 \"}] <@all>"),
                    new io.duban.chat.Offer.Choice("确认", "确认"),
                    new io.duban.chat.Offer.Choice("再来一次", "确认"))));
    JsonNode body = json.valueToTree(WeComStreamSender.replyBody(m));
    JsonNode card = body.path("template_card");
    assertThat(body.path("msgtype").asText()).isEqualTo("template_card");
    String shown = card.toString();
    assertThat(card.path("main_title").path("title").asText()).doesNotContain("<@");
    assertThat(card.path("sub_title_text").asText()).doesNotContain("**").doesNotContain("[链接]");
    assertThat(card.path("button_list").get(0).path("text").asText()).doesNotContain("<@");
    assertThat(shown).doesNotContain("<@wx-leader-01>\"");
    // keys are the texts, exactly (they come back as the message), duplicates dropped
    assertThat(keys(card)).containsExactly("上报 \"}] <@all>", "确认");
    assertThat(json.readTree(json.writeValueAsString(body))).isEqualTo(body);

    String longText = "第一行说明\n" + "很长的说明文字。".repeat(20) + "\n请回复 1 或“确认”";
    io.duban.chat.OutgoingMessage big =
        new io.duban.chat.OutgoingMessage(
            GROUP,
            longText,
            List.of(),
            null,
            "ws:req-y",
            wall.instant().plusSeconds(60),
            m.offer());
    JsonNode both = json.valueToTree(WeComStreamSender.replyBody(big));
    assertThat(both.path("msgtype").asText()).isEqualTo("stream_with_template_card");
    assertThat(both.path("stream").path("content").asText()).contains("请回复 1 或“确认”");
    assertThat(both.path("stream").path("finish").asBoolean()).isTrue();
    assertThat(keys(both.path("template_card"))).containsExactly("上报 \"}] <@all>", "确认");
    List<Map<String, Object>> pushes = WeComStreamSender.pushBodies(big);
    assertThat(pushes).hasSize(2);
    assertThat(pushes.get(0).get("msgtype")).isEqualTo("markdown");
    assertThat(pushes.get(1).get("msgtype")).isEqualTo("template_card");
    assertThat(pushes.get(1).get("chatid")).isEqualTo(GROUP);
  }
}
