package io.duban.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.chat.wecom.WeComCrypto;
import io.duban.command.ParsedCommand;
import io.duban.command.VocabularyService;
import io.duban.command.commands.CompleteCommand.Complete;
import io.duban.command.commands.ConfirmCommand.Confirm;
import io.duban.command.commands.OnBehalfCommand.OnBehalf;
import io.duban.command.commands.ProgressNoteCommand.ProgressNote;
import io.duban.command.commands.ReportCommand;
import io.duban.command.commands.WithdrawCommand.Withdraw;
import io.duban.report.Report;
import io.duban.support.FuzzText;
import io.duban.support.MutableClock;
import io.duban.support.RawHttp;
import io.duban.support.SignedCallbacks;
import io.duban.support.SignedCallbacks.Signed;
import io.duban.support.Stamps;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 generated requests over the HTTP surface: random and mutated chat text sent through the
 * simulator and as genuine signed/encrypted DingTalk, WeCom and Feishu callbacks; broken bodies
 * (truncated, flipped bytes, wrong encodings, deep nesting, huge numbers, wrong types, XML bombs),
 * forged signatures and twenty 1 MB bodies. Never a 5xx or a stack trace; a message that is
 * accepted is answered without an internal error; and the figures change only when an authenticated
 * message that reads as a figure-changing command was recorded under its own id.
 */
@QuarkusTest
class HttpFuzzTest {
  static final String DT_SECRET = "fuzz-dingtalk-app-secret";
  static final String WC_TOKEN = "FuzzWujin2018";
  static final String WC_AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String FS_TOKEN = "fuzz-feishu-token";
  static final String FS_KEY = "督办模糊测试 encrypt key";
  static final int CASES = 10_000;
  static final String NONCE = "fuzz-nonce";
  static final int MEGABYTE = 1024 * 1024;
  static final String[] DINGTALK_SENDERS = {
    "dt-rsj-01", "dt-rsj-01", "dt-zgh-01", "dt-mzj-01", "dt-leader-01", "dt-admin-01", "dt-nobody"
  };
  static final String[] WECOM_SENDERS = {"wx-rsj-01", "wx-zgh-01", "wx-admin-01", "wx-nobody"};
  static final String[] FEISHU_SENDERS = {"ou_rsj01", "ou_mzj01", "ou_leader01", "ou_nobody"};

  @TestHTTPResource("/")
  URI base;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject EntityManager em;
  @Inject VocabularyService vocabulary;
  @Inject ObjectMapper json;

  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  final WeComCrypto wecom = new WeComCrypto(WC_TOKEN, WC_AES, "");
  final WeComCrypto wecomApp = new WeComCrypto(WC_TOKEN, WC_AES, "ww-wujin-corp");
  List<String> corpus;

  /** What a case is: authenticated text we know, authenticated bytes we broke, or forged. */
  enum Kind {
    MESSAGE,
    BROKEN,
    FORGED
  }

  record Case(String label, HttpRequest request, Kind kind, String text, String messageId) {}

  record Figures(long rows, long maxId, long withdrawn, long itemsDone, long inbox) {}

  @BeforeEach
  void setUp() {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    corpus = FuzzText.corpus("corpus-base.tsv");
    bots.install(
        """
        bots:
          dingtalk-app:
            platform: dingtalk
            app-key: fuzzkey
            app-secret: ${DT}
            robot-code: fuzzrobot
          wecom-aibot:
            platform: wecom
            token: ${WC_TOKEN}
            encoding-aes-key: ${WC_AES}
            receive-id: ""
          wecom-app:
            platform: wecom
            token: ${WC_TOKEN}
            encoding-aes-key: ${WC_AES}
            receive-id: ww-wujin-corp
            corp-id: ww-wujin-corp
            corp-secret: fuzz-corp-secret
            agent-id: "1000002"
          feishu-app:
            platform: feishu
            app-key: cli_fuzz
            app-secret: fuzz-app-secret
            token: ${FS_TOKEN}
            encrypt-key: ${FS_KEY}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of(
            "DT", DT_SECRET,
            "WC_TOKEN", WC_TOKEN,
            "WC_AES", WC_AES,
            "FS_TOKEN", FS_TOKEN,
            "FS_KEY", FS_KEY));
  }

  @AfterEach
  void tearDown() {
    bots.restore();
    data.resetOutbox();
    data.resetReports();
  }

  // 10,000 requests: 100-165 s on H2 and up to ~180 s on PostgreSQL on a 2-core machine. The
  // suite's default 180 s limit is there to catch hangs, not to time this; a hang still fails.
  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void tenThousandRequestsNeverFailAndOnlyValidReportsChangeFigures() throws Exception {
    Random random = new Random(20180620);
    Map<String, Integer> statuses = new TreeMap<>();
    int figureChanges = 0;
    int refusalsWithReason = 0;
    int megabytes = 0;
    for (int i = 0; i < CASES; i++) {
      Case c = i % 500 == 250 ? megabyteCase(random, i) : generate(random, i);
      if (length(c) > MEGABYTE - 1024) {
        megabytes++;
      }
      Figures before = figures();
      String where = "#" + i + " " + c.label();
      HttpResponse<String> response;
      try {
        response = http.send(c.request(), HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException e) {
        throw new AssertionError(where + ": the connection ended without an answer", e);
      }
      Figures after = figures();
      statuses.merge(c.label().split(" ")[0] + " " + response.statusCode(), 1, Integer::sum);

      assertThat(response.statusCode())
          .as(where + " → " + excerpt(response.body()))
          .isLessThan(500);
      assertThat(response.body())
          .as(where + ": no stack trace or exception name in an answer")
          .doesNotContain("Exception", "\tat ", "java.", "org.hibernate", "io.duban.");
      if (response.statusCode() >= 400 && response.statusCode() != 413) {
        // every refusal says why: JSON with a reason (the login form answers its HTML page)
        assertThat(response.body()).as(where + ": a refusal has a body").isNotBlank();
        if (!c.request().uri().getPath().equals("/login")) {
          assertThat(response.body())
              .as(where + ": a refusal is JSON with a reason")
              .contains("\"error\":\"");
        }
        refusalsWithReason++;
      }
      if (c.kind() == Kind.FORGED) {
        assertThat(response.statusCode()).as(where + " is refused").isBetween(400, 499);
        assertThat(after).as(where + " changes nothing").isEqualTo(before);
        continue;
      }
      if (c.kind() == Kind.MESSAGE) {
        assertThat(response.statusCode())
            .as(where + " → " + excerpt(response.body()))
            .isEqualTo(200);
        assertAnsweredWithoutError(c, response, where);
      }
      boolean figuresChanged =
          after.rows() != before.rows()
              || after.withdrawn() != before.withdrawn()
              || after.itemsDone() != before.itemsDone();
      if (figuresChanged) {
        figureChanges++;
        assertOnlyAValidReportChanged(c, before, after, where);
      }
    }
    System.out.printf(
        "HTTP fuzz: %d requests, %d changed figures, %d bodies of 1 MB, %d refusals with a reason;"
            + " answers %s%n",
        CASES, figureChanges, megabytes, refusalsWithReason, statuses);
    assertThat(megabytes).as("1 MB bodies sent").isGreaterThanOrEqualTo(20);
    assertThat(figureChanges)
        .as("the generated traffic does record real reports (the oracle is not vacuous)")
        .isGreaterThan(50);
    assertThat(statuses.keySet())
        .as("the broken and forged cases did reach the refusals")
        .anyMatch(s -> s.endsWith(" 400"))
        .anyMatch(s -> s.endsWith(" 401") || s.endsWith(" 403"));
  }

  // ------------------------------------------------------------------ oracles

  Figures figures() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Object[] r =
                  (Object[])
                      em.createNativeQuery(
                              "SELECT (SELECT COUNT(*) FROM report), (SELECT COALESCE(MAX(id), 0) FROM report),"
                                  + " (SELECT COUNT(*) FROM report WHERE withdrawn),"
                                  + " (SELECT COUNT(*) FROM checklist_item WHERE done_on IS NOT NULL),"
                                  + " (SELECT COUNT(*) FROM inbox_message)")
                          .getSingleResult();
              return new Figures(
                  ((Number) r[0]).longValue(),
                  ((Number) r[1]).longValue(),
                  ((Number) r[2]).longValue(),
                  ((Number) r[3]).longValue(),
                  ((Number) r[4]).longValue());
            });
  }

  /** A stored message was answered by the pipeline, not by its error fallback. */
  void assertAnsweredWithoutError(Case c, HttpResponse<String> response, String where)
      throws Exception {
    if (c.label().startsWith("simulator")) {
      String reply = json.readTree(response.body()).path("reply").asText();
      assertThat(reply).as(where + " is answered").isNotBlank().doesNotContain("处理这条消息时出错");
      return;
    }
    List<Object[]> rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "SELECT status, error FROM inbox_message WHERE message_id = :m")
                        .setParameter("m", c.messageId())
                        .getResultList());
    assertThat(rows).as(where + " is stored once").hasSize(1);
    assertThat(rows.get(0)[0]).as(where + " failed: " + rows.get(0)[1]).isEqualTo("PROCESSED");
  }

  void assertOnlyAValidReportChanged(Case c, Figures before, Figures after, String where) {
    assertThat(c.kind())
        .as(where + " changed figures though it was broken")
        .isNotEqualTo(Kind.FORGED);
    List<Report> added =
        QuarkusTransaction.requiringNew()
            .call(() -> Report.<Report>list("id > ?1 order by id", before.maxId()));
    for (Report r : added) {
      assertThat(r.messageId)
          .as(where + ": a new figure carries its message id")
          .isEqualTo(c.messageId());
      // the conversation removes the platform's mention markup (Feishu's @_user_1) before parsing
      ParsedCommand parsed =
          vocabulary
              .parser()
              .parse(
                  PlatformRules.of(Platform.fromKey(r.platform).orElseThrow())
                      .removeMentions(r.originalText));
      assertThat(figureChanging(parsed))
          .as(where + ": 「" + excerpt(r.originalText) + "」 read as " + parsed.describe())
          .isTrue();
    }
    if (added.isEmpty()) {
      // a withdrawal or a checklist item: only from a message we know says so
      assertThat(c.kind())
          .as(where + " withdrew or ticked without a readable message")
          .isEqualTo(Kind.MESSAGE);
      ParsedCommand parsed = vocabulary.parser().parse(c.text());
      assertThat(figureChanging(parsed)).as(where + " read as " + parsed.describe()).isTrue();
    }
  }

  static boolean figureChanging(ParsedCommand p) {
    if (p instanceof OnBehalf b) {
      return figureChanging(b.inner());
    }
    return p instanceof ReportCommand.Report
        || p instanceof Confirm
        || p instanceof Complete
        || p instanceof ProgressNote
        || p instanceof Withdraw
        || p instanceof ParsedCommand.Choice;
  }

  // ------------------------------------------------------------------ generation

  Case generate(Random random, int i) {
    int roll = random.nextInt(100);
    int how = random.nextInt(10);
    // a fifth of the texts are the corpus's own lines, so that real reports are among the traffic
    String text =
        how < 4
            ? FuzzText.random(random)
            : how < 8 ? FuzzText.mutate(pick(random, corpus), random) : pick(random, corpus);
    String id = "fz-" + i;
    if (roll < 22) {
      return simulator(random, id, text);
    }
    if (roll < 44) {
      return new Case(
          "dingtalk message",
          dingtalk(dingtalkBody(random, id, text).getBytes(StandardCharsets.UTF_8), true),
          Kind.MESSAGE,
          text,
          id);
    }
    if (roll < 54) {
      return new Case(
          "wecom message", wecomAibot(wecomBody(random, id, text), true), Kind.MESSAGE, text, id);
    }
    if (roll < 62) {
      return new Case(
          "wecom-app message", wecomApp(wecomXml(random, id, text), true), Kind.MESSAGE, text, id);
    }
    if (roll < 72) {
      return new Case(
          "feishu message", feishu(feishuBody(random, id, text), true), Kind.MESSAGE, text, id);
    }
    if (roll < 94) {
      return broken(random, id, text);
    }
    return forged(random, id, text);
  }

  Case simulator(Random random, String id, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    String platform = pick(random, "dingtalk", "dingtalk", "wecom", "feishu");
    body.put("platform", platform);
    body.put("chatId", "cid-fuzz-" + random.nextInt(3));
    body.put(
        "senderId",
        switch (platform) {
          case "wecom" -> pick(random, WECOM_SENDERS);
          case "feishu" -> pick(random, FEISHU_SENDERS);
          default -> pick(random, DINGTALK_SENDERS);
        });
    if (platform.equals("feishu")) {
      body.put("botId", "feishu-app");
    }
    body.put("text", text);
    body.put("messageId", id);
    return new Case(
        "simulator message", admin("/api/chat/messages", write(body)), Kind.MESSAGE, text, id);
  }

  String dingtalkBody(Random random, String id, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgtype", "text");
    body.put("text", Map.of("content", " " + text));
    body.put("msgId", id);
    body.put("createAt", wall.millis());
    body.put("conversationType", "2");
    body.put("conversationId", "cidFuzz" + random.nextInt(3));
    body.put("senderNick", "测试");
    body.put("senderStaffId", pick(random, DINGTALK_SENDERS));
    body.put("sessionWebhook", "https://oapi.dingtalk.com/robot/sendBySession?session=fuzz");
    body.put("sessionWebhookExpiredTime", wall.millis() + 5_400_000);
    return write(body);
  }

  String wecomBody(Random random, String id, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("msgid", id);
    body.put("aibotid", "aibot-fuzz");
    body.put("chatid", "wrFuzz" + random.nextInt(3));
    body.put("chattype", "group");
    body.put("from", Map.of("userid", pick(random, WECOM_SENDERS)));
    body.put("response_url", "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?code=fuzz");
    body.put("msgtype", "text");
    body.put("text", Map.of("content", "@督办助手 " + text));
    return write(body);
  }

  String wecomXml(Random random, String id, String text) {
    return "<xml><ToUserName><![CDATA[ww-wujin-corp]]></ToUserName><FromUserName><![CDATA["
        + pick(random, WECOM_SENDERS)
        + "]]></FromUserName><CreateTime>"
        + wall.instant().getEpochSecond()
        + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
        + text.replace("]]>", "]] >")
        + "]]></Content><MsgId>"
        + id
        + "</MsgId><AgentID>1000002</AgentID></xml>";
  }

  String feishuBody(Random random, String id, String text) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("message_id", id);
    message.put("chat_id", "oc_fuzz" + random.nextInt(3));
    message.put("chat_type", "group");
    message.put("message_type", "text");
    message.put("content", write(Map.of("text", "@_user_1 " + text)));
    message.put(
        "mentions",
        List.of(Map.of("key", "@_user_1", "id", Map.of("open_id", "ou_bot"), "name", "督办助手")));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("schema", "2.0");
    body.put(
        "header",
        Map.of(
            "event_id",
            "ev-" + id,
            "token",
            FS_TOKEN,
            "create_time",
            Long.toString(wall.millis()),
            "event_type",
            "im.message.receive_v1",
            "app_id",
            "cli_fuzz"));
    body.put(
        "event",
        Map.of(
            "sender",
            Map.of(
                "sender_id",
                Map.of("open_id", pick(random, FEISHU_SENDERS)),
                "sender_type",
                "user"),
            "message",
            message));
    return write(body);
  }

  /** Authenticated (where the platform's signature allows it) but broken bytes. */
  Case broken(Random random, String id, String text) {
    int target = random.nextInt(6);
    String valid =
        switch (target) {
          case 0 -> dingtalkBody(random, id, text);
          case 1, 2 -> wecomBody(random, id, text);
          case 3 -> wecomXml(random, id, text);
          case 4 -> feishuBody(random, id, text);
          default -> simulatorBody(id, text);
        };
    String how = mutationName(random);
    byte[] bytes = breakBytes(how, valid, random);
    HttpRequest request =
        switch (target) {
          case 0 -> dingtalk(bytes, true);
          case 1 -> wecomAibotEncrypted(bytes);
          case 2 -> wecomAibotRaw(bytes);
          case 3 -> wecomAppEncrypted(bytes);
          case 4 -> random.nextBoolean() ? feishuEncrypted(bytes) : feishuRaw(bytes);
          default ->
              admin(
                  pick(random, "/api/chat/messages", "/api/messages", "/api/contacts", "/login"),
                  bytes);
        };
    return new Case("broken " + target + "/" + how, request, Kind.BROKEN, null, id);
  }

  /** A simulator message from 人社局's reporter. */
  String simulatorBody(String id, String text) {
    return write(
        Map.of(
            "platform",
            "dingtalk",
            "chatId",
            "c",
            "senderId",
            "dt-rsj-01",
            "text",
            text,
            "messageId",
            id));
  }

  Case forged(Random random, String id, String text) {
    int how = random.nextInt(7);
    HttpRequest request =
        switch (how) {
          case 0 ->
              dingtalk(dingtalkBody(random, id, text).getBytes(StandardCharsets.UTF_8), false);
          case 1 -> {
            long stale = wall.millis() - Duration.ofHours(2).toMillis();
            yield SignedCallbacks.dingTalk(dingtalkBody(random, id, text), stale, DT_SECRET)
                .post(uri("/webhooks/dingtalk/dingtalk-app"))
                .build();
          }
          case 2 -> wecomAibot(wecomBody(random, id, text), false);
          case 3 -> feishu(feishuBody(random, id, text), false);
          case 4 ->
              HttpRequest.newBuilder(uri("/api/chat/messages"))
                  .header("Authorization", "Bearer " + pick(random, "wrong-token", Tokens.READ, ""))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          write(
                              Map.of(
                                  "platform",
                                  "dingtalk",
                                  "chatId",
                                  "c",
                                  "senderId",
                                  "dt-admin-01",
                                  "text",
                                  text))))
                  .build();
          case 5 ->
              HttpRequest.newBuilder(
                      uri(
                          "/webhooks/dingtalk/"
                              + pick(random, "no-such-bot", "wecom-aibot", "%E4%B8%AD", "..")))
                  .POST(HttpRequest.BodyPublishers.ofString(dingtalkBody(random, id, text)))
                  .build();
          default -> wecomApp(wecomXml(random, id, text), false);
        };
    return new Case("forged " + how, request, Kind.FORGED, text, id);
  }

  /**
   * A body of just under 1 MiB, the largest accepted size (docs/contract.md §6): a signed message
   * whose text is a report padded to the limit, to each platform and the simulator, or signed
   * noise.
   */
  Case megabyteCase(Random random, int i) {
    String id = "fz-mb-" + i;
    int which = (i / 500) % 5;
    if (which == 4) {
      byte[] noise = new byte[MEGABYTE];
      random.nextBytes(noise);
      return new Case("megabyte noise", dingtalk(noise, true), Kind.BROKEN, null, id);
    }
    long seed = random.nextLong();
    java.util.function.IntFunction<Case> make =
        n -> {
          Random r = new Random(seed);
          String big = "上报 新增就业岗位 1.2万 " + "数".repeat(n);
          return switch (which) {
            case 0 ->
                new Case(
                    "megabyte dingtalk",
                    dingtalk(dingtalkBody(r, id, big).getBytes(StandardCharsets.UTF_8), true),
                    Kind.BROKEN,
                    null,
                    id);
            case 1 ->
                new Case(
                    "megabyte wecom",
                    wecomAibot(wecomBody(r, id, big), true),
                    Kind.BROKEN,
                    null,
                    id);
            case 2 ->
                new Case(
                    "megabyte feishu", feishu(feishuBody(r, id, big), true), Kind.BROKEN, null, id);
            default ->
                new Case(
                    "megabyte simulator",
                    admin("/api/chat/messages", simulatorBody(id, big)),
                    Kind.BROKEN,
                    null,
                    id);
          };
        };
    int lo = 0;
    int hi = MEGABYTE / 3;
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      if (length(make.apply(mid)) <= MEGABYTE) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return make.apply(lo);
  }

  static long length(Case c) {
    return c.request().bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndAReason() throws Exception {
    for (String path :
        List.of(
            "/webhooks/dingtalk/dingtalk-app",
            "/api/chat/messages",
            "/webhooks/wecom/wecom-aibot")) {
      String answer =
          RawHttp.announce(
              uri("/").toURL(), path, 2L * MEGABYTE, "Authorization: Bearer " + Tokens.ADMIN);
      assertThat(answer).as(path).startsWith("HTTP/1.1 413").contains("\"status\":413");
    }
    assertThat(figures().rows()).isZero();
  }

  // ------------------------------------------------------------------ mutations

  static final String[] MUTATIONS = {
    "truncate",
    "flip",
    "insert",
    "gbk",
    "utf16",
    "latin1",
    "nesting",
    "huge-numbers",
    "wrong-types",
    "empty",
    "other-format",
    "xml-bomb",
    "noise"
  };

  static String mutationName(Random random) {
    return MUTATIONS[random.nextInt(MUTATIONS.length)];
  }

  static byte[] breakBytes(String how, String valid, Random random) {
    byte[] utf8 = valid.getBytes(StandardCharsets.UTF_8);
    return switch (how) {
      case "truncate" -> Arrays.copyOf(utf8, utf8.length == 0 ? 0 : random.nextInt(utf8.length));
      case "flip" -> {
        byte[] b = utf8.clone();
        for (int k = 0, n = 1 + random.nextInt(10); k < n && b.length > 0; k++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        yield b;
      }
      case "insert" -> {
        int at = utf8.length == 0 ? 0 : random.nextInt(utf8.length);
        byte[] junk = {
          0, (byte) 0xFF, (byte) 0xC0, (byte) 0x80, '"', '\\', '<', '{', (byte) 0xED, (byte) 0xA0
        };
        byte[] b = new byte[utf8.length + junk.length];
        System.arraycopy(utf8, 0, b, 0, at);
        System.arraycopy(junk, 0, b, at, junk.length);
        System.arraycopy(utf8, at, b, at + junk.length, utf8.length - at);
        yield b;
      }
      case "gbk" -> valid.getBytes(Charset.forName("GBK"));
      case "utf16" -> valid.getBytes(StandardCharsets.UTF_16LE);
      case "latin1" ->
          new String(utf8, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
      case "nesting" -> {
        int depth = 2_000 + random.nextInt(20_000);
        yield (random.nextBoolean() ? "[".repeat(depth) : "{\"a\":".repeat(depth))
            .getBytes(StandardCharsets.UTF_8);
      }
      case "huge-numbers" ->
          valid
              .replaceAll("\\d+", FuzzText.hugeNumber(random).replace("$", ""))
              .getBytes(StandardCharsets.UTF_8);
      case "wrong-types" ->
          valid
              .replaceAll(
                  "\"(content|text|msgId|msgid|senderStaffId|from|message|event|header|platform|senderId|chatId|messageId|botId|route|role|name|unit)\":",
                  "\"$1\":"
                      + pick(random, "123,", "[],", "null,", "{},", "true,", "-1e999,", "\"\",")
                      + "\"ignored$1\":")
              .getBytes(StandardCharsets.UTF_8);
      case "empty" ->
          pick(random, "", " ", "null", "[]", "\"text\"", "0", "{}", "\n\n")
              .getBytes(StandardCharsets.UTF_8);
      case "other-format" ->
          (valid.startsWith("<")
                  ? "{\"encrypt\":\"" + valid.replace("\"", "") + "\"}"
                  : "<xml><Encrypt><![CDATA[" + valid + "]]></Encrypt></xml>")
              .getBytes(StandardCharsets.UTF_8);
      case "xml-bomb" ->
          XML_BOMBS[random.nextInt(XML_BOMBS.length)].getBytes(StandardCharsets.UTF_8);
      default -> {
        byte[] noise = new byte[random.nextInt(4096)];
        random.nextBytes(noise);
        yield noise;
      }
    };
  }

  static final String[] XML_BOMBS = {
    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xml><Encrypt>&lol3;</Encrypt></xml>",
    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>",
    "<xml><Encrypt><![CDATA[abc</xml>",
    "<xml>" + "<a>".repeat(5000) + "</xml>",
    "<xml><Encrypt>" + "&#0;".repeat(10) + "</Encrypt></xml>",
  };

  // ------------------------------------------------------------------ requests

  URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  HttpRequest admin(String path, String body) {
    return admin(path, body.getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest admin(String path, byte[] body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  HttpRequest dingtalk(byte[] body, boolean validSign) {
    return SignedCallbacks.dingTalk(body, Stamps.next(wall), validSign ? DT_SECRET : "wrong")
        .post(uri("/webhooks/dingtalk/dingtalk-app"))
        .header("Content-Type", "application/json")
        .build();
  }

  HttpRequest wecomAibot(String plain, boolean validSign) {
    String ts = Long.toString(wall.instant().getEpochSecond());
    String encrypt = wecom.encrypt(plain);
    String signature = validSign ? wecom.signature(ts, NONCE, encrypt) : "0".repeat(40);
    return wecomPost(
        "wecom-aibot",
        SignedCallbacks.weComSignedAs(signature, ts, NONCE, SignedCallbacks.weComJson(encrypt)),
        "application/json");
  }

  HttpRequest wecomAibotEncrypted(byte[] brokenPlain) {
    return wecomAibot(new String(brokenPlain, StandardCharsets.UTF_8), true);
  }

  HttpRequest wecomAibotRaw(byte[] body) {
    String ts = Long.toString(wall.instant().getEpochSecond());
    String text = new String(body, StandardCharsets.UTF_8);
    return wecomPost(
        "wecom-aibot", SignedCallbacks.weCom(wecom, ts, NONCE, text, text), "application/json");
  }

  HttpRequest wecomApp(String xml, boolean validSign) {
    String ts = Long.toString(wall.instant().getEpochSecond());
    String encrypt = wecomApp.encrypt(xml);
    String signature =
        validSign
            ? wecomApp.signature(ts, NONCE, encrypt)
            : wecomApp.signature(ts, "another-nonce", encrypt);
    return wecomPost(
        "wecom-app",
        SignedCallbacks.weComSignedAs(signature, ts, NONCE, SignedCallbacks.weComEnvelope(encrypt)),
        "text/xml");
  }

  HttpRequest wecomAppEncrypted(byte[] brokenXml) {
    return wecomApp(new String(brokenXml, StandardCharsets.UTF_8), true);
  }

  HttpRequest wecomPost(String bot, Signed callback, String type) {
    return callback.post(uri("/webhooks/wecom/" + bot)).header("Content-Type", type).build();
  }

  HttpRequest feishu(String plain, boolean validSign) {
    byte[] body =
        SignedCallbacks.feishuEncrypted(FS_KEY, plain, iv()).getBytes(StandardCharsets.UTF_8);
    return feishuSigned(body, validSign ? FS_KEY : "another key");
  }

  HttpRequest feishuEncrypted(byte[] brokenPlain) {
    return feishu(new String(brokenPlain, StandardCharsets.UTF_8), true);
  }

  HttpRequest feishuRaw(byte[] body) {
    return feishuSigned(body, FS_KEY);
  }

  HttpRequest feishuSigned(byte[] body, String key) {
    String ts = Long.toString(wall.instant().getEpochSecond());
    return SignedCallbacks.feishu(body, ts, "nonce-fuzz", key)
        .post(uri("/webhooks/feishu/feishu-app"))
        .header("Content-Type", "application/json")
        .build();
  }

  static byte[] iv() {
    return "fuzz-iv-0123456".concat("7").getBytes(StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ helpers

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }

  static <T> T pick(Random random, List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  static String excerpt(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
