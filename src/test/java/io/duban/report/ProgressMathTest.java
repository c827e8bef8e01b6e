package io.duban.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.calendar.ScheduleCurve;
import io.duban.plan.AggregateRule;
import io.duban.report.ProgressMath.OwnerFigure;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 序时进度, completion and status as docs/contract.md §3 defines them. */
class ProgressMathTest {
  static final LocalDate START = LocalDate.of(2018, 1, 1);
  static final LocalDate END = LocalDate.of(2018, 12, 31);
  static final BigDecimal GAP = new BigDecimal("0.10");

  static BigDecimal schedule(String date) {
    return ScheduleCurve.linear().fractionAt(START, END, LocalDate.parse(date));
  }

  @Test
  void scheduleCountsBothEndsOverThePeriod() {
    assertThat(ProgressMath.percent(schedule("2018-06-20"))).isEqualTo("46.8%");
    assertThat(schedule("2018-01-01"))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(BigDecimal.valueOf(365), 10, java.math.RoundingMode.HALF_EVEN));
    assertThat(schedule("2018-12-31")).isEqualByComparingTo("1");
    assertThat(schedule("2017-12-31")).isEqualByComparingTo("0");
    assertThat(schedule("2019-01-01")).isEqualByComparingTo("1");
    // first and last day of a period (June)
    assertThat(ProgressMath.percent(schedule("2018-06-01"))).isEqualTo("41.6%");
    assertThat(ProgressMath.percent(schedule("2018-06-30"))).isEqualTo("49.6%");
  }

  @Test
  void statusAgainstSchedule() {
    BigDecimal s = schedule("2018-06-20");
    assertThat(ProgressMath.status(new BigDecimal("1.2"), s, GAP)).isEqualTo(Status.DONE);
    assertThat(ProgressMath.status(BigDecimal.ONE, s, GAP)).isEqualTo(Status.DONE);
    assertThat(ProgressMath.status(s, s, GAP)).isEqualTo(Status.AHEAD);
    assertThat(ProgressMath.status(new BigDecimal("0.40"), s, GAP)).isEqualTo(Status.ON_TRACK);
    assertThat(ProgressMath.status(new BigDecimal("0.3684"), s, GAP)).isEqualTo(Status.BEHIND);
    assertThat(ProgressMath.status(new BigDecimal("0.25"), s, GAP)).isEqualTo(Status.BEHIND);
    // on the plan's last day everything short of done is behind by the gap or more
    assertThat(ProgressMath.status(new BigDecimal("0.95"), schedule("2018-12-31"), GAP))
        .isEqualTo(Status.ON_TRACK);
    assertThat(ProgressMath.status(new BigDecimal("0.85"), schedule("2018-12-31"), GAP))
        .isEqualTo(Status.BEHIND);
    // on the first day nearly nothing is due
    assertThat(ProgressMath.status(BigDecimal.ZERO, schedule("2018-01-01"), GAP))
        .isEqualTo(Status.ON_TRACK);
  }

  @Test
  void completionWithABaselineAndNotCapped() {
    // 新生儿疾病筛查病种 from 3 to 29: 16 reached → (16 − 3) / (29 − 3) = 50%
    assertThat(
            ProgressMath.completion(
                new BigDecimal("16"), new BigDecimal("29"), new BigDecimal("3")))
        .isEqualByComparingTo("0.5");
    assertThat(
            ProgressMath.completion(new BigDecimal("3"), new BigDecimal("29"), new BigDecimal("3")))
        .isEqualByComparingTo("0");
    assertThat(ProgressMath.completion(new BigDecimal("60000"), new BigDecimal("48000"), null))
        .isEqualByComparingTo("1.25");
    assertThat(ProgressMath.cappedMean(List.of(new BigDecimal("1.25"), new BigDecimal("0.25"))))
        .isEqualByComparingTo("0.625");
  }

  @Test
  void aggregatesPerRule() {
    List<OwnerFigure> figures =
        List.of(new OwnerFigure(new BigDecimal("30"), 1), new OwnerFigure(new BigDecimal("20"), 2));
    assertThat(ProgressMath.aggregate(AggregateRule.SUM, figures, null)).isEqualByComparingTo("50");
    assertThat(ProgressMath.aggregate(AggregateRule.MAX, figures, null)).isEqualByComparingTo("30");
    assertThat(ProgressMath.aggregate(AggregateRule.SINGLE, figures, null))
        .isEqualByComparingTo("20");
    assertThat(ProgressMath.aggregate(AggregateRule.SUM, List.of(), new BigDecimal("3")))
        .isEqualByComparingTo("3");
    assertThat(ProgressMath.aggregate(AggregateRule.SUM, List.of(), null))
        .isEqualByComparingTo("0");
  }

  @Test
  void taskStatus() {
    assertThat(ProgressMath.taskStatus(TaskProgress.DONE, false)).isEqualTo(Status.DONE);
    assertThat(ProgressMath.taskStatus(TaskProgress.IN_PROGRESS, false)).isEqualTo(Status.ON_TRACK);
    assertThat(ProgressMath.taskStatus(TaskProgress.NOT_STARTED, true)).isEqualTo(Status.ON_TRACK);
    assertThat(ProgressMath.taskStatus(TaskProgress.NOT_STARTED, false))
        .isEqualTo(Status.NOT_STARTED);
  }
}
