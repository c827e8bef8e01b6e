package io.duban.text;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Converts a parsed quantity into a target's base unit, or asks back when the units clash. */
public final class UnitReading {

  /** Broad kinds of unit; only units of the same kind can be compared. */
  public enum UnitClass {
    MONEY,
    PERCENT,
    LENGTH,
    COUNT
  }

  /** Outcome of {@link UnitReading#read}: a value in the base unit, or a question to ask back. */
  public sealed interface Result permits Result.Ok, Result.Ask {

    /** The value in the target's base unit with a short Chinese note on how it was read. */
    record Ok(BigDecimal baseValue, String readingZh) implements Result {
      public Ok {
        Objects.requireNonNull(baseValue, "baseValue");
        Objects.requireNonNull(readingZh, "readingZh");
      }
    }

    /** A question for the reporter; the caller prefixes the target name. */
    record Ask(String questionZh) implements Result {
      public Ask {
        Objects.requireNonNull(questionZh, "questionZh");
      }
    }

    static Result ok(BigDecimal baseValue, String readingZh) {
      return new Ok(baseValue, readingZh);
    }

    static Result ask(String questionZh) {
      return new Ask(questionZh);
    }
  }

  private static final Map<String, BigDecimal> MONEY_FACTORS =
      Map.of(
          "元",
          BigDecimal.ONE,
          "块",
          BigDecimal.ONE,
          "块钱",
          BigDecimal.ONE,
          "元钱",
          BigDecimal.ONE,
          "千元",
          BigDecimal.valueOf(1_000L),
          "万元",
          BigDecimal.valueOf(10_000L),
          "万块",
          BigDecimal.valueOf(10_000L),
          "亿元",
          BigDecimal.valueOf(100_000_000L));

  private static final Map<String, BigDecimal> LENGTH_FACTORS =
      Map.of(
          "公里", BigDecimal.valueOf(1_000L),
          "千米", BigDecimal.valueOf(1_000L),
          "km", BigDecimal.valueOf(1_000L),
          "米", BigDecimal.ONE,
          "m", BigDecimal.ONE);

  private static final Set<String> PERCENT_UNITS = Set.of("%", "％");

  private UnitReading() {}

  /** Classifies a unit word; anything not money, percent or length is a count word. */
  public static UnitClass classify(String unit) {
    String u = key(unit);
    if (MONEY_FACTORS.containsKey(u)) {
      return UnitClass.MONEY;
    }
    if (PERCENT_UNITS.contains(u)) {
      return UnitClass.PERCENT;
    }
    if (LENGTH_FACTORS.containsKey(u)) {
      return UnitClass.LENGTH;
    }
    return UnitClass.COUNT;
  }

  /**
   * Reads a quantity against a target.
   *
   * @param q the parsed quantity
   * @param baseUnit the unit the target stores values in ("元", "个", "%", "公里")
   * @param displayUnit the unit the plan shows ("万元"), or null when it equals the base unit
   * @param scale base units per display unit (10000 for 万元), or null for 1
   */
  public static Result read(Quantity q, String baseUnit, String displayUnit, BigDecimal scale) {
    Objects.requireNonNull(q, "q");
    Objects.requireNonNull(baseUnit, "baseUnit");
    String display = displayUnit == null || displayUnit.isBlank() ? baseUnit : displayUnit;
    BigDecimal factor = scale == null ? BigDecimal.ONE : scale;
    if (factor.signum() <= 0) {
      throw new IllegalArgumentException("scale must be positive: " + scale);
    }
    UnitClass target = classify(baseUnit);
    String unit = q.unit().strip();

    if (unit.isEmpty()) {
      // docs/contract.md §3: a bare money figure is meant in the unit the plan shows, e.g. 1200 万元.
      if (target == UnitClass.MONEY && !q.multiplierWritten()) {
        BigDecimal base = Decimals.normalize(q.value().multiply(factor));
        return Result.ok(
            base, "按 " + display + " 计：" + Formats.formatInDisplayUnit(base, display, factor));
      }
      return Result.ok(
          Decimals.normalize(q.value()), describe(q.value(), baseUnit, display, factor));
    }

    UnitClass written = classify(unit);
    if (written != target) {
      return Result.ask("以 " + display + " 计，您写的是 " + unit + "，请确认数值和单位后重新上报。");
    }
    BigDecimal base;
    switch (target) {
      case MONEY:
        base = convert(q.value(), MONEY_FACTORS, unit, baseUnit);
        break;
      case LENGTH:
        base = convert(q.value(), LENGTH_FACTORS, unit, baseUnit);
        break;
      default:
        base = Decimals.normalize(q.value());
    }
    return Result.ok(base, describe(base, baseUnit, display, factor));
  }

  private static BigDecimal convert(
      BigDecimal value, Map<String, BigDecimal> factors, String unit, String baseUnit) {
    BigDecimal from = factors.getOrDefault(key(unit), BigDecimal.ONE);
    BigDecimal to = factors.getOrDefault(key(baseUnit), BigDecimal.ONE);
    return Decimals.divide(value.multiply(from), to);
  }

  private static String describe(
      BigDecimal base, String baseUnit, String display, BigDecimal scale) {
    String reading = "按 " + baseUnit + " 计：" + Formats.formatWithUnit(base, baseUnit);
    if (!display.equals(baseUnit)) {
      reading += "，即 " + Formats.formatInDisplayUnit(base, display, scale);
    }
    return reading;
  }

  private static String key(String unit) {
    return unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
  }
}
