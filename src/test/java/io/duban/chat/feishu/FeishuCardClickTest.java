package io.duban.chat.feishu;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.report.Report;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.SignedCallbacks;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A card click ({@code card.action.trigger}, schema 2.0, shaped after the example of open.feishu.cn
 * feishu-cards/card-callback-communication) on the encrypted, signed HTTP callback: recorded as the
 * clicking user's report through the same pipeline, answered with a toast and the card without
 * buttons; a redelivered event acts once; another unit's reporter gets the refusal in an error
 * toast and nothing is recorded; an unsigned click is refused.
 */
@QuarkusTest
class FeishuCardClickTest {
  static final String TOKEN = "feishu-verification-token";
  static final String KEY = "督办加密密钥 Encrypt Key";
  static final byte[] IV = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  static final String RSJ = "ou_rsj01"; // 赵示一, 人社局 (bot-config/contacts.yaml)
  static final String ZGH = "ou_zgh01"; // 钱示二, 总工会
  static final String TAP =
      "{\"duban\":\"tap\",\"text\":\"上报 新增就业岗位 1.2万\",\"label\":\"上报 1.2万\","
          + "\"chat\":\"oc_wujin_rsj\",\"shown\":\"要上报吗？\"}";

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject ObjectMapper json;

  @BeforeEach
  void setUp() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    bots.install(
        """
        bots:
          feishu-app:
            platform: feishu
            app-key: cli_wujin
            app-secret: app-secret-value
            token: ${TOKEN}
            encrypt-key: ${KEY}
            api-base-url: http://127.0.0.1:9
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("TOKEN", TOKEN, "KEY", KEY));
  }

  @AfterEach
  void tearDown() {
    bots.restore();
    wall.set(MutableClock.START);
    data.resetOutbox();
    data.resetReports();
  }

  /** A card.action.trigger event as Feishu sends it (the documented example, our values). */
  static String click(String eventId, String openId, String value, String formValue) {
    return """
        {"schema": "2.0",
         "header": {"event_id": "%s", "token": "%s", "create_time": "1529485200000000",
                    "event_type": "card.action.trigger", "tenant_key": "2ca1d211f64f6438",
                    "app_id": "cli_wujin"},
         "event": {
           "operator": {"tenant_key": "2ca1d211f64f6438", "open_id": "%s", "union_id": "on_x"},
           "token": "c-295ee57216a5dc9de90fefd0aadb4b1d7d",
           "action": {"value": %s, "tag": "button", "timezone": "Asia/Shanghai"%s,
                      "name": "submit"},
           "host": "im_message",
           "context": {"open_message_id": "om_card_0001", "open_chat_id": "oc_wujin_rsj"}}}
        """
        .formatted(
            eventId,
            TOKEN,
            openId,
            value,
            formValue == null ? "" : ", \"form_value\": " + formValue);
  }

  /** Posts the event encrypted and signed; the HTTP status and the answer. */
  record Posted(int status, JsonNode answer) {}

  Posted post(String plain, boolean signed) throws Exception {
    String body = SignedCallbacks.feishuEncrypted(KEY, plain, IV);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var req = given().contentType("application/json").body(bytes);
    if (signed) {
      String ts = Long.toString(wall.instant().getEpochSecond());
      SignedCallbacks.feishuHeaders(ts, "nonce-7", KEY, bytes).forEach(req::header);
    }
    var r = req.post("/webhooks/feishu/feishu-app").then().extract();
    String text = r.asString();
    return new Posted(r.statusCode(), text.isBlank() ? null : json.readTree(text));
  }

  static List<Object[]> reports() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Report.getEntityManager()
                    .createQuery(
                        "select r.contact.name, r.messageId, r.figure, r.platform, r.botId,"
                            + " r.originalText from Report r",
                        Object[].class)
                    .getResultList());
  }

  static List<JsonNode> buttons(JsonNode node) {
    List<JsonNode> found = new ArrayList<>();
    FeishuCardsTest.collect(node, "button", found);
    return found;
  }

  @Test
  void aTapRecordsForTheClickerOnceAndAnswersWithAToastAndTheUsedCard() throws Exception {
    String event = click("ev-tap-1", RSJ, TAP, null);
    Posted p = post(event, true);
    assertThat(p.status()).isEqualTo(200);
    JsonNode toast = p.answer().path("toast");
    assertThat(toast.path("type").asText()).isEqualTo("success");
    assertThat(toast.path("content").asText()).startsWith("已记录");
    assertThat(toast.path("content").asText()).doesNotContain("\n");
    JsonNode card = p.answer().path("card");
    assertThat(card.path("type").asText()).isEqualTo("raw");
    assertThat(card.path("data").path("schema").asText()).isEqualTo("2.0");
    assertThat(card.path("data").toString()).contains("要上报吗？", "已选：上报 1.2万");
    assertThat(buttons(card.path("data"))).as("a used card has no buttons").isEmpty();

    List<Object[]> rows = reports();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)[0]).as("the clicking user").isEqualTo("赵示一");
    assertThat(rows.get(0)[1]).isEqualTo("card:ev-tap-1");
    assertThat(((java.math.BigDecimal) rows.get(0)[2]).intValue()).isEqualTo(12_000);
    assertThat(rows.get(0)[3]).isEqualTo("feishu");
    assertThat(rows.get(0)[4]).isEqualTo("feishu-app");

    List<OutboxMessage> replies = Outboxes.of(MessageKind.REPLY);
    assertThat(replies).as("the reply also goes to the chat, durably").hasSize(1);
    assertThat(replies.get(0).chatId).isEqualTo("oc_wujin_rsj");
    assertThat(replies.get(0).replyWebhook).isEqualTo("om_card_0001");
    assertThat(replies.get(0).text).startsWith("已记录");

    Posted again = post(event, true);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.answer().path("toast").path("content").asText()).isEqualTo("已处理");
    assertThat(again.answer().has("card")).as("a duplicate leaves the card").isFalse();
    assertThat(reports()).as("a redelivered event acts once").hasSize(1);
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(1);
  }

  @Test
  void theFormIsReadAsTypedReportText() throws Exception {
    String value = "{\"duban\":\"form\",\"chat\":\"oc_wujin_rsj\"}";
    Posted empty =
        post(click("ev-form-0", RSJ, value, "{\"target\":\"新增就业岗位\",\"figure\":\" \"}"), true);
    assertThat(empty.answer().path("toast").path("type").asText()).isEqualTo("error");
    assertThat(reports()).isEmpty();

    Posted p =
        post(click("ev-form-1", RSJ, value, "{\"target\":\"新增就业岗位\",\"figure\":\"1.3万\"}"), true);
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.answer().path("toast").path("type").asText()).isEqualTo("success");
    assertThat(p.answer().path("card").path("data").toString()).contains("已选：上报 新增就业岗位 1.3万");
    List<Object[]> rows = reports();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)[0]).isEqualTo("赵示一");
    assertThat(((java.math.BigDecimal) rows.get(0)[2]).intValue()).isEqualTo(13_000);
    assertThat((String) rows.get(0)[5]).contains("上报 新增就业岗位 1.3万");
  }

  @Test
  void aClickByAnotherUnitsReporterIsRefusedInAnErrorToast() throws Exception {
    Posted p = post(click("ev-zgh-1", ZGH, TAP, null), true);
    assertThat(p.status()).isEqualTo(200);
    JsonNode toast = p.answer().path("toast");
    assertThat(toast.path("type").asText()).isEqualTo("error");
    assertThat(toast.path("content").asText()).contains("不负责");
    assertThat(p.answer().has("card")).as("the card stays for its own unit").isFalse();
    assertThat(reports()).isEmpty();
  }

  @Test
  void anUnsignedClickIsRefused() throws Exception {
    Posted p = post(click("ev-unsigned", RSJ, TAP, null), false);
    assertThat(p.status()).isEqualTo(401);
    assertThat(reports()).isEmpty();
    assertThat(Outboxes.inbox()).isZero();
  }
}
