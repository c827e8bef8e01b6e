package io.duban.planimport;

import io.duban.text.Quantity;
import io.duban.text.UnitReading;
import io.duban.text.UnitReading.UnitClass;
import java.math.BigDecimal;

/** Values and units as the plan file writes them ("4.8万" 个, "3000" 万元, "15" 亿元). */
final class Measures {
  private static final BigDecimal WAN = BigDecimal.valueOf(10_000L);
  private static final BigDecimal YI = BigDecimal.valueOf(100_000_000L);

  private Measures() {}

  /**
   * A quantity's value and unit for the plan file: money keeps the table's 万元 or 亿元, a count
   * written with 万 keeps it ("4.8万" 个); {@code [0]} null when the value cannot be written there
   * (zero, negative or too precise).
   */
  static String[] written(Quantity q, String unitHint) {
    String unit = q.unit().strip();
    BigDecimal v = q.value();
    String text = q.text();
    if (unit.isEmpty() && unitHint != null) {
      unit = unitHint;
    }
    if (UnitReading.classify(unit) == UnitClass.MONEY
        && !unit.endsWith("万元")
        && !unit.endsWith("亿元")) {
      if (text.contains("亿")) {
        return new String[] {plain(v.divide(YI)), "亿元"};
      }
      if (text.contains("万")) {
        return new String[] {plain(v.divide(WAN)), "万元"};
      }
      return new String[] {plain(v), "元"};
    }
    if (q.multiplierWritten() && text.contains("亿")) {
      return new String[] {suffixed(v.divide(YI), "亿"), unit};
    }
    if (q.multiplierWritten() && text.contains("万")) {
      return new String[] {suffixed(v.divide(WAN), "万"), unit};
    }
    return new String[] {plain(v), unit};
  }

  /** A cell's number in the unit it is shown in ("48000", "3000", "0.5"). */
  static String plain(BigDecimal v) {
    if (v == null || v.signum() <= 0) {
      return null;
    }
    BigDecimal s = v.stripTrailingZeros();
    if (s.scale() > 4 || s.precision() - s.scale() > 15) {
      return null;
    }
    return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
  }

  private static String suffixed(BigDecimal v, String multiplier) {
    String p = plain(v);
    return p == null ? null : p + multiplier;
  }

  /** The measure word a checklist of places takes from their common ending (幼儿园 → 所). */
  static String itemUnit(String suffix) {
    if (suffix.matches(".*(园|校|学|院)$")) {
      return "所";
    }
    if (suffix.matches(".*(站|桥|馆|楼|厂)$")) {
      return "座";
    }
    if (suffix.matches(".*(室|中心|点)$")) {
      return "个";
    }
    return "项";
  }

  /** The base value PlanFile stores for a written value and unit (for comparisons). */
  static BigDecimal base(String value, String unit) {
    if (value == null) {
      return null;
    }
    BigDecimal v;
    if (value.endsWith("万")) {
      v = new BigDecimal(value.substring(0, value.length() - 1)).multiply(WAN);
    } else if (value.endsWith("亿")) {
      v = new BigDecimal(value.substring(0, value.length() - 1)).multiply(YI);
    } else {
      v = new BigDecimal(value);
    }
    if ("万元".equals(unit)) {
      v = v.multiply(WAN);
    } else if ("亿元".equals(unit)) {
      v = v.multiply(YI);
    }
    return v.stripTrailingZeros();
  }
}
