package io.duban.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxStatus;
import io.duban.support.MutableClock;
import io.duban.support.Outboxes;
import io.duban.support.Payloads;
import io.duban.support.SignedCallbacks;
import io.duban.support.SqlCounter;
import io.duban.support.Stamps;
import io.duban.support.TestBots;
import io.duban.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statements one warm callback causes in the database, counted by the database (H2's
 * statistics, so plain JDBC counts too), from the signed request until its reply was delivered to
 * the platform and written down as sent: a query at most 4, a report at most 8. Replies go as in
 * production (sent the moment the callback commits, from an unpaced bot).
 */
@QuarkusTest
@TestProfile(StatementCountTest.DirectReplies.class)
class StatementCountTest {
  static final String SECRET = "statement-count-secret";
  static final int QUERY_LIMIT = 4;
  static final int REPORT_LIMIT = 8;

  /** Replies sent on commit, as in production. */
  public static class DirectReplies implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("duban.outbox.dispatch-on-enqueue", "true");
    }
  }

  @Inject TestBots bots;
  @Inject TestData data;
  @Inject MutableClock wall;
  @Inject DataSource ds;

  MockWebServer sink;
  final AtomicInteger delivered = new AtomicInteger();
  int seq;

  @BeforeEach
  void setUp() throws Exception {
    data.resetReports();
    data.resetOutbox();
    wall.set(MutableClock.START);
    sink = new MockWebServer();
    sink.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            delivered.incrementAndGet();
            return new MockResponse.Builder()
                .code(200)
                .body("{\"errcode\":0,\"errmsg\":\"ok\"}")
                .build();
          }
        });
    sink.start();
    bots.install(
        """
        bots:
          count-dt:
            platform: dingtalk
            app-key: countkey
            app-secret: ${SECRET}
            rate-limit: 0
            oapi-base-url: ${BASE}
            api-base-url: ${BASE}
          console:
            platform: console
        routes:
          admin: console
        """,
        Map.of("SECRET", SECRET, "BASE", sink.url("/").toString().replaceAll("/$", "")));
  }

  @AfterEach
  void tearDown() throws Exception {
    bots.restore();
    sink.close();
    data.resetOutbox();
    data.resetReports();
  }

  @Test
  void aWarmQueryCausesAtMostFourStatementsReplyIncluded() throws Exception {
    SqlCounter counter = new SqlCounter(ds);
    assumeTrue(counter.supported(), "counted by H2's statistics");
    for (int i = 0; i < 3; i++) {
      callback("dt-leader-01", "进度 就业助推工程");
    }
    counter.reset();
    callback("dt-leader-01", "进度 就业助推工程");
    Map<String, Integer> statements = counter.statements();
    assertThat(allSent()).as("every reply written down as sent").isTrue();
    assertThat(lastReply()).contains("就业助推工程");
    assertWithin(statements, QUERY_LIMIT);
  }

  @Test
  void aWarmReportCausesAtMostEightStatementsReplyIncluded() throws Exception {
    SqlCounter counter = new SqlCounter(ds);
    assumeTrue(counter.supported(), "counted by H2's statistics");
    callback("dt-rsj-01", "上报 新增就业岗位 1万");
    callback("dt-rsj-01", "进度 就业助推工程");
    callback("dt-rsj-01", "上报 新增就业岗位 +1");
    counter.reset();
    callback("dt-rsj-01", "上报 新增就业岗位 +1");
    Map<String, Integer> statements = counter.statements();
    assertThat(allSent()).as("every reply written down as sent").isTrue();
    assertThat(lastReply()).contains("10,002");
    assertThat(Outboxes.reports()).isEqualTo(3);
    assertWithin(statements, REPORT_LIMIT);
  }

  /** Sends a signed callback and waits until its reply reached the sink and was marked SENT. */
  void callback(String sender, String text) throws Exception {
    int before = delivered.get();
    String body =
        Payloads.read("dingtalk", "group-text.json")
            .replace("SESSION_WEBHOOK", sink.url("/robot/sendBySession?session=s").toString())
            .replace(" 上报 新增就业岗位 1.2万", " " + text)
            .replace("msgDtGroup0001==", "msgCount" + (++seq))
            .replace("\"senderStaffId\": \"dt-rsj-01\"", "\"senderStaffId\": \"" + sender + "\"")
            .replace("1795836600000", String.valueOf(wall.instant().toEpochMilli() + 3_600_000));
    int status =
        SignedCallbacks.dingTalk(body, Stamps.next(wall), SECRET)
            .given()
            .contentType("application/json")
            .post("/webhooks/dingtalk/count-dt")
            .then()
            .extract()
            .statusCode();
    assertThat(status).isEqualTo(200);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (delivered.get() == before && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // then until the database is quiet: the delivery is written down after the platform answered
    // (read from the statistics only: the test's own reads would be counted)
    SqlCounter counter = new SqlCounter(ds);
    int last = -1;
    int quiet = 0;
    while (quiet < 5 && System.nanoTime() < deadline) {
      int now = counter.supported() ? counter.count() : 0;
      quiet = now == last ? quiet + 1 : 0;
      last = now;
      Thread.sleep(40);
    }
    if (delivered.get() == before) {
      throw new AssertionError("the reply to “" + text + "” was not delivered");
    }
  }

  boolean allSent() {
    List<OutboxMessage> replies = Outboxes.of(MessageKind.REPLY);
    return !replies.isEmpty() && replies.stream().allMatch(m -> m.status == OutboxStatus.SENT);
  }

  String lastReply() throws Exception {
    List<OutboxMessage> replies = Outboxes.of(MessageKind.REPLY);
    return replies.get(replies.size() - 1).text;
  }

  /**
   * At most {@code limit} statements, counting the callback's one transaction as one COMMIT. H2
   * lists each commit of a pooled connection twice: the commit, and the one its {@code
   * setAutoCommit(true)} runs when the pool hands the connection back (with nothing left to commit;
   * PostgreSQL's driver sends nothing then). So: at most one transaction (two COMMIT lines) and at
   * most {@code limit - 1} other statements.
   */
  static void assertWithin(Map<String, Integer> statements, int limit) {
    int commits = statements.getOrDefault("COMMIT", 0);
    int others = total(statements) - commits;
    assertThat(commits).as("one transaction: " + describe(statements)).isLessThanOrEqualTo(2);
    assertThat(others + (commits + 1) / 2).as(describe(statements)).isLessThanOrEqualTo(limit);
  }

  static int total(Map<String, Integer> statements) {
    return statements.values().stream().mapToInt(Integer::intValue).sum();
  }

  static String describe(Map<String, Integer> statements) {
    StringBuilder b = new StringBuilder("statements:\n");
    statements.forEach((sql, n) -> b.append(n).append(" × ").append(sql).append('\n'));
    return b.toString();
  }
}
