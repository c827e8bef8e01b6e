package io.duban.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application (target/quarkus-app) started as a separate process, on its own port and
 * database: an H2 file in a temporary folder, or a fresh schema of the PostgreSQL given by DB_URL
 * when the suite runs with DB_KIND=postgresql.
 */
public final class AppProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());

  private AppProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  output.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /** Where the application keeps its data in one test. */
  public record Database(String kind, String url, String user, String password, String schema) {
    public boolean postgres() {
      return "postgresql".equals(kind);
    }

    /** A new, empty database for one test. */
    public static Database fresh(Path dir, String name) throws SQLException {
      if ("postgresql".equals(System.getenv("DB_KIND"))) {
        String base = System.getenv("DB_URL");
        String user = System.getenv("DB_USER");
        String password = System.getenv("DB_PASSWORD");
        String schema = "it_" + name.toLowerCase().replaceAll("[^a-z0-9]", "_");
        try (Connection c = DriverManager.getConnection(base, user, password);
            Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
          s.execute("CREATE SCHEMA " + schema);
        }
        String sep = base.contains("?") ? "&" : "?";
        return new Database(
            "postgresql", base + sep + "currentSchema=" + schema, user, password, schema);
      }
      String url =
          "jdbc:h2:file:"
              + dir.resolve("db").toAbsolutePath()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
      return new Database("h2", url, "sa", "", null);
    }

    public long count(String table) throws SQLException {
      try (Connection c = DriverManager.getConnection(url, user, password == null ? "" : password);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public static Path jar() {
    return Path.of(System.getProperty("duban.app.jar", "target/quarkus-app/quarkus-run.jar"));
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts the application with a configuration folder, a database and extra environment. */
  public static AppProcess start(
      Path configDir, Path dataDir, Database db, Map<String, String> extraEnv) throws IOException {
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dfile.encoding=UTF-8",
            "-jar",
            jar().toAbsolutePath().toString());
    pb.redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("DUBAN_") || k.startsWith("QUARKUS_"));
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("DUBAN_CONFIG_DIR", configDir.toAbsolutePath().toString());
    env.put("DUBAN_DATA_DIR", dataDir.toAbsolutePath().toString());
    env.put("DB_URL", db.url());
    env.put("DB_USER", db.user());
    env.put("DB_PASSWORD", db.password() == null ? "" : db.password());
    env.putAll(extraEnv);
    Files.createDirectories(dataDir);
    return new AppProcess(pb.start(), port);
  }

  public int port() {
    return port;
  }

  public List<String> output() {
    synchronized (output) {
      return new ArrayList<>(output);
    }
  }

  /** Waits until /q/health/ready answers 200; false if the process ended first. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        if (get("/q/health/ready", null).statusCode() == 200) {
          return true;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  public HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Waits for the process to end by itself; returns its exit code or null on timeout. */
  public Integer awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  /** A graceful stop (SIGTERM), as an operator's restart does. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** A hard kill (SIGKILL): no shutdown hooks run. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
