package io.duban.perf;

import static io.duban.support.Chat.say;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The figure fast path (a numeric target with one owner: state updated under its version, read from
 * memory) under concurrent increments: each "+1" adds exactly one, whichever thread wins, and the
 * figures in memory, in the table and in the replies agree.
 */
@QuarkusTest
class FastPathConcurrencyTest {
  static final String RSJ = "dt-rsj-01";
  static final String LEADER = "dt-leader-01";

  @Inject TestData data;

  @BeforeEach
  void setUp() {
    data.resetReports();
  }

  @AfterEach
  void tearDown() {
    data.resetReports();
  }

  @Test
  void fortyConcurrentIncrementsOfOneUnitsTargetAllCountOnce() throws Exception {
    assertThat(say(RSJ, "上报 新增就业岗位 10000")).startsWith("已记录");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> replies = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      replies.add(pool.submit(() -> say(RSJ, "上报 新增就业岗位 +1")));
    }
    Set<String> totals = new HashSet<>();
    for (Future<String> f : replies) {
      String reply = f.get();
      assertThat(reply).startsWith("已记录");
      totals.add(reply.replaceAll("(?s).*累计 ([0-9,]+) /.*", "$1"));
    }
    pool.shutdown();
    assertThat(totals).as("every reply shows its own total").hasSize(40);
    List<Report> all =
        QuarkusTransaction.requiringNew()
            .call(() -> Report.<Report>list("kind = ?1 order by id", ReportKind.FIGURE));
    assertThat(all).hasSize(41);
    assertThat(all.stream().map(r -> r.figure).max(BigDecimal::compareTo))
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("10040"));
    assertThat(say(LEADER, "进度 新增就业岗位")).contains("10,040");
    // the table agrees with memory: a fresh read shows the same
    data.resetCaches();
    assertThat(say(LEADER, "进度 新增就业岗位")).contains("10,040");
  }

  @Test
  void aFigureWrittenBehindMemorysBackIsSeenAfterTheReadIsDropped() {
    assertThat(say(RSJ, "上报 新增就业岗位 10000")).startsWith("已记录");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                Report.getEntityManager()
                    .createNativeQuery(
                        "UPDATE target_state SET figure = 20000, version = version + 1")
                    .executeUpdate());
    // another instance's write: the next report conflicts on the version, reads afresh, and adds
    assertThat(say(RSJ, "上报 新增就业岗位 +1")).contains("20,001");
  }
}
