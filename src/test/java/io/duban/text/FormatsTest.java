package io.duban.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "12000 | 12,000",
        "1200.5 | 1,200.5",
        "1200.50 | 1,200.5",
        "0 | 0",
        "0.00 | 0",
        "999 | 999",
        "1000 | 1,000",
        "1234567.891 | 1,234,567.891",
        "-1234 | -1,234",
        "1.2E+4 | 12,000",
        "0.0001 | 0.0001",
      })
  void formatsNumbers(String value, String expected) {
    assertThat(Formats.formatNumber(new BigDecimal(value))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "38000000 | 万元 | 10000 | 3800 万元",
        "1500000000 | 亿元 | 100000000 | 15 亿元",
        "12500 | 万元 | 10000 | 1.25 万元",
        "60 | % | 1 | 60%",
        "12000 | 个 | 1 | 12000 个",
      })
  void formatsInDisplayUnit(String base, String unit, String scale, String expected) {
    assertThat(Formats.formatInDisplayUnit(new BigDecimal(base), unit, new BigDecimal(scale)))
        .isEqualTo(expected);
  }
}
