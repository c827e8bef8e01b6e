package io.duban.chat.wecom;

import static io.duban.chat.wecom.FakeWeComServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.BotRegistry;
import io.duban.chat.Platform;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.stream.ConnectionStatus;
import io.duban.chat.stream.Reconnects;
import io.duban.chat.stream.StreamConnections;
import io.duban.evidence.Attachment;
import io.duban.evidence.EvidenceFetcher;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pictures over the 智能机器人 long connection, against the fake WeCom end: a recorded image frame right
 * after the reporter's report is attached to it ("收到 1 张图片，正在附到 …"), downloaded from its URL,
 * decrypted with its aeskey and kept; a mixed frame's text is the report and its image the
 * evidence; a picture with no report before it is answered and not kept.
 */
@QuarkusTest
class WeComFileMessagesTest {
  static final String BOT = WeComStreamTest.BOT;
  static final String RSJ = "wx-rsj-01"; // 人社局's reporter (bot-config/contacts.yaml)
  static final String AESKEY = WeComMediaTest.AESKEY;

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject BotRegistry registry;
  @Inject StreamConnections connections;
  @Inject WeComStreamFactory factory;
  @Inject WeComLeases leases;
  @Inject EvidenceFetcher fetcher;
  @Inject EntityManager em;

  final ObjectMapper json = new ObjectMapper();
  FakeWeComServer wecom;
  MockWebServer api;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    WeComStreamTest.clearLeases(em);
    wecom = new FakeWeComServer();
    api = new MockWebServer();
    api.start();
    bots.install(
        WeComStreamTest.yaml(),
        Map.of(
            "BOT_ID",
            "aibot-wujin-ws",
            "BOT_SECRET",
            "ws-secret-value",
            "WS",
            wecom.url(),
            "API",
            api.url("/").toString().replaceAll("/$", "")));
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
    api.close();
    bots.restore();
    factory.timings(
        Duration.ofSeconds(30), Duration.ofSeconds(5), Reconnects.WECOM, Duration.ofMinutes(5));
    leases.timings(Duration.ofSeconds(30), Duration.ofSeconds(10));
    WeComStreamTest.clearLeases(em);
    data.resetOutbox();
    data.resetReports();
  }

  ObjectNode base(String msgId, String msgtype) {
    ObjectNode body = json.createObjectNode();
    body.put("msgid", msgId);
    body.put("aibotid", "aibot-wujin");
    body.put("chattype", "single");
    body.putObject("from").put("userid", RSJ);
    body.put("create_time", 1733130000L);
    body.put("msgtype", msgtype);
    return body;
  }

  /** The recorded image frame of docs/attachments.md §3.1, its URL on the local WeCom API. */
  String image(String msgId, String path) {
    ObjectNode body = base(msgId, "image");
    body.putObject("image").put("url", api.url(path).toString()).put("aeskey", AESKEY);
    return body.toString();
  }

  String mixed(String msgId, String text, String path) {
    ObjectNode body = base(msgId, "mixed");
    body.put("chatid", WeComStreamTest.GROUP);
    body.put("chattype", "group");
    ArrayNode items = body.putObject("mixed").putArray("msg_item");
    ObjectNode t = items.addObject().put("msgtype", "text");
    t.putObject("text").put("content", text);
    ObjectNode i = items.addObject().put("msgtype", "image");
    i.putObject("image").put("url", api.url(path).toString()).put("aeskey", AESKEY);
    return body.toString();
  }

  String text(String msgId, String text) {
    ObjectNode body = base(msgId, "text");
    body.putObject("text").put("content", text);
    return body.toString();
  }

  static final byte[] PNG = {
    (byte) 0x89,
    'P',
    'N',
    'G',
    0x0D,
    0x0A,
    0x1A,
    0x0A,
    0,
    0,
    0,
    0x0D,
    'I',
    'H',
    'D',
    'R',
    0,
    0,
    0,
    1
  };

  /** WeCom's encryption of a file: AES-256-CBC, IV = key[0..16), PKCS#7 to 32 bytes. */
  static byte[] encrypt(byte[] plain) throws Exception {
    byte[] key = Base64.getDecoder().decode(AESKEY);
    int pad = 32 - plain.length % 32;
    byte[] padded = Arrays.copyOf(plain, plain.length + pad);
    Arrays.fill(padded, plain.length, padded.length, (byte) pad);
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(key, "AES"),
        new IvParameterSpec(Arrays.copyOf(key, 16)));
    return c.doFinal(padded);
  }

  List<String> replies(int n) throws InterruptedException {
    await("replies queued", () -> Outboxes.of(MessageKind.REPLY).size() >= n);
    return Outboxes.of(MessageKind.REPLY).stream().map((OutboxMessage o) -> o.text).toList();
  }

  static List<Attachment> attachments() {
    return QuarkusTransaction.requiringNew().call(() -> Attachment.<Attachment>listAll());
  }

  @Test
  void aPictureRightAfterTheReportIsAttachedDownloadedAndDecrypted() throws Exception {
    wecom.pushMessage("req-r-1", text("aibot-r-1", "上报 新增就业岗位 1.2万"));
    assertThat(replies(1).get(0)).startsWith("已记录");
    wecom.pushMessage("req-img-1", image("CAIQimg1", "/aibot/img1"));
    List<String> replies = replies(2);
    assertThat(replies.get(1)).contains("收到 1 张图片，正在附到 新增就业岗位 6月上报");

    api.enqueue(new MockResponse.Builder().body(new Buffer().write(encrypt(PNG))).build());
    fetcher.runDue();
    assertThat(api.takeRequest().getUrl().encodedPath()).isEqualTo("/aibot/img1");
    List<Attachment> kept = attachments();
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).contentType).isEqualTo("image/png");
    assertThat(kept.get(0).sizeBytes).isEqualTo(PNG.length);
    assertThat(kept.get(0).platform).isEqualToIgnoringCase("wecom");
    assertThat(kept.get(0).senderId).isEqualTo(RSJ);
  }

  @Test
  void aMixedMessageRecordsItsFigureAndAttachesItsPicture() throws Exception {
    wecom.pushMessage("req-mix-1", mixed("CAIQmix1", "@督办助手 上报 新增就业岗位 1.2万", "/aibot/img2"));
    String reply = replies(1).get(0);
    assertThat(reply).contains("已记录").contains("12,000");
    assertThat(reply).contains("1 张图片");
    assertThat(Outboxes.reports()).isEqualTo(1);
  }

  @Test
  void aPictureWithoutAReportIsAnsweredAndNotKept() throws Exception {
    wecom.pushMessage("req-img-2", image("CAIQimg2", "/aibot/img3"));
    assertThat(replies(1).get(0)).contains("没有您的上报").contains("未保存");
    assertThat(fetcher.runDue()).isZero();
    assertThat(attachments()).isEmpty();
  }
}
