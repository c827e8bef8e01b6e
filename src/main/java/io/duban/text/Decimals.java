package io.duban.text;

import java.math.BigDecimal;
import java.math.MathContext;

/** Keeps decimal values in one canonical shape so that equal numbers print and compare alike. */
final class Decimals {

  private Decimals() {}

  /**
   * Strips trailing zeros but never leaves a negative scale, so 12000 stays "12000" not "1.2E+4".
   */
  static BigDecimal normalize(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /**
   * Divides exactly when possible; unit factors are powers of ten, the fallback only guards odd
   * scales.
   */
  static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
    try {
      return normalize(dividend.divide(divisor));
    } catch (ArithmeticException nonTerminating) {
      return normalize(dividend.divide(divisor, MathContext.DECIMAL128));
    }
  }
}
