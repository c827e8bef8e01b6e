package io.duban.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.support.MutableClock;
import io.duban.time.PlanClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit trail: one row per event, on both clocks, long texts cut to their columns. */
@QuarkusTest
class AuditTest {
  @Inject Audit audit;
  @Inject MutableClock wall;
  @Inject PlanClock planClock;

  @AfterEach
  void tearDown() {
    wall.set(MutableClock.START);
    QuarkusTransaction.requiringNew().run(() -> AuditEvent.delete("action like ?1", "audit-test%"));
  }

  static AuditEvent only(String action) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var rows = AuditEvent.<AuditEvent>list("action", action);
              assertThat(rows).hasSize(1);
              return rows.get(0);
            });
  }

  @Test
  void anEventIsRecordedOnTheWallAndThePlanClock() {
    wall.advance(Duration.ofMinutes(5));
    QuarkusTransaction.requiringNew()
        .run(() -> audit.record("admin:token", "audit-test-1", "人社局", "新增就业岗位 1.2万"));
    AuditEvent e = only("audit-test-1");
    assertThat(e.actor).isEqualTo("admin:token");
    assertThat(e.subject).isEqualTo("人社局");
    assertThat(e.detail).isEqualTo("新增就业岗位 1.2万");
    assertThat(e.recordedAt).isEqualTo(MutableClock.START.plus(Duration.ofMinutes(5)));
    assertThat(planClock.isInitialised()).isTrue();
    assertThat(e.planTime).isEqualTo(planClock.toPlanTime(e.recordedAt));
  }

  @Test
  void longTextsAreCutToTheirColumnsWithAnEllipsis() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> audit.record("甲".repeat(128), "audit-test-2", "乙".repeat(300), "丙".repeat(5000)));
    AuditEvent e = only("audit-test-2");
    assertThat(e.actor).isEqualTo("甲".repeat(128));
    assertThat(e.subject).hasSize(200).isEqualTo("乙".repeat(199) + "…");
    assertThat(e.detail).hasSize(4000).endsWith("丙…");
  }

  @Test
  void aMissingDetailStaysMissing() {
    QuarkusTransaction.requiringNew().run(() -> audit.record("a", "audit-test-3", "s", null));
    assertThat(only("audit-test-3").detail).isNull();
  }

  @Test
  void recordingNeedsTheCallersTransaction() {
    assertThatThrownBy(() -> audit.record("a", "audit-test-4", "s", "d"))
        .isInstanceOf(TransactionalException.class);
  }
}
