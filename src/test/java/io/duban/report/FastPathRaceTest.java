package io.duban.report;

import static io.duban.support.Chat.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.common.RetryableConflict;
import io.duban.plan.Target;
import io.duban.plan.Unit;
import io.duban.report.ReportService.Reporter;
import io.duban.report.ReportService.Source;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The race that lost one of forty concurrent "+1" in CI: a figure read on the locked path (memory
 * distrusted the row) and written on the fast path after memory trusted the row again, at a version
 * that a fast write had moved in between. The write must conflict, not overwrite that write.
 */
@QuarkusTest
class FastPathRaceTest {
  static final String RSJ = "dt-rsj-01";

  @Inject TestData data;
  @Inject ReportService reports;
  @Inject StateCache cache;

  @BeforeEach
  void setUp() {
    data.resetReports();
  }

  @AfterEach
  void tearDown() {
    data.resetReports();
  }

  @Test
  void aFigureReadUnderTheLockConflictsWithAFastWriteMadeAfterTheRead() throws Exception {
    assertThat(say(RSJ, "上报 新增就业岗位 10000")).startsWith("已记录");
    long[] ids = ids();
    cache.distrust(new TargetState.Key(ids[0], ids[1]));
    boolean[] conflicted = {false};
    CompletableFuture<String> other = new CompletableFuture<>();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                Target target = Target.findById(ids[0]);
                Unit unit = Unit.findById(ids[1]);
                BigDecimal own = reports.ownFigure(target, unit); // locked path: distrusted
                assertThat(own).isEqualByComparingTo("10000");
                sleepPast(StateCache.CONTENDED_NANOS); // memory trusts the row again
                // another message's "+1" on the fast path: on H2 it commits now; on PostgreSQL its
                // insert waits for this transaction's target lock
                CompletableFuture.runAsync(() -> other.complete(say(RSJ, "上报 新增就业岗位 +1")));
                try {
                  other.get(3, TimeUnit.SECONDS);
                } catch (TimeoutException waiting) {
                  // PostgreSQL: it writes after this transaction
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                reports.recordFigure(
                    target,
                    unit,
                    own.add(BigDecimal.ONE),
                    false,
                    new Reporter(null, "人社局", false),
                    new Source("test", null, "race", null, "上报 新增就业岗位 +1"));
              });
    } catch (RetryableConflict e) {
      conflicted[0] = true;
    }
    assertThat(other.get(30, TimeUnit.SECONDS)).startsWith("已记录");
    // every increment that committed counts once
    assertThat(figure(ids)).isEqualByComparingTo(conflicted[0] ? "10001" : "10002");
  }

  @Test
  void aFigureReadFromMemoryConflictsOnTheLockedPathWithAFastWriteMadeAfterTheRead() {
    assertThat(say(RSJ, "上报 新增就业岗位 10000")).startsWith("已记录");
    long[] ids = ids();
    boolean[] conflicted = {false};
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                Target target = Target.findById(ids[0]);
                Unit unit = Unit.findById(ids[1]);
                BigDecimal own = reports.ownFigure(target, unit); // fast path: memory's row
                assertThat(own).isEqualByComparingTo("10000");
                // another message's "+1" commits on the fast path (no lock taken by either)
                assertThat(say(RSJ, "上报 新增就业岗位 +1")).contains("10,001");
                // a third write conflicted meanwhile: memory distrusts the row, the write locks
                cache.distrust(new TargetState.Key(ids[0], ids[1]));
                reports.recordFigure(
                    target,
                    unit,
                    own.add(BigDecimal.ONE),
                    false,
                    new Reporter(null, "人社局", false),
                    new Source("test", null, "race", null, "上报 新增就业岗位 +1"));
              });
    } catch (RetryableConflict e) {
      conflicted[0] = true;
    }
    assertThat(conflicted[0]).as("the stale figure is refused, to be answered again").isTrue();
    assertThat(figure(ids)).isEqualByComparingTo("10001");
  }

  private long[] ids() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                new long[] {
                  Target.<Target>find("code", "jobs-new").firstResult().id,
                  Unit.findByName("人社局").id
                });
  }

  private static BigDecimal figure(long[] ids) {
    return QuarkusTransaction.requiringNew()
        .call(() -> TargetState.<TargetState>findById(new TargetState.Key(ids[0], ids[1])).figure);
  }

  private static void sleepPast(long nanos) {
    try {
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(nanos) + 100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
