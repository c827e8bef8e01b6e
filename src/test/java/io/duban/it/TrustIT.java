package io.duban.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duban.chat.dingtalk.DingTalkSigner;
import io.duban.support.RawHttp;
import io.duban.support.SignedCallbacks;
import io.duban.support.TestData;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trust on the packaged service as an operator runs it: wrong tokens are throttled at the default
 * limit (10 a minute) with 429 and Retry-After, the right token included; the data folder and its
 * secrets are owner-only; a malformed address answers JSON. On PostgreSQL, two instances: a
 * DingTalk signature used on one cannot carry another message to the other, and a dashboard session
 * that 退出 ended on one is refused by the other (same DUBAN_SESSION_SECRET).
 */
class TrustIT {
  static final String ADMIN = "it-admin-token-0123456789";
  static final String SECRET = "it-trust-app-secret";
  final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  static Path config() throws Exception {
    Path config = TestData.copyConfig(Path.of("bot-config"));
    Files.writeString(
        config.resolve("bots.yaml"),
        """
        bots:
          it-dt:
            platform: dingtalk
            app-key: itkey
            app-secret: ${IT_DT_SECRET}
            rate-limit: 0
        routes:
          default: console
          leaders: console
          admin: console
        """);
    return config;
  }

  static Map<String, String> env(String... extra) {
    Map<String, String> env =
        AppProcess.env(
            "IT_DT_SECRET",
            SECRET,
            "DUBAN_ADMIN_TOKEN",
            ADMIN,
            "DUBAN_READ_TOKEN",
            "it-read-token-0123456789",
            "DUBAN_CLOCK_TODAY",
            "2018-06-20");
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  @Test
  void wrongTokensAreThrottledAndTheDataFolderIsOwnerOnly(@TempDir Path tmp) throws Exception {
    AppProcess.Database db = AppProcess.Database.fresh(tmp, "trust_single");
    Path data = tmp.resolve("data");
    try (AppProcess app = AppProcess.start(config(), data, db, env("DUBAN_ADMIN_TOKEN", ""))) {
      assertThat(app.awaitReady(Duration.ofSeconds(90)))
          .as(String.join("\n", app.output()))
          .isTrue();
      // the generated admin token, the session secret and the folder: owner-only
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
      for (String f : List.of("admin-token", "session-secret")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(f))))
            .as(f)
            .isEqualTo("rw-------");
      }
      if (!db.postgres()) {
        try (Stream<Path> files = Files.list(tmp)) {
          for (Path p : files.filter(p -> p.getFileName().toString().startsWith("db.")).toList()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .as(p.toString())
                .isEqualTo("rw-------");
          }
        }
      }
      String admin = Files.readString(data.resolve("admin-token")).trim();
      String log = String.join("\n", app.output());
      assertThat(log).doesNotContain(admin);

      for (int i = 0; i < 10; i++) {
        assertThat(app.get("/api/contacts", "wrong-" + i).statusCode()).isEqualTo(401);
      }
      HttpResponse<String> blocked = app.get("/api/contacts", "wrong-again");
      assertThat(blocked.statusCode()).isEqualTo(429);
      assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
      assertThat(blocked.body()).contains("\"error\":\"令牌错误次数过多");
      // while blocked, the right token gets the same answer (no oracle for guesses)
      assertThat(app.get("/api/contacts", admin).statusCode()).isEqualTo(429);
      HttpResponse<String> login =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Origin", "http://127.0.0.1:" + app.port())
                  .POST(HttpRequest.BodyPublishers.ofString("token=" + admin))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).isEqualTo(429);
      assertThat(login.body()).contains("秒后再试");
      // requests without a token are not affected
      assertThat(app.get("/q/health/ready", null).statusCode()).isEqualTo(200);
      // logged once a minute per client, never with the token
      String after = String.join("\n", app.output());
      assertThat(after.split("认证失败：客户端", -1).length - 1).isEqualTo(1);
      assertThat(after).doesNotContain("wrong-again").doesNotContain(admin);

      // a malformed address answers JSON on the packaged service too
      String raw =
          RawHttp.send(
              new URL("http://127.0.0.1:" + app.port() + "/"),
              "GET /api/contacts/%zz HTTP/1.1",
              "Authorization: Bearer " + admin);
      assertThat(raw).startsWith("HTTP/1.1 400").contains("\"error\":\"请求地址格式不对");
      app.stop();
    }
  }

  @Test
  void twoInstancesShareUsedSignaturesAndRevokedSessions(@TempDir Path tmp) throws Exception {
    assumeTrue(
        "postgresql".equals(System.getenv("DB_KIND")),
        "two instances need a shared PostgreSQL (runs in the PostgreSQL pass of .ci/run)");
    AppProcess.Database db = AppProcess.Database.fresh(tmp, "trust_two");
    Map<String, String> env = env("DUBAN_SESSION_SECRET", "it-shared-session-secret-0123456789");
    Path config = config();
    AppProcess a = AppProcess.start(config, tmp.resolve("a"), db, env);
    AppProcess b = AppProcess.start(config, tmp.resolve("b"), db, env);
    try {
      assertThat(a.awaitReady(Duration.ofSeconds(90))).as(String.join("\n", a.output())).isTrue();
      assertThat(b.awaitReady(Duration.ofSeconds(90))).as(String.join("\n", b.output())).isTrue();

      long ts = System.currentTimeMillis();
      String sign = DingTalkSigner.sign(ts, SECRET);
      assertThat(callback(a, ts, sign, "it-genuine", "dt-rsj-01", "上报 新增就业岗位 100")).isEqualTo(200);
      Thread.sleep(300);
      assertThat(callback(b, ts, sign, "it-forged", "dt-admin-01", "代报 人社局 新增就业岗位 99999"))
          .as("the same signature with another message, on the other instance")
          .isEqualTo(401);
      assertThat(callback(b, ts, sign, "it-genuine", "dt-rsj-01", "上报 新增就业岗位 100"))
          .as("the genuine message again is a duplicate")
          .isEqualTo(200);
      assertThat(db.count("report")).isEqualTo(1);

      String cookie = login(a);
      assertThat(get(b, "/api/projects", cookie).statusCode()).isEqualTo(200);
      HttpResponse<String> out =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/logout"))
                  .header("Cookie", cookie)
                  .header("Origin", "http://127.0.0.1:" + a.port())
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(out.statusCode()).isEqualTo(303);
      assertThat(get(b, "/api/projects", cookie).statusCode()).isEqualTo(401);
      assertThat(get(a, "/api/projects", cookie).statusCode()).isEqualTo(401);
      a.stop();
      b.stop();
    } finally {
      a.kill();
      b.kill();
    }
  }

  String login(AppProcess app) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + app.port())
                .POST(HttpRequest.BodyPublishers.ofString("token=it-read-token-0123456789"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  HttpResponse<String> get(AppProcess app, String path, String cookie) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("Cookie", cookie)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  int callback(AppProcess app, long ts, String sign, String id, String sender, String text)
      throws Exception {
    String body =
        "{\"msgtype\":\"text\",\"text\":{\"content\":\" "
            + text
            + "\"},\"msgId\":\""
            + id
            + "\",\"conversationType\":\"2\",\"conversationId\":\"cidTrust\",\"senderStaffId\":\""
            + sender
            + "\"}";
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + "/webhooks/dingtalk/it-dt"))
            .header("Content-Type", "application/json");
    SignedCallbacks.dingTalkRawHeaders(ts, sign).forEach(request::header);
    return http.send(
            request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
