package io.duban.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duban.support.SignedCallbacks;
import io.duban.support.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL under a stream of signed DingTalk report callbacks; one is killed
 * (SIGKILL) mid-run. The platform's behaviour is played by the load: a callback that got no
 * acknowledgement is delivered again to the other instance, and some are delivered twice. Every
 * acknowledged report is recorded exactly once, the running totals equal the reports, every message
 * is answered, and a reply goes twice only for a send the killed instance had in flight, which the
 * survivor counts.
 */
class FailoverIT {
  static final String ADMIN = "it-admin-token-0123456789";
  static final String SECRET = "it-failover-app-secret";
  static final String[] TARGETS = {"新增就业岗位", "城镇就业", "开发公益性岗位"};
  static final int MESSAGES = 600;

  MockWebServer platform;
  final Map<String, AtomicInteger> replies = new ConcurrentHashMap<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeEach
  void platform() throws Exception {
    platform = new MockWebServer();
    platform.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String session = request.getUrl().queryParameter("session");
            if (session != null) {
              replies.computeIfAbsent(session, k -> new AtomicInteger()).incrementAndGet();
            }
            return new MockResponse.Builder()
                .code(200)
                .body("{\"errcode\":0,\"errmsg\":\"ok\"}")
                .build();
          }
        });
    platform.start();
  }

  @AfterEach
  void close() throws Exception {
    platform.close();
  }

  @Test
  void twoInstancesUnderLoadOneKilledLoseNoReportAndRepeatOnlyCountedSends(@TempDir Path tmp)
      throws Exception {
    assumeTrue(
        "postgresql".equals(System.getenv("DB_KIND")),
        "two instances need a shared PostgreSQL (runs in the PostgreSQL pass of .ci/run)");
    AppProcess.Database db = AppProcess.Database.fresh(tmp, "failover");
    Path config = TestData.copyConfig(Path.of("bot-config"));
    Files.writeString(
        config.resolve("bots.yaml"),
        """
        bots:
          it-dt:
            platform: dingtalk
            app-key: itkey
            app-secret: ${IT_DT_SECRET}
            oapi-base-url: ${IT_BASE}
            rate-limit: 0
        routes:
          default: console
          leaders: console
          admin: console
        """);
    Map<String, String> env =
        AppProcess.env(
            "IT_DT_SECRET",
            SECRET,
            "IT_BASE",
            platform.url("/").toString().replaceAll("/$", ""),
            "DUBAN_ADMIN_TOKEN",
            ADMIN,
            "DUBAN_OUTBOX_LEASE",
            "5s",
            "DUBAN_CLOCK_TODAY",
            "2018-06-20");
    AppProcess a = AppProcess.start(config, tmp.resolve("a"), db, env);
    AppProcess b = AppProcess.start(config, tmp.resolve("b"), db, env);
    try {
      assertThat(a.awaitReady(Duration.ofSeconds(90))).as(String.join("\n", a.output())).isTrue();
      assertThat(b.awaitReady(Duration.ofSeconds(90))).as(String.join("\n", b.output())).isTrue();

      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger delivered = new AtomicInteger();
      AtomicInteger redelivered = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      int threads = 8;
      for (int t = 0; t < threads; t++) {
        int first = t;
        Thread client =
            new Thread(
                () -> {
                  for (int i = first; i < MESSAGES; i += threads) {
                    String id = "fo-" + i;
                    String text = "上报 " + TARGETS[i % TARGETS.length] + " +1";
                    AppProcess[] order =
                        i % 2 == 0 ? new AppProcess[] {a, b} : new AppProcess[] {b, a};
                    boolean acked = false;
                    for (int attempt = 0; attempt < 6 && !acked; attempt++) {
                      AppProcess target = order[attempt % 2];
                      if (attempt > 0) {
                        redelivered.incrementAndGet();
                      }
                      acked = deliver(target, id, text);
                    }
                    if (acked) {
                      acknowledged.add(id);
                      delivered.incrementAndGet();
                      if (i % 20 == 7) {
                        // the platform delivers some messages twice, to either instance
                        deliver(order[1], id, text);
                      }
                    }
                  }
                });
        clients.add(client);
        client.start();
      }
      while (delivered.get() < MESSAGES * 2 / 5) {
        Thread.sleep(20);
      }
      a.kill();
      for (Thread client : clients) {
        client.join(Duration.ofMinutes(3).toMillis());
      }
      assertThat(acknowledged)
          .as("every message was acknowledged by one instance or the other")
          .hasSize(MESSAGES);
      assertThat(redelivered.get()).as("the kill did interrupt deliveries").isGreaterThan(0);

      // every acknowledged report is recorded exactly once, and the totals are the reports
      Map<String, Integer> rows = reportsByMessage(db);
      assertThat(rows.keySet()).as("no acknowledged report lost").containsAll(acknowledged);
      assertThat(rows.values()).as("no report recorded twice").allMatch(n -> n == 1);
      for (Map.Entry<String, Long[]> e : totals(db).entrySet()) {
        assertThat(e.getValue()[0])
            .as("running total of %s equals its reports", e.getKey())
            .isEqualTo(e.getValue()[1]);
      }

      // every message answered; a repeat only for a send in flight at the kill, and counted
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!replies.keySet().containsAll(acknowledged) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(replies.keySet()).as("every message answered").containsAll(acknowledged);
      Thread.sleep(1000);
      long repeated = replies.values().stream().filter(n -> n.get() > 1).count();
      double counted =
          OutboxIT.metric(
              b.get("/q/metrics", null).body(), "duban_outbox_duplicates_after_crash_total");
      assertThat(replies.values()).allMatch(n -> n.get() <= 2);
      assertThat((double) repeated)
          .as(
              "replies sent twice are the killed instance's in-flight sends, counted by the survivor")
          .isLessThanOrEqualTo(counted);
      System.out.printf(
          "failover: %d messages, %d redeliveries after the kill, %d replies repeated (%.0f counted)%n",
          MESSAGES, redelivered.get(), repeated, counted);
      b.stop();
    } finally {
      a.kill();
      b.kill();
    }
  }

  static final AtomicLong STAMP = new AtomicLong();

  /** One signed callback; true when the instance acknowledged it (200). */
  boolean deliver(AppProcess app, String id, String text) {
    // every callback its own timestamp, as DingTalk's (a used pair is refused for another message)
    long ts = STAMP.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis()));
    String body =
        "{\"msgtype\":\"text\",\"text\":{\"content\":\" "
            + text
            + "\"},\"msgId\":\""
            + id
            + "\",\"conversationType\":\"2\",\"conversationId\":\"cidFailover\","
            + "\"senderStaffId\":\"dt-rsj-01\",\"senderNick\":\"赵示一\",\"sessionWebhook\":\""
            + platform.url("/robot/sendBySession?session=" + id)
            + "\",\"sessionWebhookExpiredTime\":"
            + (ts + 5_400_000)
            + "}";
    HttpRequest request =
        SignedCallbacks.dingTalk(body, ts, SECRET)
            .post(URI.create("http://127.0.0.1:" + app.port() + "/webhooks/dingtalk/it-dt"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Map<String, Integer> reportsByMessage(AppProcess.Database db) throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT message_id, COUNT(*) FROM report WHERE NOT withdrawn GROUP BY message_id")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  /** Per target: the running total held and the number of +1 reports recorded. */
  static Map<String, Long[]> totals(AppProcess.Database db) throws SQLException {
    Map<String, Long[]> out = new HashMap<>();
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT t.name, (SELECT COALESCE(SUM(st.figure), 0) FROM target_state st WHERE st.target_id = t.id),"
                    + " (SELECT COUNT(*) FROM report r WHERE r.target_id = t.id AND NOT r.withdrawn)"
                    + " FROM target t WHERE t.id IN (SELECT target_id FROM report)")) {
      while (rs.next()) {
        out.put(rs.getString(1), new Long[] {rs.getBigDecimal(2).longValue(), rs.getLong(3)});
      }
    }
    return out;
  }
}
