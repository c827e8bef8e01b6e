package io.duban.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.TestData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged application as an operator runs it: start, restart, broken configuration. */
class StartupIT {
  static final List<String> TABLES =
      List.of(
          "plan",
          "unit",
          "category",
          "project",
          "target",
          "target_owner",
          "checklist_item",
          "contact",
          "contact_identity",
          "plan_exclusion",
          "app_setting",
          "audit_event");

  @Test
  void startsOnTheDefaultsServesThePlanAndRestartsWithoutNewRows(@TempDir Path tmp)
      throws Exception {
    AppProcess.Database db = AppProcess.Database.fresh(tmp, "restart");
    Map<String, String> env = AppProcess.env("DUBAN_CLOCK_TODAY", "2018-06-20");
    Map<String, Long> first = null;
    for (int run = 0; run < 3; run++) {
      try (AppProcess app = AppProcess.start(Path.of("bot-config"), tmp.resolve("data"), db, env)) {
        assertThat(app.awaitReady(Duration.ofSeconds(90)))
            .as(String.join("\n", app.output()))
            .isTrue();
        HttpResponse<String> projects = app.get("/api/projects", null);
        assertThat(projects.statusCode()).isEqualTo(200);
        assertThat(projects.body()).contains("就业助推工程").contains("\"target\":48000");
        assertThat(countOccurrences(projects.body(), "\"leadUnits\"")).isEqualTo(22);
        HttpResponse<String> progress = app.get("/api/progress", null);
        assertThat(progress.body()).contains("\"date\":\"2018-06-20\"").contains("计划执行中");
        app.stop();
        if (run == 0) {
          Path token = tmp.resolve("data/admin-token");
          assertThat(token).exists();
          assertThat(Files.getPosixFilePermissions(token))
              .containsExactlyInAnyOrder(
                  PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
          String secret = Files.readString(token, StandardCharsets.UTF_8).trim();
          assertThat(String.join("\n", app.output()))
              .doesNotContain(secret)
              .contains("admin-token");
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String table : TABLES) {
        counts.put(table, db.count(table));
      }
      if (first == null) {
        first = counts;
        assertThat(counts.get("project")).isEqualTo(22);
      } else {
        assertThat(counts).as("row counts after restart " + run).isEqualTo(first);
      }
    }
  }

  @Test
  void aBrokenConfigurationFileStopsStartupWithOneClearLine(@TempDir Path tmp) throws Exception {
    Path config = TestData.copyConfig(Path.of("bot-config"));
    Path plan = config.resolve("plan.yaml");
    Files.writeString(plan, Files.readString(plan).replaceFirst("value: 4.8万", "value: 4.8x万"));
    AppProcess.Database db = AppProcess.Database.fresh(tmp, "broken");
    try (AppProcess app = AppProcess.start(config, tmp.resolve("data"), db, Map.of())) {
      Integer exit = app.awaitExit(Duration.ofSeconds(90));
      List<String> lines = app.output();
      assertThat(exit).as(String.join("\n", lines)).isNotNull().isNotZero();
      List<String> errors = lines.stream().filter(l -> l.contains("配置错误")).toList();
      assertThat(errors).hasSize(1);
      assertThat(errors.get(0))
          .containsPattern(
              "plan\\.yaml:\\d+:\\d+ categories\\[0\\]\\.projects\\[0\\]\\.targets\\[0\\]\\.value")
          .contains("无法识别的数值“4.8x万”");
      assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
    }
  }

  private static int countOccurrences(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
