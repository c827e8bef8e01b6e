package io.duban.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers as JSON and messages show them: no trailing zeros, never an exponent. */
class NumTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"12000.00, 12000", "1.2E+4, 12000", "0.4500, 0.45", "0E-8, 0", "-3.10, -3.1", "7, 7"})
  void plainDropsTrailingZerosAndExponents(String in, String out) {
    BigDecimal v = Num.plain(new BigDecimal(in));
    assertThat(v.toString()).isEqualTo(out);
    assertThat(v.scale()).isNotNegative();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"0.46854, 0.4685", "0.46855, 0.4686", "0.46865, 0.4686", "1, 1", "0.5, 0.5"})
  void fractionsAreRoundedHalfEvenToFourDecimals(String in, String out) {
    assertThat(Num.fraction(new BigDecimal(in)).toString()).isEqualTo(out);
  }

  @Test
  void nullStaysNull() {
    assertThat(Num.plain(null)).isNull();
    assertThat(Num.fraction(null)).isNull();
  }
}
