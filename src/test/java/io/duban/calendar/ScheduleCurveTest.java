package io.duban.calendar;

import static java.time.LocalDate.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleCurveTest {

  private static final LocalDate START = parse("2018-01-01");
  private static final LocalDate END = parse("2018-12-31");

  private static BigDecimal linear(String start, String end, String date) {
    return ScheduleCurve.linear().fractionAt(parse(start), parse(end), parse(date));
  }

  @Nested
  class Linear {

    @ParameterizedTest(name = "{2} in {0}..{1} → {3}")
    @CsvSource({
      "2018-01-01, 2018-12-31, 2018-06-20, 0.4684931507", // 171/365
      "2018-01-01, 2018-12-31, 2018-01-01, 0.0027397260", // 1/365
      "2018-01-01, 2018-12-31, 2018-12-30, 0.9972602740", // 364/365
      "2018-01-01, 2018-12-31, 2018-12-31, 1.0000000000",
      "2018-01-01, 2018-12-31, 2019-03-01, 1.0000000000",
      "2018-01-01, 2018-12-31, 2017-12-31, 0.0000000000",
      "2018-01-01, 2018-12-31, 2000-01-01, 0.0000000000",
      "2024-01-01, 2024-12-31, 2024-06-20, 0.4699453552", // 172/366, leap year
      "2024-01-01, 2024-12-31, 2024-02-29, 0.1639344262", // 60/366
      "2024-01-01, 2024-12-31, 2024-12-31, 1.0000000000",
      "2018-01-01, 2019-12-31, 2018-12-31, 0.5000000000", // 365/730
      "2018-07-01, 2018-07-01, 2018-07-01, 1.0000000000", // one-day plan
      "2018-07-01, 2018-07-01, 2018-06-30, 0.0000000000",
    })
    void fractions(String start, String end, String date, String expected) {
      // equals (not compareTo) also pins the scale at 10.
      assertThat(linear(start, end, date)).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void everyDayOfTwoYearsIsTheExactRatio() {
      for (int year : new int[] {2018, 2024}) {
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate end = LocalDate.of(year, 12, 31);
        BigDecimal total = BigDecimal.valueOf(start.lengthOfYear());
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
          BigDecimal days = BigDecimal.valueOf(ChronoUnit.DAYS.between(start, d) + 1);
          assertThat(ScheduleCurve.linear().fractionAt(start, end, d))
              .as("%s", d)
              .isEqualTo(days.divide(total, 10, RoundingMode.HALF_EVEN));
        }
      }
    }

    @Test
    void roundsHalfToEven() {
      // 1/2048 = 0.00048828125 exactly: half-even gives ...812, half-up would give ...813.
      LocalDate end = START.plusDays(2047);
      assertThat(ScheduleCurve.linear().fractionAt(START, end, START))
          .isEqualTo(new BigDecimal("0.0004882812"));
      // 3/2048 = 0.00146484375: the digit before the 5 is odd, so it rounds up.
      assertThat(ScheduleCurve.linear().fractionAt(START, end, START.plusDays(2)))
          .isEqualTo(new BigDecimal("0.0014648438"));
    }

    @Test
    void rejectsAPlanThatEndsBeforeItStarts() {
      assertThatThrownBy(() -> ScheduleCurve.linear().fractionAt(END, START, END))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameAndPoints() {
      assertThat(ScheduleCurve.linear().name()).isEqualTo("linear");
      assertThat(ScheduleCurve.linear().points()).isEmpty();
    }
  }

  @Nested
  class Piecewise {

    private final ScheduleCurve curve =
        ScheduleCurve.piecewise(
            "上半年慢",
            Map.of(
                parse("2018-06-30"), new BigDecimal("0.40"),
                parse("2018-09-30"), new BigDecimal("0.70"),
                parse("2018-12-31"), BigDecimal.ONE));

    private BigDecimal at(String date) {
      return curve.fractionAt(START, END, parse(date));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
      "2017-12-31, 0.0000000000",
      "2018-01-01, 0.0022099448", // 0.4 × 1/181
      "2018-06-30, 0.4000000000",
      "2018-08-15, 0.5500000000", // halfway from 06-30 to 09-30
      "2018-09-30, 0.7000000000",
      "2018-10-01, 0.7032608696", // 0.7 + 0.3/92
      "2018-12-31, 1.0000000000",
      "2019-01-01, 1.0000000000",
    })
    void interpolatesByDay(String date, String expected) {
      assertThat(at(date)).isEqualTo(new BigDecimal(expected));
    }

    @Test
    void neverDecreases() {
      BigDecimal previous = BigDecimal.ZERO;
      for (LocalDate d = START; !d.isAfter(END); d = d.plusDays(1)) {
        BigDecimal f = curve.fractionAt(START, END, d);
        assertThat(f).as("%s", d).isGreaterThanOrEqualTo(previous);
        previous = f;
      }
      assertThat(previous).isEqualByComparingTo("1");
    }

    @Test
    void staysAtOneAfterTheLastPoint() {
      ScheduleCurve early =
          ScheduleCurve.piecewise(
              "提前完成",
              Map.of(
                  parse("2018-06-30"), new BigDecimal("0.5"), parse("2018-11-30"), BigDecimal.ONE));
      assertThat(early.fractionAt(START, END, parse("2018-12-15")))
          .isEqualTo(new BigDecimal("1.0000000000"));
      assertThat(early.name()).isEqualTo("提前完成");
      assertThat(early.points().firstKey()).isEqualTo(parse("2018-06-30"));
    }

    @Test
    void rejectsBadPoints() {
      assertThatThrownBy(() -> ScheduleCurve.piecewise("空", Map.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  ScheduleCurve.piecewise(
                      "倒退",
                      Map.of(
                          parse("2018-06-30"), new BigDecimal("0.6"),
                          parse("2018-09-30"), new BigDecimal("0.5"),
                          parse("2018-12-31"), BigDecimal.ONE)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2018-09-30");
      assertThatThrownBy(
              () ->
                  ScheduleCurve.piecewise("超过", Map.of(parse("2018-12-31"), new BigDecimal("1.1"))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  ScheduleCurve.piecewise("不到", Map.of(parse("2018-12-31"), new BigDecimal("0.9"))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("最后一个节点");
    }

    @Test
    void rejectsPointsOutsideThePlan() {
      assertThatThrownBy(() -> curve.fractionAt(START, parse("2018-11-30"), parse("2018-06-01")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("超出计划期");
      assertThatThrownBy(() -> curve.fractionAt(parse("2018-07-01"), END, parse("2018-08-01")))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
