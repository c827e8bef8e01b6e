package io.duban.support;

import io.duban.boot.ConfigLoader;
import io.duban.contact.SenderDirectory;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.report.StateCache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test-only helpers on the shared test database: reset reported data between test classes, reload
 * the real configuration, copy the configuration folder for edits, and count rows.
 */
@ApplicationScoped
public class TestData {
  public static final List<String> TABLES =
      List.of(
          "plan",
          "unit",
          "category",
          "project",
          "project_lead_unit",
          "plan_exclusion",
          "target",
          "target_owner",
          "checklist_item",
          "contact",
          "contact_identity",
          "report",
          "target_state",
          "target_done",
          "app_setting");

  @Inject EntityManager em;
  @Inject ConfigLoader loader;
  @Inject StateCache figures;

  /** Removes every reported figure (tests only: the product never deletes reports). */
  public void resetReports() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery("DELETE FROM target_state").executeUpdate();
              em.createNativeQuery("DELETE FROM target_done").executeUpdate();
              em.createNativeQuery(
                      "UPDATE checklist_item SET done_on = NULL, done_report_id = NULL")
                  .executeUpdate();
              em.createNativeQuery("DELETE FROM attachment").executeUpdate();
              em.createNativeQuery("DELETE FROM attachment_blob").executeUpdate();
              em.createNativeQuery("DELETE FROM report").executeUpdate();
              em.createNativeQuery("DELETE FROM pending_question").executeUpdate();
              // a test that sent 暂停提醒 (the reply-length test sends every example) must not
              // silence the reminders of the tests after it
              em.createNativeQuery("DELETE FROM reminder_pause").executeUpdate();
              em.createNativeQuery("DELETE FROM contact_identity WHERE origin = 'BIND'")
                  .executeUpdate();
              em.createNativeQuery("DELETE FROM bind_attempt").executeUpdate();
              em.createNativeQuery("DELETE FROM deadline_extension").executeUpdate();
              em.createNativeQuery("DELETE FROM explanation").executeUpdate();
              em.createNativeQuery("DELETE FROM approval_request").executeUpdate();
            });
    // bulk deletes bypass the ORM's events: the in-memory copies read the tables again
    figures.invalidate();
    SenderDirectory.changed();
    io.duban.extension.TableCopy.changed();
  }

  /** Drops the in-memory copies of figures and contacts (the next read takes the tables). */
  public void resetCaches() {
    figures.invalidate();
    SenderDirectory.changed();
  }

  /** Empties the outbox and the bots' pacing state. */
  public void resetOutbox() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery("DELETE FROM outbox_message").executeUpdate();
              em.createNativeQuery("DELETE FROM inbox_message").executeUpdate();
              em.createNativeQuery("DELETE FROM bot_state").executeUpdate();
            });
  }

  /** Loads the real bot-config again (after a test loaded an edited copy). */
  public void reloadRealConfig() {
    QuarkusTransaction.requiringNew().run(() -> loader.loadFrom(Path.of("bot-config"), n -> null));
  }

  public Map<String, Long> rowCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (String table : TABLES) {
                counts.put(
                    table,
                    ((Number)
                            em.createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult())
                        .longValue());
              }
            });
    return counts;
  }

  /** Persists a bare figure report (for loader tests that need "a target with reports"). */
  public void insertFigure(String targetCode, String unitName, String figure) {
    insertFigure(targetCode, unitName, figure, LocalDate.of(2018, 6, 20));
  }

  /** Persists a bare figure report dated {@code day} (the plan clock cannot go back). */
  public void insertFigure(String targetCode, String unitName, String figure, LocalDate day) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              Report r = new Report();
              r.target = Target.find("code", targetCode).firstResult();
              r.unit = Unit.findByName(unitName);
              r.kind = ReportKind.FIGURE;
              r.figure = new BigDecimal(figure);
              r.planDate = day;
              r.planTime = r.planDate.atTime(9, 0);
              r.recordedAt = Instant.now();
              r.periodKey = String.format("%d-%02d", day.getYear(), day.getMonthValue());
              r.reporterName = "测试";
              r.originalText = "测试数据";
              r.persist();
            });
    figures.invalidate();
  }

  /** Copies a configuration folder into a new temporary folder. */
  public static Path copyConfig(Path from) throws IOException {
    Path to = Files.createTempDirectory("duban-config");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
