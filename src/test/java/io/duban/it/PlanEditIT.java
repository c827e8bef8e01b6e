package io.duban.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin's edit of the plan on one instance is in effect on the other at once (the configuration
 * generation moves; the other rebuilds its plan structure and command vocabulary), and survives a
 * restart of both. With two instances the database is PostgreSQL (an embedded H2 file belongs to
 * one process, whose polls are off); on H2 the test runs the single-instance part.
 */
class PlanEditIT {
  static final String ADMIN = "it-admin-token-0123456789";
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  static Map<String, String> env() {
    return AppProcess.env(
        "DUBAN_ADMIN_TOKEN",
        ADMIN,
        "DUBAN_SESSION_SECRET",
        "it-plan-edit-session-secret-0123456789",
        "DUBAN_CLOCK_TODAY",
        "2018-06-20",
        "DUBAN_READ_MODEL_POLL_INTERVAL",
        "500ms");
  }

  @Test
  void anEditOnOneInstanceIsInEffectOnTheOtherAndAfterRestart(@TempDir Path tmp) throws Exception {
    AppProcess.Database db =
        WeComTwoInstancesIT.shared(AppProcess.Database.fresh(tmp, "plan_edit"));
    Path config = TestData.copyConfig(Path.of("bot-config"));
    Files.writeString(
        config.resolve("bots.yaml"),
        "bots: {}\nroutes: {default: console, leaders: console, admin: console}\n");
    AppProcess a = AppProcess.start(config, tmp.resolve("a"), db, env());
    AppProcess b = null;
    try {
      assertThat(a.awaitReady(Duration.ofSeconds(60))).isTrue();
      if (db.postgres()) {
        b = AppProcess.start(config, tmp.resolve("b"), db, env());
        assertThat(b.awaitReady(Duration.ofSeconds(60))).isTrue();
        assertThat(say(b, "进度 新岗位")).doesNotContain("50,000");
      }
      HttpResponse<String> put =
          send(a, "PUT", "/api/targets/jobs-new", "{\"value\":\"5万\",\"aliases\":[\"新岗位\"]}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(say(a, "进度 新岗位")).contains("50,000");
      if (b != null) {
        AppProcess other = b;
        await(() -> body(a, "/api/projects").contains("50000"));
        await(() -> body(other, "/api/projects").contains("50000"));
        await(() -> say(other, "进度 新岗位").contains("50,000"));
        other.stop();
      }
      a.stop();
      AppProcess again = AppProcess.start(config, tmp.resolve("a"), db, env());
      try {
        assertThat(again.awaitReady(Duration.ofSeconds(60))).isTrue();
        assertThat(say(again, "进度 新岗位")).as("kept across a restart").contains("50,000");
      } finally {
        again.close();
      }
    } finally {
      a.close();
      if (b != null) {
        b.close();
      }
    }
  }

  private static String body(AppProcess app, String path) {
    try {
      return app.get(path, ADMIN).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String say(AppProcess app, String text) {
    try {
      HttpResponse<String> r =
          app.post(
              "/api/chat/messages",
              ADMIN,
              "{\"platform\":\"dingtalk\",\"chatId\":\"demo\",\"senderId\":\"dt-leader-01\",\"text\":\""
                  + text
                  + "\"}");
      return r.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(AppProcess app, String method, String path, String json)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + ADMIN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < until) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    assertThat(condition.getAsBoolean()).as("within 15 s").isTrue();
  }
}
