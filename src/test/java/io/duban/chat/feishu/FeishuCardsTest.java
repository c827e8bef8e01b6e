package io.duban.chat.feishu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.Offer;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.SendResult;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.support.MutableClock;
import io.duban.support.Payloads;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Feishu receives for a reply that offers taps: an interactive card JSON 2.0 through the app
 * API (buttons whose callback values carry the choices' texts, a report form with the unit's
 * targets, the text inert), text when the card would be too big, text for a custom bot webhook.
 */
@QuarkusTest
class FeishuCardsTest {
  static final String NASTY = "请选择：**粗体** <at id=all></at> [x](y)\n1. 新增就业岗位";

  @Inject TestBots bots;
  @Inject BotRegistry registry;
  @Inject FeishuAdapter adapter;
  @Inject MutableClock wall;
  @Inject ObjectMapper json;
  @Inject TestData data;
  @Inject OutboxDispatcher dispatcher;

  MockWebServer server;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    server = new MockWebServer();
    server.start();
    String base = server.url("/").toString().replaceAll("/$", "");
    bots.install(
        """
        bots:
          feishu-cards:
            platform: feishu
            app-key: cli_cards
            app-secret: cards-secret
            token: t
            api-base-url: ${BASE}
          feishu-app:
            platform: feishu
            app-key: cli_wujin
            app-secret: app-secret-value
            token: t
            api-base-url: ${BASE}
          feishu-hook:
            platform: feishu
            webhook-url: ${BASE}/open-apis/bot/v2/hook/hook-token
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("BASE", base));
  }

  @AfterEach
  void tearDown() throws Exception {
    data.resetOutbox();
    data.resetReports();
    bots.restore();
    server.close();
  }

  void ok() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"t-cards\",\"expire\":7200}")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":0,\"msg\":\"success\",\"data\":{}}")
            .build());
  }

  /** Sends through the app bot; the message request's body. */
  JsonNode sent(String bot, OutgoingMessage m) throws Exception {
    BotSpec spec = registry.bot(bot).orElseThrow();
    assertThat(adapter.send(spec, m).outcome()).isEqualTo(SendResult.Outcome.SENT);
    RecordedRequest r = server.takeRequest();
    if (r.getTarget().contains("tenant_access_token")) {
      r = server.takeRequest();
    }
    return json.readTree(r.getBody().utf8());
  }

  static OutgoingMessage message(String text, Offer offer) {
    return new OutgoingMessage("oc_wujin_rsj", text, List.of(), "key-1", null, null, offer);
  }

  static void collect(JsonNode node, String tag, List<JsonNode> into) {
    if (node.isObject() && tag.equals(node.path("tag").asText())) {
      into.add(node);
    }
    node.elements().forEachRemaining(child -> collect(child, tag, into));
  }

  static List<JsonNode> all(JsonNode card, String tag) {
    List<JsonNode> found = new ArrayList<>();
    collect(card, tag, found);
    return found;
  }

  @Test
  void choicesBecomeCallbackButtonsCarryingTheirTextsAndTheTextStaysInert() throws Exception {
    ok();
    Offer offer =
        Offer.choices(
            List.of(
                new Offer.Choice("1. 新增就业岗位", "1"),
                new Offer.Choice("确认", "确认"),
                new Offer.Choice("更多", "更多")));
    JsonNode body = sent("feishu-cards", message(NASTY, offer));
    assertThat(body.path("msg_type").asText()).isEqualTo("interactive");
    assertThat(body.path("receive_id").asText()).isEqualTo("oc_wujin_rsj");
    assertThat(body.path("uuid").asText()).isEqualTo("key-1");
    JsonNode card = json.readTree(body.path("content").asText());
    assertThat(card.path("schema").asText()).isEqualTo("2.0");
    JsonNode first = card.path("body").path("elements").get(0);
    assertThat(first.path("tag").asText()).isEqualTo("div");
    assertThat(first.path("text").path("tag").asText()).isEqualTo("plain_text");
    String shown = first.path("text").path("content").asText();
    assertThat(shown).contains("粗体", "新增就业岗位").doesNotContain("**", "<at", "](", "[x]");
    assertThat(card.toString()).doesNotContain("<at id=all>", "**粗体**", "[x](y)");

    List<JsonNode> buttons = all(card, "button");
    assertThat(buttons).hasSize(3);
    List<String> labels = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (JsonNode b : buttons) {
      labels.add(b.path("text").path("content").asText());
      JsonNode behavior = b.path("behaviors").get(0);
      assertThat(behavior.path("type").asText()).isEqualTo("callback");
      JsonNode value = behavior.path("value");
      assertThat(value.path("duban").asText()).isEqualTo("tap");
      assertThat(value.path("chat").asText()).isEqualTo("oc_wujin_rsj");
      texts.add(value.path("text").asText());
    }
    assertThat(labels).containsExactly("1. 新增就业岗位", "确认", "更多");
    assertThat(texts).containsExactly("1", "确认", "更多");
    assertThat(all(card, "form")).isEmpty();
  }

  @Test
  void aBareReportOffersAFormOfTheUnitsTargets() throws Exception {
    ok();
    Offer offer = Offer.form(List.of("新增就业岗位", "城镇登记失业人员再就业"));
    JsonNode card =
        json.readTree(
            sent("feishu-cards", message("用法：上报 <目标> <累计数>", offer)).path("content").asText());
    List<JsonNode> forms = all(card, "form");
    assertThat(forms).hasSize(1);
    JsonNode form = forms.get(0);
    assertThat(form.path("name").asText()).isNotBlank();
    List<JsonNode> selects = all(form, "select_static");
    assertThat(selects).hasSize(1);
    assertThat(selects.get(0).path("name").asText()).isEqualTo("target");
    List<String> values = new ArrayList<>();
    selects.get(0).path("options").forEach(o -> values.add(o.path("value").asText()));
    assertThat(values).containsExactly("新增就业岗位", "城镇登记失业人员再就业");
    List<JsonNode> inputs = all(form, "input");
    assertThat(inputs).hasSize(1);
    assertThat(inputs.get(0).path("name").asText()).isEqualTo("figure");
    assertThat(inputs.get(0).path("placeholder").path("content").asText()).contains("1.2万");
    List<JsonNode> submit = all(form, "button");
    assertThat(submit).hasSize(1);
    assertThat(submit.get(0).path("form_action_type").asText()).isEqualTo("submit");
    assertThat(submit.get(0).path("name").asText()).isNotBlank();
    assertThat(card.path("body").path("elements").get(0).path("text").path("content").asText())
        .doesNotContain("<", ">");
  }

  @Test
  void tooBigACardAndAWebhookBotSendText() throws Exception {
    ok();
    List<Offer.Choice> choices = new ArrayList<>();
    for (int i = 0; i < Offer.MAX_CHOICES; i++) {
      choices.add(new Offer.Choice("选项" + i, String.join("", Collections.nCopies(499, "长"))));
    }
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < Offer.MAX_FORM_TARGETS; i++) {
      targets.add(i + String.join("", Collections.nCopies(97, "目")));
    }
    JsonNode big = sent("feishu-cards", message("太长了", new Offer(choices, targets)));
    assertThat(big.path("msg_type").asText()).isEqualTo("text");
    assertThat(json.readTree(big.path("content").asText()).path("text").asText()).isEqualTo("太长了");

    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"code\":0,\"msg\":\"success\",\"data\":{}}")
            .build());
    JsonNode hook =
        sent(
            "feishu-hook",
            new OutgoingMessage(
                null,
                "要上报吗？",
                List.of(),
                "key-2",
                null,
                null,
                Offer.choices(List.of(new Offer.Choice("确认", "确认")))));
    assertThat(hook.path("msg_type").asText()).isEqualTo("text");
    assertThat(hook.path("content").path("text").asText()).isEqualTo("要上报吗？");
  }

  @Test
  void theRepliedCardKeepsTheTextAndHasNoButtons() {
    JsonNode card = FeishuCards.answered(json, "要上报吗？**x**", "确认");
    assertThat(card.path("schema").asText()).isEqualTo("2.0");
    assertThat(all(card, "button")).isEmpty();
    assertThat(card.toString()).contains("要上报吗？", "已选：确认").doesNotContain("**");
  }

  @Test
  void aBareReportTypedInTheGroupIsAnsweredWithTheFormCard() throws Exception {
    ok();
    String event =
        Payloads.read("feishu", "message-text.json")
            .replace("\"TOKEN\"", "\"t\"")
            .replace("上报 新增就业岗位 1.2万", "上报");
    given()
        .contentType("application/json")
        .body(event.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .post("/webhooks/feishu/feishu-app")
        .then()
        .statusCode(200);
    dispatcher.drain();
    RecordedRequest r = server.takeRequest();
    if (r.getTarget().contains("tenant_access_token")) {
      r = server.takeRequest();
    }
    assertThat(r.getTarget()).isEqualTo("/open-apis/im/v1/messages/om_wujin_0001/reply");
    JsonNode body = json.readTree(r.getBody().utf8());
    assertThat(body.path("msg_type").asText()).isEqualTo("interactive");
    JsonNode card = json.readTree(body.path("content").asText());
    assertThat(card.path("body").path("elements").get(0).path("text").path("content").asText())
        .contains("用法");
    List<JsonNode> selects = all(card, "select_static");
    assertThat(selects).hasSize(1);
    List<String> values = new ArrayList<>();
    selects.get(0).path("options").forEach(o -> values.add(o.path("value").asText()));
    assertThat(values).contains("新增就业岗位").doesNotContain("职工技能培训");
  }
}
