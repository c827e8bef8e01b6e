package io.duban.text;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Holds one quantity read from a reply: the value with any 万/亿 multiplier applied, the unit word
 * written after it, an approximation qualifier and whether it was reported as an increment.
 *
 * @param value the number with multipliers applied ("3000万元" gives 30000000)
 * @param multiplierWritten whether 万 or 亿 was written, or 十/百/千 directly after Arabic digits
 * @param unit the unit written after the number without the multiplier ("元", "人次", "%"), or ""
 * @param qualifier one of 约, 近, 不少于, 超过, 余, 多, 左右, 以上, or ""
 * @param additive whether the reply reports an increment ("+3000", "再增加 500")
 * @param text the matched span of the normalised reply
 */
public record Quantity(
    BigDecimal value,
    boolean multiplierWritten,
    String unit,
    String qualifier,
    boolean additive,
    String text) {

  public Quantity {
    Objects.requireNonNull(value, "value");
    unit = unit == null ? "" : unit;
    qualifier = qualifier == null ? "" : qualifier;
    text = text == null ? "" : text;
  }
}
