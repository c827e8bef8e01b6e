package io.duban.command.commands;

import io.duban.command.CommandSpec;
import io.duban.command.VocabularyService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reply-length check of {@link ReplyLengthTest} on the benchmark's plan (bench/Bench.java
 * generatedConfig: 2,000 units, here 4,000 numeric targets, one reporter per unit), in its own
 * application and database: no reply or page over 12 lines or 500 characters.
 */
@QuarkusTest
@TestProfile(BenchReplyLengthTest.BenchPlan.class)
class BenchReplyLengthTest {
  static final int UNITS = 2000;
  static final int TARGETS = 4000;

  /** The application on the generated 2,000-unit configuration. */
  public static class BenchPlan implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("duban.config-dir", generate().toString());
    }
  }

  @Inject VocabularyService vocabulary;

  @Test
  void noReplyOfAnyCommandIsLongerThanAPhoneScreenWithTwoThousandUnits() {
    List<CommandSpec> specs =
        QuarkusTransaction.requiringNew().call(() -> vocabulary.catalog().all());
    List<String> senders = List.of("dt-0", "dt-bench-leader", "dt-bench-admin", "dt-stranger");
    // 下次提醒 is left out: reminder/ReminderService.nextReminders takes over 30 s on 2,000 units
    // (the test client's limit), which is the reminders' fast-path issue, not this text's length
    ReplyLengthTest.everyCommandBy(senders, specs, List.of("下次提醒"));
    for (String s : List.of("进度 单位7", "未报 单位7", "排名 单位7", "未报 5月", "进度 工程3", "进度 目标17")) {
      LeaderRepliesTest.sayAll("dt-bench-leader", s);
    }
    LeaderRepliesTest.sayAll("dt-7", "上报 目标7 300");
    LeaderRepliesTest.sayAll("dt-bench-leader", "排名");
  }

  /** The benchmark's generated plan and contacts, with the shipped calendar, bots and reminders. */
  static Path generate() {
    try {
      Path dir = Path.of("target", "bench-config-" + UNITS);
      Files.createDirectories(dir.resolve("calendar"));
      try (Stream<Path> files = Files.list(Path.of("bot-config", "calendar"))) {
        for (Path p : files.toList()) {
          Files.copy(
              p,
              dir.resolve("calendar").resolve(p.getFileName().toString()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      for (String f : List.of("bots.yaml", "reminders.yaml")) {
        Files.copy(
            Path.of("bot-config", f),
            dir.resolve(f),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      StringBuilder plan = new StringBuilder();
      plan.append(
          "year: 2018\ntitle: 基准测试计划\nperiod: {start: 2018-01-01, end: 2018-12-31}\nunits:\n");
      for (int u = 0; u < UNITS; u++) {
        plan.append("  - {name: 单位").append(u).append("}\n");
      }
      plan.append("categories:\n");
      int perProject = 40;
      int projects = (TARGETS + perProject - 1) / perProject;
      int perCategory = (projects + 7) / 8;
      int t = 0;
      for (int c = 0; c < 8 && t < TARGETS; c++) {
        plan.append("  - number: ")
            .append(c + 1)
            .append("\n    name: 实事")
            .append(c + 1)
            .append("\n    projects:\n");
        for (int p = 0; p < perCategory && t < TARGETS; p++) {
          int project = c * perCategory + p;
          plan.append("      - name: 工程")
              .append(project)
              .append("\n        lead-units: [单位")
              .append(project % UNITS)
              .append("]\n        targets:\n");
          for (int k = 0; k < perProject && t < TARGETS; k++, t++) {
            plan.append("          - {id: t")
                .append(t)
                .append(", name: 目标")
                .append(t)
                .append(", value: 1000, unit: 个, owners: [单位")
                .append(t % UNITS)
                .append("]}\n");
          }
        }
      }
      Files.writeString(dir.resolve("plan.yaml"), plan.toString());
      StringBuilder contacts = new StringBuilder("units: [督查室]\ncontacts:\n");
      contacts.append(
          "  - {id: bench-leader, name: 领导, unit: 督查室, role: leader, mobile: \"13900000000\", ids: {dingtalk: dt-bench-leader}}\n");
      contacts.append(
          "  - {id: bench-admin, name: 管理员, unit: 督查室, role: admin, mobile: \"13900000001\", ids: {dingtalk: dt-bench-admin}}\n");
      for (int u = 0; u < UNITS; u++) {
        contacts
            .append("  - {id: c")
            .append(u)
            .append(", name: 填报人")
            .append(u)
            .append(", unit: 单位")
            .append(u)
            .append(", role: reporter, mobile: \"13")
            .append(String.format("%09d", u))
            .append("\", ids: {dingtalk: dt-")
            .append(u)
            .append("}}\n");
      }
      Files.writeString(dir.resolve("contacts.yaml"), contacts.toString());
      return dir.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
