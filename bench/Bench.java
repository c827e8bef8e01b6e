import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Duban's benchmarks against the packaged service on loopback (see bench/README.md). Run with
 * bench/run.sh, which builds the jar (for --db=postgresql the PostgreSQL build) and puts the H2
 * and PostgreSQL drivers on the class path for seeding.
 *
 * <p>Phases: 1 commands (signed DingTalk callbacks vs the health endpoint, also in alternating
 * slices; acknowledgement and reply latency at a fixed arrival rate; on H2 the SQL statements of
 * one warm callback from H2's trace), 2 scale (10,000 targets, 2,000 units, 1,000,000 reports:
 * 全区进度 and 未报; heap), 3 reminder fan-out (2,000 units on 2,000 bots; one shared bot at
 * 20/min), 4 start-up and RSS. Prints the detailed table, then issue 16's goal table.
 */
public class Bench {
  // keep equal to README's run command
  static final String APP_JAVA_OPTS =
      "-Xms128m -Xmx128m -XX:+UseSerialGC -Xss512k"
          + " -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:TieredStopAtLevel=1";
  /** Phases 2 and 3 (the 1,000,000-report plan): the service's JVM options there. */
  static final String SCALE_JAVA_OPTS = "-Xmx512m";
  static final String APP_SECRET = "bench-app-secret";
  static final String ADMIN = "bench-admin-token-0123456789";
  /** The packaged application; run.sh passes --jar= (the PostgreSQL build lives elsewhere). */
  static Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  /** h2 (a file per phase) or postgresql (a database per phase on 127.0.0.1:5432). */
  static String DB = "h2";
  static final String PG_HOST = "jdbc:postgresql://127.0.0.1:5432/";
  static String PG_USER = "postgres";
  /** What the goal table shows, by goal key; filled by the phases. */
  static final Map<String, String> GOALS = new LinkedHashMap<>();
  /** Which JVM options each started service used. */
  static final List<String> STARTS = new ArrayList<>();
  static final HttpClient HTTP =
      HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).connectTimeout(Duration.ofSeconds(5)).build();
  static final List<String[]> RESULTS = new ArrayList<>();
  static final Map<String, String> OPTS = new LinkedHashMap<>();

  public static void main(String[] args) {
    // the client's and the sink's thread pools would keep the JVM alive after the table
    int status = 1;
    try {
      run(args);
      status = 0;
    } catch (Throwable e) {
      e.printStackTrace();
    }
    System.out.flush();
    System.exit(status);
  }

  static void run(String[] args) throws Exception {
    // the JDK's HTTP server leaves Nagle on by default: each sink answer would wait for a delayed
    // ACK (~40 ms) and the benchmark would measure the sink, not the service
    System.setProperty("sun.net.httpserver.nodelay", "true");
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        OPTS.put(a.substring(2, eq), a.substring(eq + 1));
      }
    }
    Path work = Files.createTempDirectory("duban-bench");
    String phases = OPTS.getOrDefault("phases", "1234");
    JAR = Path.of(OPTS.getOrDefault("jar", JAR.toString()));
    DB = OPTS.getOrDefault("db", "h2");
    if (!DB.equals("h2") && !DB.equals("postgresql")) {
      throw new IllegalArgumentException("--db=h2 or --db=postgresql, not " + DB);
    }
    System.out.println("Duban benchmark — " + machine());
    System.out.println("database: " + DB + (DB.equals("h2") ? " (a file per phase)" : " (" + pgAdminLogin() + ")")
        + ", jar: " + JAR);
    System.out.println("work folder: " + work);
    if (phases.contains("1")) {
      commands(work.resolve("commands"));
    }
    if (phases.contains("2") || phases.contains("3")) {
      scale(work.resolve("scale"), phases.contains("2"), phases.contains("3"));
    }
    print();
  }

  // ------------------------------------------------------------------ phase 1: commands

  static void commands(Path dir) throws Exception {
    Sink sink = Sink.start();
    Path config = copyConfig(Path.of("bot-config"), dir.resolve("bot-config"));
    Files.writeString(
        config.resolve("bots.yaml"),
        """
        bots:
          bench-dt:
            platform: dingtalk
            app-key: benchkey
            app-secret: %s
            oapi-base-url: http://127.0.0.1:%d
            rate-limit: 0
        routes:
          default: console
          leaders: console
          admin: console
        """
            .formatted(APP_SECRET, sink.port()));
    freshDatabase("commands");
    App app = App.start("commands", config, dir, Map.of("DUBAN_CLOCK_TODAY", "2018-06-20"), appOpts(), "");
    RESULTS.add(row("start-up to ready (2018 plan, " + DB + ")", ms(app.readyMillis), "", "packaged jar"));
    GOALS.put("start.plan", secs(app.readyMillis));
    String base = "http://127.0.0.1:" + app.port;
    int seconds = Integer.parseInt(OPTS.getOrDefault("seconds", "10"));
    int threads = Integer.parseInt(OPTS.getOrDefault("threads", "16"));
    Requests health = i -> HttpRequest.newBuilder(URI.create(base + "/q/health/live")).GET().build();
    // warm-up
    closedLoop(threads, 3, health, null);
    closedLoop(threads, 3, i -> callback(base, sink, "warm-q-" + i, "进度 就业助推工程"), sink);
    closedLoop(threads, 3, i -> callback(base, sink, "warm-r-" + i, reportText(i)), sink);
    double healthRate = closedLoop(threads, seconds, health, null);
    double query = closedLoop(threads, seconds, i -> callback(base, sink, "q-" + i, "进度 就业助推工程"), sink);
    double report = closedLoop(threads, seconds, i -> callback(base, sink, "r-" + i, reportText(i)), sink);
    RESULTS.add(row("GET /q/health/live", rps(healthRate), "", threads + " connections, " + seconds + " s"));
    RESULTS.add(row("callback 进度 就业助推工程 (answered)", rps(query), ratio(query, healthRate), "counted at the sink"));
    RESULTS.add(row("callback 上报 <人社局的 4 个目标> +1 (recorded)", rps(report), ratio(report, healthRate), "counted at the sink"));
    // the goals' ratios: alternating slices (health, command, health, command, ...), so that the
    // machine's drift from minute to minute falls on both sides of each ratio; the median pair
    int slice = Integer.parseInt(OPTS.getOrDefault("slice", "2"));
    int pairs = Integer.parseInt(OPTS.getOrDefault("pairs", "3"));
    for (String kind : List.of("query", "report")) {
      List<Double> ratios = new ArrayList<>();
      List<Double> rates = new ArrayList<>();
      List<Double> healths = new ArrayList<>();
      for (int p = 0; p < pairs; p++) {
        String prefix = "s" + kind.charAt(0) + p + "-";
        double h = closedLoop(threads, slice, health, null);
        double c =
            closedLoop(
                threads,
                slice,
                i -> callback(base, sink, prefix + i, kind.equals("query") ? "进度 就业助推工程" : reportText(i)),
                sink);
        healths.add(h);
        rates.add(c);
        ratios.add(c / h);
      }
      double medianRatio = median(ratios);
      double medianRate = median(rates);
      RESULTS.add(
          row(
              (kind.equals("query") ? "进度" : "上报") + " ÷ health, " + pairs + " alternating pairs of " + slice + " s slices",
              String.format("median %.4f", medianRatio),
              "ratios " + fmt(ratios, "%.4f") + "; " + kind + " " + fmt(rates, "%.0f") + " /s; health " + fmt(healths, "%.0f") + " /s",
              "reply at the sink"));
      if (kind.equals("query")) {
        GOALS.put("ratio.query", String.format("%.4f (%.0f/s ÷ %.0f/s)", medianRatio, medianRate, median(healths)));
      } else {
        GOALS.put("ratio.report", String.format("%.4f, %.0f/s (health %.0f/s)", medianRatio, medianRate, median(healths)));
      }
    }
    int rate = Integer.parseInt(OPTS.getOrDefault("rate", "200"));
    StringBuilder openGoal = new StringBuilder();
    for (String[] kind : new String[][] {{"进度 就业助推工程", "lq-"}, {"上报 <4 个目标> +1", "lr-"}}) {
      Latencies l =
          openLoop(
              rate,
              seconds,
              i -> kind[1] + i,
              id ->
                  callback(
                      base,
                      sink,
                      id,
                      kind[1].equals("lq-") ? kind[0] : reportText(Integer.parseInt(id.substring(3)))),
              sink);
      RESULTS.add(
          row(
              "open loop " + rate + "/s, " + kind[0] + ": callback → HTTP 200",
              "p50 " + ms(pct(l.ack(), 50)) + ", p99 " + ms(pct(l.ack(), 99)),
              l.ack().size() + " of " + l.sent() + " acknowledged",
              "platform acknowledged"));
      RESULTS.add(
          row(
              "open loop " + rate + "/s, " + kind[0] + ": callback → reply at sink",
              "p50 " + ms(pct(l.reply(), 50)) + ", p99 " + ms(pct(l.reply(), 99)),
              l.reply().size() + " of " + l.sent() + " replies",
              "arrivals above capacity queue up"));
      openGoal.append(openGoal.length() == 0 ? "" : "; ").append(kind[1].equals("lq-") ? "进度 " : "上报 ")
          .append(ms(pct(l.ack(), 99))).append(" / ").append(ms(pct(l.reply(), 99)));
      if (l.reply().size() < l.sent()) {
        openGoal.append(" (").append(l.sent() - l.reply().size()).append(" replies missing)");
      }
    }
    GOALS.put("open", openGoal.toString());
    long rss = app.rssKb();
    RESULTS.add(row("RSS after phase 1", mb(rss), "", "heap " + mb(app.heapUsedBytes() / 1024) + " used; " + app.javaOpts));
    GOALS.put("rss", mb(rss));
    app.stop();
    if (DB.equals("h2")) {
      statements(dir.resolve("trace"), config, sink);
    } else {
      GOALS.put("statements", "n/a (H2 trace)");
    }
    sink.stop();
  }

  /**
   * SQL statements per warm callback, everything it causes (reply delivery included): a service
   * of its own with H2's trace file on (TRACE_LEVEL_FILE=2 writes one {@code /*SQL ...*}{@code /}
   * line per executed statement, COMMIT included) and its background schedulers off, so that the
   * trace segment between a mark and the reply (plus 300 ms for the delivery's own commit) holds
   * only that callback's statements.
   */
  static void statements(Path dir, Path config, Sink sink) throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DUBAN_CLOCK_TODAY", "2018-06-20");
    env.put("DUBAN_OUTBOX_INTERVAL", "off");
    env.put("DUBAN_INBOX_RECOVERY_INTERVAL", "off");
    env.put("DUBAN_REMINDERS_INTERVAL", "off");
    env.put("DUBAN_APPROVALS_INTERVAL", "off");
    env.put("DUBAN_BIND_CHECK_INTERVAL", "off");
    env.put("DUBAN_OUTBOX_DISPATCH_ON_ENQUEUE", "true");
    App app = App.start("statements", config, dir, env, appOpts(), ";TRACE_LEVEL_FILE=2;TRACE_MAX_FILE_SIZE=4000");
    String base = "http://127.0.0.1:" + app.port;
    Path trace = dir.resolve("db.trace.db");
    List<String> counts = new ArrayList<>();
    for (String[] kind : new String[][] {{"进度 就业助推工程", "tq-"}, {"上报 新增就业岗位 +1", "tr-"}}) {
      for (int i = 0; i < 20; i++) {
        sendAndAwaitReply(base, sink, kind[1] + "warm-" + i, kind[0]);
      }
      Thread.sleep(300);
      long mark = Files.size(trace);
      sendAndAwaitReply(base, sink, kind[1] + "measured", kind[0]);
      Thread.sleep(300);
      byte[] all = Files.readAllBytes(trace);
      if (all.length < mark) {
        throw new IllegalStateException("the H2 trace file was rotated during the measurement: " + trace);
      }
      String segment = new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("statements-" + kind[1].charAt(1) + ".trace.txt"), segment);
      Map<String, Integer> byVerb = new java.util.TreeMap<>();
      Matcher m = Pattern.compile("/\\*SQL[^*]*\\*/\\s*([A-Za-z]+)").matcher(segment);
      int n = 0;
      while (m.find()) {
        byVerb.merge(m.group(1).toUpperCase(java.util.Locale.ROOT), 1, Integer::sum);
        n++;
      }
      // H2 traces two COMMIT lines per transaction (commit(), then again as the pool switches
      // auto-commit back on): a transaction is counted once, as the statement-count test does
      int commits = byVerb.getOrDefault("COMMIT", 0);
      int transactions = (commits + 1) / 2;
      int statements = n - commits + transactions;
      counts.add(Integer.toString(statements));
      RESULTS.add(
          row(
              "SQL statements, one warm callback " + kind[0] + " (H2 trace)",
              Integer.toString(statements),
              byVerb + " as traced; " + transactions + " transaction(s) counted once each",
              "reply delivery included; " + dir.resolve("statements-" + kind[1].charAt(1) + ".trace.txt")));
    }
    GOALS.put("statements", String.join(" / ", counts));
    app.stop();
  }

  static void sendAndAwaitReply(String base, Sink sink, String msgId, String text) throws Exception {
    HttpResponse<Void> r = HTTP.send(callback(base, sink, msgId, text), HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(text + " → HTTP " + r.statusCode());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sink.arrival(msgId) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no reply at the sink for " + msgId);
      }
      Thread.sleep(2);
    }
  }

  /**
   * A report from 人社局's contact, rotating over the unit's four targets: reports on one target
   * serialize on that target's row (its current figure), as they must; a unit's contact rarely
   * reports the same target twice in a second.
   */
  static String reportText(int i) {
    return "上报 " + REPORTED[i % REPORTED.length] + " +1";
  }

  static final String[] REPORTED = {"新增就业岗位", "城镇就业", "公益性岗位", "大学生就业见习"};

  /** The last DingTalk timestamp used: every callback gets its own, as DingTalk's do. */
  static final AtomicLong STAMP = new AtomicLong();

  static HttpRequest callback(String base, Sink sink, String msgId, String text) {
    long ts = STAMP.updateAndGet(prev -> Math.max(prev + 1, System.currentTimeMillis()));
    String body =
        "{\"msgtype\":\"text\",\"text\":{\"content\":\" "
            + text
            + "\"},\"msgId\":\""
            + msgId
            + "\",\"conversationType\":\"2\",\"conversationId\":\"cidBench\",\"senderStaffId\":\"dt-rsj-01\","
            + "\"senderNick\":\"赵示一\",\"sessionWebhook\":\"http://127.0.0.1:"
            + sink.port()
            + "/robot/sendBySession?session="
            + msgId
            + "\",\"sessionWebhookExpiredTime\":"
            + (ts + 5_400_000)
            + "}";
    return HttpRequest.newBuilder(URI.create(base + "/webhooks/dingtalk/bench-dt"))
        .header("Content-Type", "application/json")
        .header("timestamp", Long.toString(ts))
        .header("sign", sign(ts, APP_SECRET))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  interface Requests {
    HttpRequest make(int i);
  }

  /**
   * Requests per second for {@code seconds} with {@code threads} closed-loop clients. For
   * callbacks (sink given) the rate counts replies arrived at the sink, so processing must keep up.
   */
  static double closedLoop(int threads, int seconds, Requests requests, Sink sink) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    int before = sink == null ? 0 : sink.count();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    HttpResponse<Void> r = HTTP.send(requests.make(next.getAndIncrement()), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                      done.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                    }
                  } catch (Exception e) {
                    failed.incrementAndGet();
                  }
                }
              });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    if (failed.get() > 0) {
      System.out.println("  (" + failed.get() + " requests failed)");
    }
    if (sink == null) {
      return done.get() / ((System.nanoTime() - start) / 1e9);
    }
    int expected = before + done.get();
    sink.await(expected, Duration.ofSeconds(120));
    return (sink.count() - before) / ((sink.lastArrivalNanos() - start) / 1e9);
  }

  interface Ids {
    String id(int i);
  }

  interface Callbacks {
    HttpRequest make(String id);
  }

  /** Open-loop latencies (ns, sorted): callback → its HTTP 200, and callback → its reply at the sink. */
  record Latencies(int sent, List<Long> ack, List<Long> reply) {}

  /** Sends at a fixed arrival rate (not waiting for answers); measures acknowledgement and reply. */
  static Latencies openLoop(int rate, int seconds, Ids ids, Callbacks callbacks, Sink sink) throws Exception {
    int total = rate * seconds;
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> ackAt = new ConcurrentHashMap<>();
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch scheduled = new CountDownLatch(total);
    long periodNanos = 1_000_000_000L / rate;
    long t0 = System.nanoTime() + 50_000_000;
    for (int i = 0; i < total; i++) {
      int n = i;
      long delay = t0 + n * periodNanos - System.nanoTime();
      clock.schedule(
          () -> {
            String id = ids.id(n);
            HttpRequest request = callbacks.make(id);
            sentAt.put(id, System.nanoTime());
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete(
                    (r, e) -> {
                      if (r != null && r.statusCode() == 200) {
                        ackAt.put(id, System.nanoTime());
                      }
                      answered.incrementAndGet();
                    });
            scheduled.countDown();
          },
          Math.max(0, delay),
          TimeUnit.NANOSECONDS);
    }
    scheduled.await();
    clock.shutdown();
    sink.awaitAll(sentAt.keySet(), Duration.ofSeconds(60));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (answered.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    List<Long> acks = new ArrayList<>();
    List<Long> replies = new ArrayList<>();
    for (Map.Entry<String, Long> e : sentAt.entrySet()) {
      Long acked = ackAt.get(e.getKey());
      if (acked != null) {
        acks.add(acked - e.getValue());
      }
      Long arrived = sink.arrival(e.getKey());
      if (arrived != null) {
        replies.add(arrived - e.getValue());
      }
    }
    Collections.sort(acks);
    Collections.sort(replies);
    return new Latencies(total, acks, replies);
  }

  // ------------------------------------------------------------------ phases 2 and 3: scale

  static void scale(Path dir, boolean queries, boolean fanout) throws Exception {
    int units = Integer.parseInt(OPTS.getOrDefault("units", "2000"));
    int targets = Integer.parseInt(OPTS.getOrDefault("targets", "10000"));
    int reports = Integer.parseInt(OPTS.getOrDefault("reports", "1000000"));
    Sink sink = Sink.start();
    Path config = generatedConfig(dir.resolve("bot-config"), units, targets, sink.port(), false);
    // the reminder job's own schedule off (it runs 20 s after start): phase 3's round is the
    // benchmark's POST, not a tick that beat it while phase 2's queries ran
    Map<String, String> env =
        Map.of("DUBAN_CLOCK_TODAY", "2018-06-20", "DUBAN_OUTBOX_WORKERS", "16", "DUBAN_REMINDERS_INTERVAL", "off");
    freshDatabase("scale");
    App first = App.start("scale", config, dir, env, scaleOpts(), "");
    RESULTS.add(row("start-up to ready, first start (" + targets + " targets, " + units + " units)", ms(first.readyMillis), "", "loads the plan"));
    first.stop();
    long seeded = seed("scale", dir, reports);
    App app = App.start("scale (restart)", config, dir, env, scaleOpts(), "");
    RESULTS.add(row("start-up to ready, restart with " + seeded + " reports", ms(app.readyMillis), "", app.javaOpts));
    GOALS.put("start.restart", secs(app.readyMillis) + " (" + seeded + " reports)");
    String base = "http://127.0.0.1:" + app.port;
    if (queries) {
      List<String> p50s = new ArrayList<>();
      for (String command : List.of("全区进度", "未报")) {
        // enough warm-up for the JIT to have compiled the query's path: steady state is measured
        for (int i = 0; i < 20; i++) {
          simulate(base, command);
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          long t = System.nanoTime();
          simulate(base, command);
          times.add(System.nanoTime() - t);
        }
        Collections.sort(times);
        RESULTS.add(
            row(
                command + " (leader, " + targets + " targets, " + seeded + " reports)",
                "p50 " + ms(pct(times, 50)) + ", max " + ms(times.get(times.size() - 1)),
                "",
                "simulator, 50 after 20 warm-up"));
        p50s.add(ms(pct(times, 50)));
      }
      GOALS.put("queries", String.join(" / ", p50s) + " (" + targets + " targets, " + units + " units, " + seeded + " reports)");
      RESULTS.add(row("heap after phase 2", mb(app.heapUsedBytes() / 1024), "max " + mb(app.heapMaxBytes() / 1024), app.javaOpts));
    }
    if (fanout) {
      long t = System.nanoTime();
      HttpResponse<String> run =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/api/reminders/run?date=2018-06-20"))
                  .header("Authorization", "Bearer " + ADMIN)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      int planned = count(run.body(), "\"rule\":");
      long planMs = (System.nanoTime() - t) / 1_000_000;
      boolean all = sink.await(units, Duration.ofSeconds(60));
      if (planned == 0) {
        System.out.println("  reminder round planned nothing: HTTP " + run.statusCode() + " "
            + run.body().substring(0, Math.min(300, run.body().length())));
      }
      long deliveredMs = sink.count() == 0 ? 60_000 : (sink.lastArrivalNanos() - t) / 1_000_000;
      RESULTS.add(
          row(
              "reminder fan-out: " + units + " units on " + units + " bots",
              (all ? "all " : sink.count() + " of ") + units + " delivered in " + deliveredMs + " ms",
              planned + " planned in " + planMs + " ms",
              "unpaced bots"));
      GOALS.put("fanout", (all ? "" : "only " + sink.count() + " of " + units + " in ") + secs(deliveredMs)
          + (units == 2000 ? "" : " (" + units + " units)"));
      RESULTS.add(row("RSS after phase 3a", mb(app.rssKb()), "", ""));
      app.stop();
      // one shared bot at 20/min: the round merges into as few sends as the byte limit allows
      // (a fresh database: the units of phase 3a have had their reminder for this period)
      Sink shared = Sink.start();
      Path sharedDir = dir.resolve("shared");
      Path sharedConfig = generatedConfig(sharedDir.resolve("bot-config"), units, targets, shared.port(), true);
      freshDatabase("shared");
      App again = App.start("shared", sharedConfig, sharedDir, env, scaleOpts(), "");
      String b2 = "http://127.0.0.1:" + again.port;
      HttpResponse<String> round =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(b2 + "/api/reminders/run?date=2018-06-20"))
                  .header("Authorization", "Bearer " + ADMIN)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      int reminders = count(round.body(), "\"rule\":");
      long bytes = 0;
      Matcher m = Pattern.compile("\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(round.body());
      while (m.find()) {
        bytes += m.group(1).replace("\\n", "\n").getBytes(StandardCharsets.UTF_8).length + 2;
      }
      long minimum = (bytes + 18_999) / 19_000;
      long waitMinutes = minimum / 20 + 2;
      shared.awaitQuiet(Duration.ofSeconds(70), Duration.ofMinutes(waitMinutes + 1), reminders);
      RESULTS.add(
          row(
              "one shared bot at 20/min: " + reminders + " reminders",
              shared.count() + " sends (minimum by bytes " + minimum + ")",
              shared.firstMinute() + " in the first minute",
              "paced, merged"));
      RESULTS.add(row("RSS after phase 3b", mb(again.rssKb()), "", ""));
      again.stop();
      shared.stop();
    } else {
      app.stop();
    }
    sink.stop();
  }

  static void simulate(String base, String text) throws Exception {
    String body =
        "{\"platform\":\"dingtalk\",\"chatId\":\"bench\",\"senderId\":\"dt-leader\",\"text\":\"" + text + "\"}";
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/chat/messages"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || r.body().contains("出错")) {
      throw new IllegalStateException(text + " → " + r.statusCode() + " " + r.body());
    }
  }

  /** A generated plan: units × (targets/units) numeric monthly targets, one reporter per unit. */
  static Path generatedConfig(Path dir, int units, int targets, int sinkPort, boolean sharedBot) throws IOException {
    Files.createDirectories(dir);
    copyConfig(Path.of("bot-config/calendar"), dir.resolve("calendar"));
    StringBuilder plan = new StringBuilder();
    plan.append("year: 2018\ntitle: 基准测试计划\nperiod: {start: 2018-01-01, end: 2018-12-31}\nunits:\n");
    for (int u = 0; u < units; u++) {
      plan.append("  - {name: 单位").append(u).append("}\n");
    }
    plan.append("categories:\n");
    int perProject = 40;
    int projects = (targets + perProject - 1) / perProject;
    int perCategory = (projects + 7) / 8;
    int t = 0;
    for (int c = 0; c < 8 && t < targets; c++) {
      plan.append("  - number: ").append(c + 1).append("\n    name: 实事").append(c + 1).append("\n    projects:\n");
      for (int p = 0; p < perCategory && t < targets; p++) {
        int project = c * perCategory + p;
        plan.append("      - name: 工程").append(project).append("\n        lead-units: [单位")
            .append(project % units).append("]\n        targets:\n");
        for (int k = 0; k < perProject && t < targets; k++, t++) {
          plan.append("          - {id: t").append(t).append(", name: 目标").append(t)
              .append(", value: 1000, unit: 个, owners: [单位").append(t % units).append("]}\n");
        }
      }
    }
    Files.writeString(dir.resolve("plan.yaml"), plan.toString());
    StringBuilder contacts = new StringBuilder("units: [督查室]\ncontacts:\n");
    contacts.append("  - {id: leader, name: 领导, unit: 督查室, role: [leader, admin], mobile: \"13900000000\", ids: {dingtalk: dt-leader}}\n");
    for (int u = 0; u < units; u++) {
      contacts.append("  - {id: c").append(u).append(", name: 填报人").append(u).append(", unit: 单位").append(u)
          .append(", role: reporter, mobile: \"13").append(String.format("%09d", u)).append("\", ids: {dingtalk: dt-")
          .append(u).append("}}\n");
    }
    Files.writeString(dir.resolve("contacts.yaml"), contacts.toString());
    StringBuilder bots = new StringBuilder("bots:\n");
    if (sharedBot) {
      bots.append("  shared:\n    platform: dingtalk\n    webhook-url: http://127.0.0.1:").append(sinkPort)
          .append("/robot/send?access_token=shared\n    rate-limit: 20/min\n");
    } else {
      for (int u = 0; u < units; u++) {
        bots.append("  bot").append(u).append(":\n    platform: dingtalk\n    webhook-url: http://127.0.0.1:")
            .append(sinkPort).append("/robot/send?access_token=u").append(u).append("\n    rate-limit: 0\n");
      }
    }
    bots.append("routes:\n  default: ").append(sharedBot ? "shared" : "console").append("\n  leaders: console\n  admin: console\n");
    if (!sharedBot) {
      bots.append("  units:\n");
      for (int u = 0; u < units; u++) {
        bots.append("    单位").append(u).append(": bot").append(u).append("\n");
      }
    }
    Files.writeString(dir.resolve("bots.yaml"), bots.toString());
    Files.writeString(dir.resolve("reminders.yaml"), "jitter: 1m\nquiet-hours: {from: \"00:00\", to: \"00:00\"}\n");
    return dir;
  }

  /**
   * Seeds report rows (and the current figure per target) straight into the stopped app's
   * database: its H2 file, or its PostgreSQL database (batched inserts, rewritten by the driver
   * into multi-row INSERTs; then ANALYZE so the restarted service's plans see the rows).
   */
  static long seed(String phase, Path dir, int reports) throws Exception {
    long t = System.nanoTime();
    try (Connection c = seedConnection(phase, dir)) {
      c.setAutoCommit(false);
      List<long[]> owners = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT target_id, unit_id FROM target_owner ORDER BY target_id")) {
        while (rs.next()) {
          owners.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
      String sql =
          "INSERT INTO report (target_id, unit_id, kind, figure, plan_date, plan_time, recorded_at, period_key, late,"
              + " correction, reporter_name, on_behalf, platform, chat_id, message_id, original_text, withdrawn)"
              + " VALUES (?, ?, 'FIGURE', ?, ?, ?, ?, ?, FALSE, FALSE, '基准', FALSE, 'dingtalk', 'bench', ?, '上报', FALSE)";
      int perTarget = Math.max(1, reports / owners.size());
      long n = 0;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (long[] o : owners) {
          for (int k = 0; k < perTarget && n < reports; k++, n++) {
            // January to May: every unit has reported May and owes June (reminders are due)
            int month = 1 + Math.min(4, k * 5 / perTarget);
            java.time.LocalDate day = java.time.LocalDate.of(2018, month, 20);
            ps.setLong(1, o[0]);
            ps.setLong(2, o[1]);
            ps.setBigDecimal(3, java.math.BigDecimal.valueOf(k + 1));
            ps.setObject(4, day);
            ps.setObject(5, day.atTime(10, 0));
            ps.setObject(6, java.time.OffsetDateTime.now());
            ps.setString(7, String.format("2018-%02d", month));
            ps.setString(8, "seed-" + n);
            ps.addBatch();
            if (n % 5000 == 0) {
              ps.executeBatch();
            }
          }
        }
        ps.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO target_state (target_id, unit_id, figure, last_report_id, last_plan_date, last_recorded_at, version)"
                + " SELECT r.target_id, r.unit_id, r.figure, r.id, r.plan_date, r.recorded_at, 0 FROM report r"
                + " JOIN (SELECT MAX(id) AS id FROM report GROUP BY target_id, unit_id) last ON r.id = last.id");
      }
      c.commit();
      if (DB.equals("postgresql")) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("VACUUM ANALYZE report");
          s.execute("VACUUM ANALYZE target_state");
        }
      }
      System.out.println("  seeded " + n + " reports in " + (System.nanoTime() - t) / 1_000_000 + " ms (" + DB + ")");
      return n;
    }
  }

  // ------------------------------------------------------------------ databases and JVM options

  /** Phase 1's service: BENCH_APP_JAVA_OPTS, by default the README's run options. */
  static String appOpts() {
    String v = System.getenv("BENCH_APP_JAVA_OPTS");
    return v == null || v.isBlank() ? APP_JAVA_OPTS : v.trim();
  }

  /** Phases 2 and 3's service: BENCH_SCALE_JAVA_OPTS, by default -Xmx512m. */
  static String scaleOpts() {
    String v = System.getenv("BENCH_SCALE_JAVA_OPTS");
    return v == null || v.isBlank() ? SCALE_JAVA_OPTS : v.trim();
  }

  /** duban_bench_commands, duban_bench_scale, ...: a throwaway PostgreSQL database per phase. */
  static String pgName(String phase) {
    return "duban_bench_" + phase.replaceAll(" .*", "").replaceAll("[^a-z0-9]", "_");
  }

  /** Finds a login that works (trust auth: postgres, else root) and says which. */
  static String pgAdminLogin() throws Exception {
    Exception last = null;
    for (String user : List.of("postgres", "root")) {
      try (Connection c = DriverManager.getConnection(PG_HOST + "postgres", user, "")) {
        PG_USER = user;
        return "127.0.0.1:5432 as " + user + ", " + c.getMetaData().getDatabaseProductName() + " "
            + c.getMetaData().getDatabaseProductVersion();
      } catch (java.sql.SQLException e) {
        last = e;
      }
    }
    throw new IllegalStateException("no PostgreSQL at 127.0.0.1:5432 for user postgres or root", last);
  }

  /** On PostgreSQL, drops and creates the phase's database (H2: every phase has a new folder). */
  static void freshDatabase(String phase) throws Exception {
    if (!DB.equals("postgresql")) {
      return;
    }
    try (Connection c = DriverManager.getConnection(PG_HOST + "postgres", PG_USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + pgName(phase) + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + pgName(phase));
    }
  }

  /** The service's database settings for {@code phase} (application.properties: DB_KIND, DB_URL, ...). */
  static Map<String, String> dbEnv(String phase, Path dir, String h2Suffix) {
    Map<String, String> env = new LinkedHashMap<>();
    if (DB.equals("postgresql")) {
      env.put("DB_KIND", "postgresql");
      env.put("DB_URL", PG_HOST + pgName(phase));
      env.put("DB_USER", PG_USER);
      env.put("DB_PASSWORD", "");
    } else {
      env.put("DB_URL", App.h2Url(dir) + h2Suffix);
    }
    return env;
  }

  static Connection seedConnection(String phase, Path dir) throws Exception {
    if (DB.equals("postgresql")) {
      return DriverManager.getConnection(PG_HOST + pgName(phase) + "?reWriteBatchedInserts=true", PG_USER, "");
    }
    return DriverManager.getConnection(App.h2Url(dir), "sa", "");
  }

  // ------------------------------------------------------------------ the application process

  static final class App {
    final Process process;
    final int port;
    final long readyMillis;
    final String javaOpts;

    private App(Process process, int port, long readyMillis, String javaOpts) {
      this.process = process;
      this.port = port;
      this.readyMillis = readyMillis;
      this.javaOpts = javaOpts;
    }

    static String h2Url(Path dir) {
      return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    /**
     * Starts the jar for {@code phase} with {@code javaOpts} (then BENCH_EXTRA_JAVA_OPTS) on the
     * phase's database; {@code h2Suffix} is appended to an H2 URL (e.g. the trace settings).
     */
    static App start(String phase, Path config, Path dir, Map<String, String> extraEnv, String javaOpts, String h2Suffix)
        throws Exception {
      int port = freePort();
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      String opts = javaOpts.trim();
      // e.g. BENCH_EXTRA_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/app.jfr" to profile it
      String extraOpts = System.getenv("BENCH_EXTRA_JAVA_OPTS");
      if (extraOpts != null && !extraOpts.isBlank()) {
        opts = (opts + " " + extraOpts.trim()).trim();
      }
      if (!opts.isEmpty()) {
        command.addAll(List.of(opts.split("\\s+")));
      }
      command.add("-Dfile.encoding=UTF-8");
      command.add("-jar");
      command.add(JAR.toAbsolutePath().toString());
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectErrorStream(true);
      Files.createDirectories(dir);
      pb.redirectOutput(dir.resolve("app.log").toFile());
      Map<String, String> env = pb.environment();
      env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      env.put("DUBAN_CONFIG_DIR", config.toAbsolutePath().toString());
      env.put("DUBAN_DATA_DIR", dir.resolve("data").toAbsolutePath().toString());
      env.put("DUBAN_ADMIN_TOKEN", ADMIN);
      env.putAll(dbEnv(phase, dir, h2Suffix));
      env.put("QUARKUS_LOG_LEVEL", "WARN");
      env.put("MALLOC_ARENA_MAX", "2"); // as the README's run command
      env.putAll(extraEnv);
      STARTS.add(phase + ": " + (opts.isEmpty() ? "(no options)" : opts) + " — " + env.get("DB_URL"));
      long t = System.nanoTime();
      Process p = pb.start();
      while (true) {
        if (!p.isAlive()) {
          throw new IllegalStateException("the application stopped; see " + dir.resolve("app.log"));
        }
        try {
          HttpResponse<Void> r =
              HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(50);
      }
      return new App(p, port, (System.nanoTime() - t) / 1_000_000, opts);
    }

    long rssKb() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    }

    long heapUsedBytes() throws Exception {
      return metric("jvm_memory_used_bytes", "area=\"heap\"");
    }

    long heapMaxBytes() throws Exception {
      return metric("jvm_memory_max_bytes", "area=\"heap\"");
    }

    long metric(String name, String label) throws Exception {
      String body =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      double sum = 0;
      for (String line : body.split("\n")) {
        if (line.startsWith(name + "{") && line.contains(label)) {
          double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          if (v > 0) {
            sum += v;
          }
        }
      }
      return (long) sum;
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  // ------------------------------------------------------------------ the local sink

  /** A local HTTP sink playing the robot: answers errcode 0 and records when each message arrived. */
  static final class Sink {
    final HttpServer server;
    final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    final AtomicInteger count = new AtomicInteger();
    final AtomicLong last = new AtomicLong();
    final AtomicLong first = new AtomicLong();
    final AtomicInteger inFirstMinute = new AtomicInteger();

    private Sink(HttpServer server) {
      this.server = server;
    }

    static Sink start() throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
      Sink sink = new Sink(server);
      server.createContext(
          "/",
          exchange -> {
            long now = System.nanoTime();
            try (InputStream in = exchange.getRequestBody()) {
              in.readAllBytes();
            }
            String query = exchange.getRequestURI().getRawQuery();
            String key = query == null ? "" : query.replaceAll(".*(?:session|access_token)=([^&]+).*", "$1");
            sink.arrivals.putIfAbsent(key + (key.startsWith("u") || key.equals("shared") ? "#" + sink.count.get() : ""), now);
            sink.count.incrementAndGet();
            sink.first.compareAndSet(0, now);
            if (now - sink.first.get() < TimeUnit.SECONDS.toNanos(60)) {
              sink.inFirstMinute.incrementAndGet();
            }
            sink.last.set(now);
            byte[] ok = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
          });
      server.setExecutor(Executors.newFixedThreadPool(16));
      server.start();
      return sink;
    }

    int port() {
      return server.getAddress().getPort();
    }

    int count() {
      return count.get();
    }

    int firstMinute() {
      return inFirstMinute.get();
    }

    long lastArrivalNanos() {
      return last.get();
    }

    Long arrival(String id) {
      return arrivals.get(id);
    }

    boolean await(int n, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (count.get() < n && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      return count.get() >= n;
    }

    void awaitAll(Set<String> ids, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!arrivals.keySet().containsAll(ids) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    /** Waits until nothing arrived for {@code quiet} (pacing gaps are shorter), or the deadline. */
    void awaitQuiet(Duration quiet, Duration timeout, int expectedMessages) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Thread.sleep(500);
        if (count.get() > 0 && System.nanoTime() - last.get() > quiet.toNanos()) {
          return;
        }
      }
    }

    void stop() {
      server.stop(0);
    }
  }

  // ------------------------------------------------------------------ helpers

  static String sign(long ts, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal((ts + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Path copyConfig(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  static String ms(long nanosOrMillis) {
    return nanosOrMillis > 1_000_000 ? String.format("%.1f ms", nanosOrMillis / 1e6) : nanosOrMillis + " ms";
  }

  static String rps(double v) {
    return String.format("%.0f req/s", v);
  }

  static String ratio(double a, double b) {
    return String.format("%.2f × health", a / b);
  }

  static String mb(long kb) {
    return String.format("%.0f MB", kb / 1024.0);
  }

  static String[] row(String what, String value, String extra, String note) {
    System.out.println("  " + what + ": " + value + (extra.isEmpty() ? "" : " (" + extra + ")"));
    return new String[] {what, value, extra, note};
  }

  static String machine() {
    String cpu = "?";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version")
        + ", " + Instant.now();
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String fmt(List<Double> values, String format) {
    List<String> out = new ArrayList<>();
    for (double v : values) {
      out.add(String.format(format, v));
    }
    return String.join(", ", out);
  }

  static String secs(long millis) {
    return String.format("%.1f s", millis / 1000.0);
  }

  /** Issue 16's goal table: the row, what this run measured, the goal. */
  static final String[][] GOAL_ROWS = {
    {"statements", "SQL statements per warm query / report callback, reply delivery included", "≤ 4 / ≤ 8"},
    {"ratio.query", "query callbacks ÷ health req/s (reply delivered; alternating slices of each, median ratio)", "≥ 0.1"},
    {"ratio.report", "report callbacks ÷ health req/s, and absolute", "≥ 0.05 and > 200/s"},
    {"open", "open loop 200/s: callback → platform acknowledged (HTTP 200 of the callback) p99 / reply at sink p99", "≤ 50 ms / ≤ 150 ms"},
    {"queries", "全区进度, 未报 at 10,000 targets / 2,000 units / 1M reports, p50", "≤ 15 ms"},
    {"fanout", "reminder fan-out, 2,000 units on 2,000 unpaced bots", "≤ 5 s"},
    {"start", "packaged start to ready: 2018 plan / restart with 1M reports", "≤ 2 s / ≤ 4 s"},
    {"rss", "RSS after the command phase, with the README's run options", "≤ 250 MB"},
  };

  static void print() {
    System.out.println();
    System.out.println("| measurement | result | detail | goal / note |");
    System.out.println("|---|---|---|---|");
    for (String[] r : RESULTS) {
      System.out.println("| " + String.join(" | ", r) + " |");
    }
    System.out.println();
    System.out.println("Goals (" + DB + "):");
    System.out.println();
    System.out.println("| goal | measured | goal |");
    System.out.println("|---|---|---|");
    String notRun = "not run";
    GOALS.put(
        "start",
        GOALS.getOrDefault("start.plan", notRun) + " / " + GOALS.getOrDefault("start.restart", notRun));
    for (String[] g : GOAL_ROWS) {
      System.out.println("| " + g[1] + " | " + GOALS.getOrDefault(g[0], notRun) + " | " + g[2] + " |");
    }
    System.out.println();
    System.out.println("Services started (JVM options — database):");
    for (String s : STARTS) {
      System.out.println("- " + s);
    }
  }
}
