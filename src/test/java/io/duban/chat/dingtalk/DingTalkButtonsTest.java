package io.duban.chat.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotSpec;
import io.duban.chat.Mention;
import io.duban.chat.Offer;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.Platform;
import io.duban.chat.RateLimit;
import io.duban.chat.SendResult;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-tap links on DingTalk, checked on the exact JSON the adapter sends to a MockWebServer: a 1:1
 * reply with choices goes as markdown whose dtmd links decode to the choices' texts; text from
 * users stays inert; no offer, a group, the custom robot's webhook and an over-long message get the
 * same text body as before.
 */
class DingTalkButtonsTest {
  static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");

  /** A dtmd link as we write it: nothing but A-Za-z0-9 . _ - % in its content. */
  static final Pattern LINK =
      Pattern.compile(
          "\\[([^\\[\\]()\\n]*)\\]\\(dtmd://dingtalkclient/sendMessage\\?content=([A-Za-z0-9._%-]*)\\)");

  /** A label and a text trying every way out of a link and into markup. */
  static final String HOSTILE =
      "1](http://evil.example) *粗* #标题 <a href=\"x\">点</a> `c` _i_ ~s~ |t| \\";

  MockWebServer server;
  DingTalkAdapter adapter;
  ObjectMapper json = new ObjectMapper();
  String base;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    base = server.url("/").toString().replaceAll("/$", "");
    adapter = new DingTalkAdapter();
    adapter.http = new OkHttpClient();
    adapter.json = json;
    adapter.wall = Clock.fixed(NOW, ZoneOffset.UTC);
    adapter.init();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  BotSpec bot(String... keyValues) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("oapi-base-url", base);
    values.put("api-base-url", base);
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return new BotSpec(
        "dt", Platform.DINGTALK, values, Duration.ofHours(1), RateLimit.UNPACED, true, null);
  }

  BotSpec appBot() {
    return bot("app-key", "k", "app-secret", "s", "robot-code", "dingrobot");
  }

  OutgoingMessage reply(String chat, String text, Offer offer, Mention... mentions) {
    return new OutgoingMessage(
        chat,
        text,
        List.of(mentions),
        "key-1",
        base + "/robot/sendBySession?session=s1",
        NOW.plus(Duration.ofMinutes(60)),
        offer);
  }

  static Offer offer(String... labelText) {
    List<Offer.Choice> choices = new ArrayList<>();
    for (int i = 0; i < labelText.length; i += 2) {
      choices.add(new Offer.Choice(labelText[i], labelText[i + 1]));
    }
    return Offer.choices(choices);
  }

  JsonNode sent(BotSpec bot, OutgoingMessage m) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"errcode\":0}").build());
    assertThat(adapter.send(bot, m)).isEqualTo(SendResult.sent());
    RecordedRequest r = server.takeRequest();
    return json.readTree(r.getBody().utf8());
  }

  /** The links of a markdown text, label → decoded content, in order. */
  static List<String[]> links(String markdown) {
    List<String[]> out = new ArrayList<>();
    Matcher m = LINK.matcher(markdown);
    while (m.find()) {
      out.add(new String[] {m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8)});
    }
    return out;
  }

  @Test
  void aOneToOneReplyWithChoicesGoesAsMarkdownWithOneLinkPerChoice() throws Exception {
    String text = "要上报哪一个？\n1. 新增就业岗位\n2. 就业见习\n请回复序号（如 1）。";
    JsonNode body =
        sent(
            bot(),
            reply("u:dt-rsj-01", text, offer("1. 新增就业岗位", "1", "2. 就业见习", "2", "更多", "更多 就业 见习")));
    assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(body.path("msgUuid").asText()).isEqualTo("key-1");
    assertThat(body.path("markdown").path("title").asText()).isEqualTo("要上报哪一个？");
    String md = body.path("markdown").path("text").asText();
    assertThat(md)
        .isEqualTo(
            "要上报哪一个？\n\n1． 新增就业岗位\n\n2． 就业见习\n\n请回复序号（如 1）。\n\n或直接点选：\n\n"
                + "[1． 新增就业岗位](dtmd://dingtalkclient/sendMessage?content=1)\n\n"
                + "[2． 就业见习](dtmd://dingtalkclient/sendMessage?content=2)\n\n"
                + "[更多](dtmd://dingtalkclient/sendMessage?content="
                + "%E6%9B%B4%E5%A4%9A%20%E5%B0%B1%E4%B8%9A%20%E8%A7%81%E4%B9%A0)");
    List<String[]> links = links(md);
    assertThat(links).extracting(l -> l[1]).containsExactly("1", "2", "更多 就业 见习");
    assertThat(body.path("at").toString())
        .isEqualTo("{\"atMobiles\":[],\"atUserIds\":[],\"isAtAll\":false}");
  }

  @Test
  void userTextAndHostileChoicesCannotLeaveTheirPlaceOrBecomeMarkup() throws Exception {
    String text =
        "备注："
            + HOSTILE
            + "\n# 不是标题\n> 不是引用\n- 不是列表\n    不是代码\n@13900000000 不是提醒"
            + "\n裸地址 dtmd://dingtalkclient/sendMessage?content=%E6%92%A4%E9%94%80 不是链接";
    String tapText = "进展 " + HOSTILE + " 完成&x=1#frag";
    JsonNode body = sent(bot(), reply("u:dt-rsj-01", text, offer(HOSTILE, tapText, "确认", "确认")));
    String md = body.path("markdown").path("text").asText();
    List<String[]> links = links(md);
    assertThat(links).hasSize(2);
    // the text a tap sends round-trips exactly (Offer made it one line)
    assertThat(links.get(0)[1]).isEqualTo(tapText);
    assertThat(links.get(1)[1]).isEqualTo("确认");
    // the hostile label shows, full-width, inside its own brackets
    // (Offer cut the label to 40 characters)
    assertThat(links.get(0)[0]).startsWith("1］（http：//evil.example） ＊粗＊ #标题 ＜a href=");
    assertThat(links.get(0)[0]).doesNotContain("[", "]", "(", ")", "*", "<", ">");
    // with our two links taken out, no markdown or HTML character is left raw
    String rest = LINK.matcher(md).replaceAll("");
    assertThat(rest).doesNotContain("[", "]", "(", ")", "*", "<", ">", "`", "_", "~", "|", "\\");
    for (String line : rest.split("\n")) {
      assertThat(line).doesNotStartWith("#").doesNotStartWith("-").doesNotStartWith("    ");
    }
    assertThat(rest).contains("＃ 不是标题", "＞ 不是引用", "－ 不是列表", "＠13900000000 不是提醒");
    assertThat(rest).doesNotContain("://").contains("裸地址 dtmd：//dingtalkclient/sendMessage");
    // every line break of the text is a paragraph break in markdown
    assertThat(md).startsWith("备注：").contains("\n\n＃ 不是标题\n\n＞ 不是引用\n\n");
  }

  @Test
  void mentionsKeepWorkingInMarkdown() throws Exception {
    JsonNode body =
        sent(
            bot(),
            reply(
                "u:dt-rsj-01",
                "有 2 条待确认",
                offer("确认", "确认"),
                new Mention("赵示一", "13800000001", "dt-rsj-01"),
                new Mention("钱示二", null, "dt-rsj-02")));
    String md = body.path("markdown").path("text").asText();
    assertThat(md).startsWith("有 2 条待确认 @13800000001 @dt-rsj-02\n\n或直接点选：");
    assertThat(body.path("at").toString())
        .isEqualTo(
            "{\"atMobiles\":[\"13800000001\"],\"atUserIds\":[\"dt-rsj-02\"],\"isAtAll\":false}");
  }

  @Test
  void withoutAnOfferTheBodyIsTheSameTextAsBefore() throws Exception {
    OutgoingMessage m =
        reply(
            "u:dt-rsj-01",
            "已记录 *12,000* 个",
            Offer.NONE,
            new Mention("赵示一", "13800000001", "dt-rsj-01"));
    JsonNode body = sent(bot(), m);
    assertThat(body.toString()).isEqualTo(json.valueToTree(DingTalkAdapter.textBody(m)).toString());
    assertThat(body.toString())
        .isEqualTo(
            "{\"msgtype\":\"text\",\"text\":{\"content\":\"已记录 *12,000* 个 @13800000001\"},"
                + "\"at\":{\"atMobiles\":[\"13800000001\"],\"atUserIds\":[],\"isAtAll\":false},"
                + "\"msgUuid\":\"key-1\"}");
    // a form offer alone (targets, no choices) has nothing to tap on DingTalk either
    JsonNode form =
        sent(bot(), reply("u:dt-rsj-01", "用法：上报 <目标> <累计数>", Offer.form(List.of("新增就业岗位"))));
    assertThat(form.path("msgtype").asText()).isEqualTo("text");
  }

  @Test
  void inAGroupTheReplyStaysPlainText() throws Exception {
    OutgoingMessage m = reply("cidWujinRsj01==", "请回复“确认”。", offer("确认", "确认"));
    JsonNode body = sent(bot(), m);
    assertThat(body.toString()).isEqualTo(json.valueToTree(DingTalkAdapter.textBody(m)).toString());
    assertThat(body.toString()).doesNotContain("dtmd");
  }

  @Test
  void theCustomRobotWebhookReceivesNoTapSoItGetsPlainText() throws Exception {
    BotSpec webhookBot = bot("webhook-url", base + "/robot/send?access_token=t");
    OutgoingMessage m =
        new OutgoingMessage(
            "u:dt-rsj-01", "请回复“确认”。", List.of(), "k", null, null, offer("确认", "确认"));
    assertThat(adapter.channel(webhookBot, m)).isEqualTo(DingTalkAdapter.Channel.WEBHOOK);
    JsonNode body = sent(webhookBot, m);
    assertThat(body.path("msgtype").asText()).isEqualTo("text");
    assertThat(body.toString()).doesNotContain("dtmd");
  }

  @Test
  void anOverLongMarkdownFallsBackToTheText() throws Exception {
    // 6,400 ASCII "(" are 6,400 bytes as text but 19,200 bytes full-width in markdown
    String text = "备注" + "(".repeat(6_400);
    OutgoingMessage m = reply("u:dt-rsj-01", text, offer("确认", "确认"));
    assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThan(adapter.maxBytes(bot(), m));
    JsonNode body = sent(bot(), m);
    assertThat(body.path("msgtype").asText()).isEqualTo("text");
    assertThat(body.path("text").path("content").asText()).isEqualTo(text);
    // just below the limit the links stay
    String fits = "备注" + "(".repeat(6_000);
    assertThat(sent(bot(), reply("u:dt-rsj-01", fits, offer("确认", "确认"))).path("msgtype").asText())
        .isEqualTo("markdown");
  }

  @Test
  void theOpenApiSendsSampleMarkdownToAPersonAndSampleTextToAGroup() throws Exception {
    BotSpec app = appBot();
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at\",\"expireIn\":7200}")
            .build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    OutgoingMessage person =
        new OutgoingMessage(
            "u:dt-rsj-01",
            "有 1 条数字待确认，回复“确认”。",
            List.of(new Mention("赵*示一", "13800000001", "dt-rsj-01")),
            "k",
            null,
            null,
            offer("确认", "确认"));
    assertThat(adapter.channel(app, person)).isEqualTo(DingTalkAdapter.Channel.OPENAPI);
    assertThat(adapter.send(app, person)).isEqualTo(SendResult.sent());
    server.takeRequest(); // the token
    RecordedRequest r = server.takeRequest();
    assertThat(r.getTarget()).isEqualTo("/v1.0/robot/oToMessages/batchSend");
    JsonNode body = json.readTree(r.getBody().utf8());
    assertThat(body.path("msgKey").asText()).isEqualTo("sampleMarkdown");
    JsonNode param = json.readTree(body.path("msgParam").asText());
    assertThat(param.path("title").asText()).isEqualTo("有 1 条数字待确认，回复“确认”。");
    assertThat(param.path("text").asText())
        .isEqualTo(
            "有 1 条数字待确认，回复“确认”。 @赵＊示一\n\n或直接点选：\n\n"
                + "[确认](dtmd://dingtalkclient/sendMessage?content=%E7%A1%AE%E8%AE%A4)");
    assertThat(body.path("userIds").toString()).isEqualTo("[\"dt-rsj-01\"]");

    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    OutgoingMessage group =
        new OutgoingMessage("cidG==", "回复“确认”。", List.of(), "k2", null, null, offer("确认", "确认"));
    assertThat(adapter.send(app, group)).isEqualTo(SendResult.sent());
    JsonNode groupBody = json.readTree(server.takeRequest().getBody().utf8());
    assertThat(groupBody.path("msgKey").asText()).isEqualTo("sampleText");
    assertThat(groupBody.path("msgParam").asText()).isEqualTo("{\"content\":\"回复“确认”。\"}");
  }

  @Test
  void anOverLongOpenApiMarkdownFallsBackToSampleText() throws Exception {
    BotSpec app = appBot();
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"accessToken\":\"at\",\"expireIn\":7200}")
            .build());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    // 5,000 "<" are 5,000 bytes as text, 15,000 full-width: over the 14,000 of the OpenAPI
    String text = "<".repeat(5_000);
    OutgoingMessage m =
        new OutgoingMessage("u:dt-rsj-01", text, List.of(), "k", null, null, offer("确认", "确认"));
    assertThat(adapter.send(app, m)).isEqualTo(SendResult.sent());
    server.takeRequest();
    JsonNode body = json.readTree(server.takeRequest().getBody().utf8());
    assertThat(body.path("msgKey").asText()).isEqualTo("sampleText");
    assertThat(json.readTree(body.path("msgParam").asText()).path("content").asText())
        .isEqualTo(text);
  }

  @Test
  void theRendererPiecesOnTheirOwn() {
    assertThat(DingTalkButtons.encode("a b*c+d/é")).isEqualTo("a%20b%2Ac%2Bd%2F%C3%A9");
    assertThat(DingTalkButtons.inert("一\n\n二")).isEqualTo("一\n\n\u00A0\n\n二");
    assertThat(DingTalkButtons.inert("  10. 项")).isEqualTo("\u00A0\u00A010． 项");
    assertThat(DingTalkButtons.inert("3.5万")).isEqualTo("3.5万");
    assertThat(DingTalkButtons.inert("1.上报")).isEqualTo("1．上报");
    assertThat(DingTalkButtons.title("\n" + "长".repeat(40))).isEqualTo("长".repeat(30) + "…");
    assertThat(DingTalkButtons.title("")).isEqualTo("督办");
    // an empty label shows the text it sends
    OutgoingMessage m =
        new OutgoingMessage("u:x", "t", List.of(), "k", null, null, offer("", "确认", "x", ""));
    assertThat(DingTalkButtons.choices(m)).containsExactly(new Offer.Choice("确认", "确认"));
    assertThat(
            DingTalkButtons.markdownBody(
                new OutgoingMessage("u:x", "t", List.of(), "k", null, null, offer("x", ""))))
        .isNull();
  }
}
