package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.report.Report;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.SignedCallbacks;
import io.duban.support.SignedCallbacks.Signed;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-tap answers for a WeCom 自建应用: a reply with choices goes through /cgi-bin/message/send as a
 * template_card (button_interaction, keys = the choices' texts); the encrypted XML
 * template_card_event of a click is recorded as the clicking user's own message (once, however
 * often it is delivered), answered with an empty body, and its button replaced with
 * /cgi-bin/message/update_template_card.
 */
@QuarkusTest
class WeComAppCardsTest {
  static final String TOKEN = WeComPlatformTest.TOKEN;
  static final String AES = WeComPlatformTest.AES;
  static final String CORP = WeComPlatformTest.CORP;
  static final String RSJ = "wx-rsj-01"; // 人社局's reporter (bot-config/contacts.yaml)

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject OutboxDispatcher dispatcher;

  final ObjectMapper json = new ObjectMapper();
  MockWebServer server;
  final WeComCrypto crypto = new WeComCrypto(TOKEN, AES, CORP);

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    server = new MockWebServer();
    server.start();
    bots.install(
        """
        bots:
          wecom-app:
            platform: wecom
            token: ${TOKEN}
            encoding-aes-key: ${AES}
            receive-id: ww-wujin-corp
            corp-id: ww-wujin-corp
            corp-secret: ${CORP_SECRET}
            agent-id: "1000002"
            api-base-url: ${BASE}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of(
            "TOKEN",
            TOKEN,
            "AES",
            AES,
            "CORP_SECRET",
            "corp-secret-value",
            "BASE",
            server.url("/").toString().replaceAll("/$", "")));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    data.resetOutbox();
    data.resetReports();
  }

  ExtractableResponse<Response> post(String plainXml) {
    Signed s =
        SignedCallbacks.weComApp(
            crypto, Long.toString(wall.instant().getEpochSecond()), "4242", plainXml);
    return s.given().contentType("text/xml").post("/webhooks/wecom/wecom-app").then().extract();
  }

  static String click(String user, String key, String task, String responseCode) {
    return "<xml><ToUserName><![CDATA[ww-wujin-corp]]></ToUserName>"
        + "<FromUserName><![CDATA["
        + user
        + "]]></FromUserName><CreateTime>1529456460</CreateTime>"
        + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>"
        + "<EventKey><![CDATA["
        + key
        + "]]></EventKey><TaskId><![CDATA["
        + task
        + "]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>"
        + "<ResponseCode><![CDATA["
        + responseCode
        + "]]></ResponseCode><AgentID>1000002</AgentID></xml>";
  }

  void ok(String body) {
    server.enqueue(new MockResponse.Builder().code(200).body(body).build());
  }

  static long reports() {
    return QuarkusTransaction.requiringNew().call(() -> Report.count());
  }

  @Test
  void aReplyWithChoicesIsATemplateCardAndAClickIsRecordedAndUpdated() throws Exception {
    String held = Payloads.read("wecom", "app-text.xml").replace("上报 新增就业岗位 1.2万", "上报 新增就业岗位 20万");
    assertThat(post(held).statusCode()).isEqualTo(200);
    assertThat(reports()).isZero();
    ok("{\"errcode\":0,\"access_token\":\"wc-token\",\"expires_in\":7200}");
    ok("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m1\",\"response_code\":\"rc-send\"}");
    ok("{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"m2\",\"response_code\":\"rc-send2\"}");
    dispatcher.drain();
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/cgi-bin/gettoken");
    List<JsonNode> sends = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(1, TimeUnit.SECONDS)) != null) {
      assertThat(r.getTarget()).isEqualTo("/cgi-bin/message/send?access_token=wc-token");
      sends.add(json.readTree(r.getBody().utf8()));
    }
    JsonNode cardMessage = sends.get(sends.size() - 1);
    assertThat(cardMessage.path("msgtype").asText()).isEqualTo("template_card");
    assertThat(cardMessage.path("touser").asText()).isEqualTo(RSJ);
    assertThat(cardMessage.path("agentid").asLong()).isEqualTo(1000002);
    JsonNode card = cardMessage.path("template_card");
    assertThat(card.path("card_type").asText()).isEqualTo("button_interaction");
    assertThat(card.path("main_title").path("title").asText()).isNotBlank();
    assertThat(card.path("button_list")).hasSize(1);
    assertThat(card.path("button_list").get(0).path("key").asText()).isEqualTo("确认");
    String task = card.path("task_id").asText();
    assertThat(WeComCards.validTaskId(task)).isTrue();
    if (sends.size() == 2) {
      // the text did not fit the card: it went first, as today
      assertThat(sends.get(0).path("msgtype").asText()).isEqualTo("text");
      assertThat(sends.get(0).path("text").path("content").asText()).contains("确认");
    } else {
      assertThat(card.toString()).contains("确认");
    }

    ok("{\"errcode\":0,\"errmsg\":\"ok\"}");
    ExtractableResponse<Response> answer = post(click(RSJ, "确认", task, "rc-click-1"));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.asString()).isEmpty();
    assertThat(reports()).isEqualTo(1);
    String who =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Report rep = Report.<Report>findAll().firstResult();
                  return rep.contact.code + " " + rep.platform + " " + rep.botId;
                });
    assertThat(who).isEqualTo("rsj-01 wecom wecom-app");
    RecordedRequest update = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(update).isNotNull();
    assertThat(update.getTarget())
        .isEqualTo("/cgi-bin/message/update_template_card?access_token=wc-token");
    JsonNode body = json.readTree(update.getBody().utf8());
    assertThat(body.path("userids").get(0).asText()).isEqualTo(RSJ);
    assertThat(body.path("agentid").asLong()).isEqualTo(1000002);
    assertThat(body.path("response_code").asText()).isEqualTo("rc-click-1");
    assertThat(body.path("button").path("replace_name").asText()).isEqualTo("已选：确认");
    // the reply goes to the clicker through the outbox
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(2);
    assertThat(Outboxes.of(MessageKind.REPLY).get(1).chatId).isEqualTo("u:" + RSJ);

    // WeCom retries a callback it thinks unanswered: the same event acts once
    ok("{\"errcode\":0,\"errmsg\":\"ok\"}");
    assertThat(post(click(RSJ, "确认", task, "rc-click-1")).statusCode()).isEqualTo(200);
    assertThat(reports()).isEqualTo(1);
    assertThat(Outboxes.of(MessageKind.REPLY)).hasSize(2);
  }

  @Test
  void aClickWithoutAKeyIsAcknowledgedAndIgnored() {
    var r = post(click(RSJ, "", "duban-x", "rc"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Outboxes.inbox()).isZero();
  }
}
