package io.duban.text;

import java.math.BigDecimal;

/** Formats numbers for Chinese replies: thousands separators, no trailing zeros, unit spacing. */
public final class Formats {

  private Formats() {}

  /** Formats with thousands separators and without trailing zeros: "12,000", "1,200.5". */
  public static String formatNumber(BigDecimal value) {
    String plain = Decimals.normalize(value).toPlainString();
    String sign = "";
    if (plain.startsWith("-")) {
      sign = "-";
      plain = plain.substring(1);
    }
    int dot = plain.indexOf('.');
    String integer = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot);
    StringBuilder grouped = new StringBuilder(integer.length() + integer.length() / 3);
    for (int k = 0; k < integer.length(); k++) {
      if (k > 0 && (integer.length() - k) % 3 == 0) {
        grouped.append(',');
      }
      grouped.append(integer.charAt(k));
    }
    return sign + grouped + fraction;
  }

  /**
   * Formats a base-unit value in its display unit the way plan tables write it, without separators:
   * base 38000000 with "万元" and scale 10000 gives "3800 万元".
   */
  public static String formatInDisplayUnit(BigDecimal base, String displayUnit, BigDecimal scale) {
    BigDecimal divisor = scale == null || scale.signum() == 0 ? BigDecimal.ONE : scale;
    String number = Decimals.divide(base, divisor).toPlainString();
    return withUnit(number, displayUnit);
  }

  /** Formats with separators and the unit: "12,000 个", "60%". */
  public static String formatWithUnit(BigDecimal value, String unit) {
    return withUnit(formatNumber(value), unit);
  }

  private static String withUnit(String number, String unit) {
    if (unit == null || unit.isEmpty()) {
      return number;
    }
    // A percent sign hugs its number; unit words are set off by a space.
    return "%".equals(unit) ? number + "%" : number + " " + unit;
  }
}
