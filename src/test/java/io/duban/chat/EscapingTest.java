package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.outbox.Adapters;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.Outbox;
import io.duban.chat.outbox.OutboxDispatcher;
import io.duban.support.MutableClock;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What people type is never markup Duban sends: a text full of each platform's markup (WeCom {@code
 * <@…>}, {@code <font>}, links, headings, {@code $…$}; Feishu {@code <at>}, bold, links; DingTalk
 * "@mobile") goes out inert, while the service's own mention still works. Asserted on the exact
 * bodies each platform receives.
 */
@QuarkusTest
class EscapingTest {
  static final String TYPED =
      "备注：<@all> <font color=\"warning\">[点我](http://x.example)</font> @13800000002 **紧急**"
          + " <at user_id=\"all\"></at>\n# 标题\n> 引用 $userName=zhangsan$ 12*3";

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject Outbox outbox;
  @Inject OutboxDispatcher dispatcher;
  @Inject ObjectMapper json;
  @Inject Adapters adapters;

  MockWebServer server;

  @BeforeEach
  void setUp() throws Exception {
    data.resetOutbox();
    wall.set(MutableClock.START);
    server = new MockWebServer();
    server.start();
    String base = server.url("/").toString().replaceAll("/$", "");
    bots.install(
        """
        bots:
          dt:
            platform: dingtalk
            webhook-url: ${BASE}/robot/send?access_token=dt
            rate-limit: 0
          wx:
            platform: wecom
            webhook-url: ${BASE}/cgi-bin/webhook/send?key=wx
            rate-limit: 0
          fs:
            platform: feishu
            webhook-url: ${BASE}/open-apis/bot/v2/hook/fs
            rate-limit: 0
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("BASE", base));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    server.close();
    data.resetOutbox();
  }

  JsonNode send(String bot, Mention who, String okBody) throws Exception {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.enqueue(
                    Outbox.Draft.of(new Route(bot, null), MessageKind.NOTICE, TYPED)
                        .mention(List.of(who))));
    server.enqueue(new MockResponse.Builder().code(200).body(okBody).build());
    dispatcher.drain();
    RecordedRequest r = server.takeRequest();
    return json.readTree(r.getBody().utf8());
  }

  @Test
  void dingTalkKeepsOnlyTheServicesOwnAt() throws Exception {
    JsonNode body =
        send("dt", new Mention("赵示一", "13800000001", null), "{\"errcode\":0,\"errmsg\":\"ok\"}");
    assertThat(body.path("text").path("content").asText())
        .isEqualTo(
            "备注：<＠all> <font color=\"warning\">[点我](http://x.example)</font> ＠13800000002 **紧急**"
                + " <at user_id=\"all\"></at>\n# 标题\n> 引用 $userName=zhangsan$ 12*3 @13800000001");
    assertThat(body.path("at").toString())
        .isEqualTo("{\"atMobiles\":[\"13800000001\"],\"atUserIds\":[],\"isAtAll\":false}");
  }

  @Test
  void weComMarkdownIsInertExceptTheServicesMention() throws Exception {
    JsonNode body =
        send("wx", new Mention("赵示一", null, "wx-rsj-01"), "{\"errcode\":0,\"errmsg\":\"ok\"}");
    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.path("markdown").path("content").asText())
        .isEqualTo(
            "备注：＜@all＞ ＜font color=\"warning\"＞［点我］(http://x.example)＜/font＞ @13800000002 ＊＊紧急＊＊"
                + " ＜at user_id=\"all\"＞＜/at＞\n＃ 标题\n＞ 引用 ＄userName=zhangsan＄ 12＊3 <@wx-rsj-01>");
  }

  @Test
  void feishuTextIsInertExceptTheServicesAt() throws Exception {
    JsonNode body =
        send("fs", new Mention("赵<b>示一</b>", null, "ou_rsj01"), "{\"code\":0,\"msg\":\"success\"}");
    assertThat(body.path("content").path("text").asText())
        .isEqualTo(
            "备注：＜@all＞ ＜font color=\"warning\"＞［点我］(http://x.example)＜/font＞ @13800000002 ＊＊紧急＊＊"
                + " ＜at user_id=\"all\"＞＜/at＞\n# 标题\n＞ 引用 $userName=zhangsan$ 12＊3"
                + " <at user_id=\"ou_rsj01\">赵＜b＞示一＜/b＞</at>");
  }

  @Test
  void aMentionIdThatIsNotPlainIsNotPutIntoMarkup() throws Exception {
    JsonNode body =
        send("wx", new Mention("赵示一", null, "x><@all"), "{\"errcode\":0,\"errmsg\":\"ok\"}");
    assertThat(body.path("markdown").path("content").asText()).endsWith(" @赵示一");
  }

  @Test
  void escapingIsIdempotentAndPlainChineseTextIsUntouched() {
    for (Platform p : Platform.values()) {
      ChatAdapter a = adapters.of(p);
      for (String s : List.of(TYPED, "", "<<<>>>***@1", "@督办助手 上报 新增就业岗位 1.2万")) {
        String once = a.escape(s);
        assertThat(a.escape(once)).as(p + ": " + s).isEqualTo(once);
      }
      String plain = "新增就业岗位 累计 12,000 / 48,000 个（25.0%），序时进度 46.8%，慢序时";
      assertThat(a.escape(plain)).isEqualTo(plain);
    }
  }
}
