package io.duban.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duban.support.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox across processes: a restart (hard kill) in the middle of a queue loses nothing and
 * repeats at most the one in-flight send; two instances on one PostgreSQL never send a message
 * twice. The packaged application runs as separate processes; MockWebServer is the group robot.
 */
class OutboxIT {
  static final String ADMIN = "it-admin-token-0123456789";

  MockWebServer robot;
  final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void robot() throws Exception {
    robot = new MockWebServer();
    robot.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.incrementAndGet();
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("消息(\\d+)号").matcher(body);
            while (m.find()) {
              received.computeIfAbsent(m.group(1), k -> new AtomicInteger()).incrementAndGet();
            }
            return new MockResponse.Builder()
                .code(200)
                .body("{\"errcode\":0,\"errmsg\":\"ok\"}")
                .build();
          }
        });
    robot.start();
  }

  @AfterEach
  void close() throws Exception {
    robot.close();
  }

  Path config(String rate) throws Exception {
    Path dir = TestData.copyConfig(Path.of("bot-config"));
    Files.writeString(
        dir.resolve("bots.yaml"),
        """
        bots:
          it-bot:
            platform: dingtalk
            webhook-url: ${IT_WEBHOOK_URL}
            rate-limit: %s
        routes:
          default: it-bot
          leaders: it-bot
          admin: console
        """
            .formatted(rate));
    return dir;
  }

  Map<String, String> env(String lease) {
    return AppProcess.env(
        "IT_WEBHOOK_URL",
        robot.url("/robot/send?access_token=it").toString(),
        "DUBAN_ADMIN_TOKEN",
        ADMIN,
        "DUBAN_OUTBOX_LEASE",
        lease,
        "DUBAN_CLOCK_TODAY",
        "2018-06-20");
  }

  static void enqueue(AppProcess app, int from, int count) throws Exception {
    String filler = "字".repeat(3400); // over half the robot's byte limit: one message per send
    for (int i = from; i < from + count; i++) {
      var r =
          app.post(
              "/api/messages",
              ADMIN,
              "{\"route\":\"default\",\"text\":\"消息" + i + "号 " + filler + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }
  }

  boolean awaitAll(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (received.size() >= count) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  @Test
  void aHardKillMidQueueLosesNothingAndRepeatsAtMostTheInFlightSend(@TempDir Path tmp)
      throws Exception {
    AppProcess.Database db = AppProcess.Database.fresh(tmp, "outbox_restart");
    Path config = config("240/min");
    int total = 30;
    // a short lease so that the survivor takes the killed instance's claim over quickly
    try (AppProcess first = AppProcess.start(config, tmp.resolve("data"), db, env("5s"))) {
      assertThat(first.awaitReady(Duration.ofSeconds(90)))
          .as(String.join("\n", first.output()))
          .isTrue();
      enqueue(first, 0, total);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < 6 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      first.kill();
    }
    int beforeRestart = received.size();
    assertThat(beforeRestart).as("the kill came mid-queue").isBetween(1, total - 1);
    try (AppProcess second = AppProcess.start(config, tmp.resolve("data"), db, env("5s"))) {
      assertThat(second.awaitReady(Duration.ofSeconds(90)))
          .as(String.join("\n", second.output()))
          .isTrue();
      assertThat(awaitAll(total, Duration.ofSeconds(90)))
          .as("all delivered after the restart")
          .isTrue();
      Thread.sleep(1500);
      long repeats = received.values().stream().filter(n -> n.get() > 1).count();
      assertThat(repeats).as("only the in-flight send may repeat").isLessThanOrEqualTo(1);
      assertThat(received.values()).allMatch(n -> n.get() <= 2);
      String metrics = second.get("/q/metrics", null).body();
      double counted = metric(metrics, "duban_outbox_duplicates_after_crash_total");
      assertThat(counted).as("a repeat is counted").isGreaterThanOrEqualTo(repeats);
      String log = second.get("/api/messages?limit=100&status=SENT", ADMIN).body();
      assertThat(countOf(log, "\"kind\":\"NOTICE\"")).isEqualTo(total);
      second.stop();
    }
  }

  @Test
  void twoInstancesOnOnePostgresqlNeverSendAMessageTwice(@TempDir Path tmp) throws Exception {
    assumeTrue(
        "postgresql".equals(System.getenv("DB_KIND")),
        "two instances need a shared PostgreSQL (runs in the PostgreSQL pass of .ci/run)");
    AppProcess.Database db = AppProcess.Database.fresh(tmp, "outbox_two");
    Path config = config("0");
    // nobody is killed here: a lease that is still short, but not so short that a loaded
    // machine (two services, Maven and PostgreSQL on two cores) runs through it under a batch
    try (AppProcess a = AppProcess.start(config, tmp.resolve("a"), db, env("20s"));
        AppProcess b = AppProcess.start(config, tmp.resolve("b"), db, env("20s"))) {
      assertThat(a.awaitReady(Duration.ofSeconds(90))).as(String.join("\n", a.output())).isTrue();
      assertThat(b.awaitReady(Duration.ofSeconds(90))).as(String.join("\n", b.output())).isTrue();
      Thread t =
          new Thread(
              () -> {
                try {
                  enqueue(b, 100, 100);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      t.start();
      enqueue(a, 0, 100);
      t.join();
      assertThat(awaitAll(200, Duration.ofSeconds(90))).isTrue();
      Thread.sleep(2000);
      java.util.List<String> repeated =
          received.entrySet().stream()
              .filter(e -> e.getValue().get() != 1)
              .map(e -> "消息" + e.getKey() + "号×" + e.getValue().get())
              .sorted()
              .toList();
      assertThat(repeated)
          .as(
              "sent more than once; what the instances logged about the outbox:\n%s",
              outboxLog(a, b))
          .isEmpty();
      assertThat(requests.get()).isEqualTo(200);
      a.stop();
      b.stop();
    }
  }

  static String outboxLog(AppProcess... apps) {
    StringBuilder out = new StringBuilder();
    for (AppProcess app : apps) {
      synchronized (app.output()) {
        for (String line : app.output()) {
          if (line.contains("Outbox") || line.contains("接管") || line.contains("发送")) {
            out.append(line).append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  static double metric(String prometheus, String name) {
    double sum = 0;
    for (String line : prometheus.split("\n")) {
      if (line.startsWith(name)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  static int countOf(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
