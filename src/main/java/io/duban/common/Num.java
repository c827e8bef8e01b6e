package io.duban.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number presentation for JSON and messages: no trailing zeros, no exponent. */
public final class Num {
  private Num() {}

  /** The value without trailing zeros and never in exponent form; null stays null. */
  public static BigDecimal plain(BigDecimal v) {
    if (v == null) {
      return null;
    }
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** A fraction rounded for JSON (4 decimals: 0.4685). */
  public static BigDecimal fraction(BigDecimal v) {
    return v == null ? null : plain(v.setScale(4, RoundingMode.HALF_EVEN));
  }
}
