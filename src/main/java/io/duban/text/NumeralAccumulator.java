package io.duban.text;

import java.math.BigDecimal;

/**
 * Folds a stream of numeral tokens (Arabic numbers, Chinese digits, 十百千, 万亿, 点-fractions) into one
 * value, refusing any token that would make the numeral ill-formed so that callers can start a new
 * number there.
 */
final class NumeralAccumulator {

  static final BigDecimal WAN = BigDecimal.valueOf(10_000L);
  static final BigDecimal YI = BigDecimal.valueOf(100_000_000L);

  private enum Kind {
    ARABIC,
    DIGIT,
    ZERO,
    SMALL,
    BIG,
    FRACTION
  }

  private Kind last;
  private Kind beforePending;
  private boolean digitMode;
  private final StringBuilder digitString = new StringBuilder();
  private BigDecimal yiPart = BigDecimal.ZERO;
  private BigDecimal wanPart = BigDecimal.ZERO;
  private BigDecimal section = BigDecimal.ZERO;
  private BigDecimal pending;
  private boolean pendingSingleDigit;
  private BigDecimal lastUnit = BigDecimal.ONE;
  // Every later part must stay below the unit written before it, otherwise "一百一千" would add up.
  private BigDecimal ceiling;
  private boolean seenWan;
  private boolean seenYi;
  private boolean seenFraction;
  private boolean multiplierWritten;
  private boolean hasArabic;
  private boolean hasBigUnit;
  private int tokens;
  private int digitCount;

  boolean isEmpty() {
    return tokens == 0;
  }

  boolean multiplierWritten() {
    return multiplierWritten;
  }

  boolean hasArabic() {
    return hasArabic;
  }

  boolean hasBigUnit() {
    return hasBigUnit;
  }

  int tokenCount() {
    return tokens;
  }

  int digitCount() {
    return digitCount;
  }

  boolean digit(int d) {
    if (last == null) {
      digitString.append(d);
      pend(BigDecimal.valueOf(d), Kind.DIGIT, true);
      return counted(1);
    }
    if (seenFraction) {
      return false;
    }
    if (digitMode) {
      digitString.append(d);
      return counted(1);
    }
    // Two Chinese digits in a row with no place value ("二〇一八") are read digit by digit.
    if (last == Kind.DIGIT && tokens == 1) {
      digitMode = true;
      digitString.append(d);
      return counted(1);
    }
    if (last == Kind.SMALL || last == Kind.BIG) {
      if (d == 0) {
        last = Kind.ZERO;
        return counted(1);
      }
      pend(BigDecimal.valueOf(d), Kind.DIGIT, true);
      return counted(1);
    }
    if (last == Kind.ZERO && d != 0) {
      pend(BigDecimal.valueOf(d), Kind.DIGIT, true);
      return counted(1);
    }
    return false;
  }

  boolean arabic(BigDecimal value, int digits, boolean decimal) {
    if (last == null) {
      pend(value, Kind.ARABIC, digits == 1 && !decimal);
      hasArabic = true;
      return counted(digits);
    }
    if (digitMode || seenFraction) {
      return false;
    }
    if (last == Kind.SMALL || last == Kind.BIG || last == Kind.ZERO) {
      if (decimal) {
        return false;
      }
      boolean single = digits == 1;
      // "1万2000" is literal, so it has to fit below the unit; "1万2" is colloquial and always fits.
      if ((!single || last == Kind.ZERO) && ceiling != null && value.compareTo(ceiling) >= 0) {
        return false;
      }
      pend(value, Kind.ARABIC, single);
      hasArabic = true;
      return counted(digits);
    }
    return false;
  }

  boolean small(int unit, int preset) {
    if (digitMode || seenFraction) {
      return false;
    }
    BigDecimal multiplicand;
    if (preset != 0) {
      if (pending != null) {
        return false;
      }
      multiplicand = BigDecimal.valueOf(preset);
    } else if (pending != null) {
      multiplicand = pending;
    } else if (last == null || last == Kind.ZERO || last == Kind.BIG) {
      multiplicand = BigDecimal.ONE;
    } else {
      return false;
    }
    BigDecimal unitValue = BigDecimal.valueOf(unit);
    BigDecimal part = multiplicand.multiply(unitValue);
    if (ceiling != null && part.compareTo(ceiling) >= 0) {
      return false;
    }
    if (last == Kind.ARABIC) {
      multiplierWritten = true;
    }
    section = section.add(part);
    pending = null;
    lastUnit = unitValue;
    ceiling = unitValue;
    last = Kind.SMALL;
    return counted(0);
  }

  boolean big(BigDecimal unit) {
    if (digitMode) {
      return false;
    }
    boolean isWan = unit.compareTo(WAN) == 0;
    if (isWan ? seenWan : seenYi) {
      return false;
    }
    BigDecimal base = section.add(pendingBeforeBigUnit());
    if (!isWan) {
      base = base.add(wanPart);
    }
    if (base.signum() == 0) {
      // A bare "万" or "亿" still names a number; "零万" does not.
      if (last != null) {
        return false;
      }
      base = BigDecimal.ONE;
    }
    BigDecimal amount = base.multiply(unit);
    // 万 after 亿 must stay below one 亿; 亿 itself is only ever written once.
    if (isWan && seenYi && amount.compareTo(YI) >= 0) {
      return false;
    }
    if (isWan) {
      wanPart = amount;
      seenWan = true;
    } else {
      yiPart = amount;
      wanPart = BigDecimal.ZERO;
      seenWan = false;
      seenYi = true;
    }
    section = BigDecimal.ZERO;
    pending = null;
    lastUnit = unit;
    ceiling = unit;
    multiplierWritten = true;
    hasBigUnit = true;
    last = Kind.BIG;
    return counted(0);
  }

  boolean fraction(BigDecimal fraction, int digits) {
    if (digitMode || seenFraction) {
      return false;
    }
    if (last == Kind.DIGIT) {
      // "一百二点五" has no sensible reading; only "十二点五" or "一百零二点五" do.
      boolean colloquialTail =
          (beforePending == Kind.SMALL || beforePending == Kind.BIG)
              && lastUnit.compareTo(BigDecimal.TEN) != 0;
      if (colloquialTail) {
        return false;
      }
      pending = pending.add(fraction);
    } else if (last == Kind.SMALL && pending == null) {
      beforePending = last;
      pending = fraction;
    } else {
      return false;
    }
    pendingSingleDigit = false;
    seenFraction = true;
    last = Kind.FRACTION;
    return counted(digits);
  }

  BigDecimal value() {
    if (digitMode) {
      return Decimals.normalize(new BigDecimal(digitString.toString()));
    }
    BigDecimal tail = BigDecimal.ZERO;
    if (pending != null) {
      tail = colloquial() ? pending.multiply(lastUnit.movePointLeft(1)) : pending;
    }
    return Decimals.normalize(yiPart.add(wanPart).add(section).add(tail));
  }

  /** Before 万/亿 a colloquial tail after 十百千 still counts ("三千五万" = 3500 万). */
  private BigDecimal pendingBeforeBigUnit() {
    if (pending == null) {
      return BigDecimal.ZERO;
    }
    if (colloquial() && beforePending == Kind.SMALL) {
      return pending.multiply(lastUnit.movePointLeft(1));
    }
    return pending;
  }

  private boolean colloquial() {
    return pendingSingleDigit && (beforePending == Kind.SMALL || beforePending == Kind.BIG);
  }

  private void pend(BigDecimal value, Kind kind, boolean singleDigit) {
    beforePending = last;
    pending = value;
    pendingSingleDigit = singleDigit;
    last = kind;
  }

  private boolean counted(int digits) {
    tokens++;
    digitCount += digits;
    return true;
  }
}
