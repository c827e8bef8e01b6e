package io.duban.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds runs of numeral characters (Arabic and Chinese, with 万/亿 multipliers) in text and reads
 * their values, keeping positions in the text it was given.
 */
final class NumeralLexer {

  /** One numeral run as found in the text; {@code percentWord} marks the 百分之 form. */
  record Run(
      int start,
      int end,
      BigDecimal value,
      boolean hasArabic,
      boolean multiplierWritten,
      boolean hasBigUnit,
      boolean percentWord,
      int tokenCount,
      int digitCount) {}

  private static final String PERCENT_WORD = "百分之";

  private NumeralLexer() {}

  /**
   * Lexes all runs. In scanner mode 双 counts as a numeral on its own, because the plan tables use
   * it for counted pairs ("双癌" = two cancers); a reply parser must not read it that way.
   */
  static List<Run> lex(CharSequence text, boolean scannerMode) {
    List<Run> runs = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (scannerMode && c == '双') {
        runs.add(new Run(i, i + 1, BigDecimal.valueOf(2), false, false, false, false, 1, 1));
        i++;
        continue;
      }
      if (c == '百' && startsWith(text, i, PERCENT_WORD)) {
        Run inner = lexRunAt(text, i + PERCENT_WORD.length());
        if (inner != null) {
          runs.add(
              new Run(
                  i,
                  inner.end(),
                  inner.value(),
                  inner.hasArabic(),
                  false,
                  false,
                  true,
                  inner.tokenCount() + 1,
                  inner.digitCount()));
          i = inner.end();
          continue;
        }
      }
      if (isNumeralStart(c)) {
        Run run = lexRunAt(text, i);
        if (run != null) {
          runs.add(run);
          i = run.end();
          continue;
        }
      }
      i++;
    }
    return runs;
  }

  static boolean isNumeralStart(char c) {
    return asciiDigit(c) >= 0 || chineseDigit(c) >= 0 || smallUnit(c) > 0 || bigUnit(c) != null;
  }

  /** Folds full-width digits so that positions in the original text stay valid. */
  static int asciiDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= '\uFF10' && c <= '\uFF19') {
      return c - '\uFF10';
    }
    return -1;
  }

  static int chineseDigit(char c) {
    switch (c) {
      case '零':
      case '〇':
        return 0;
      case '一':
      case '壹':
        return 1;
      case '二':
      case '两':
      case '贰':
      case '貳':
      case '兩':
        return 2;
      case '三':
      case '叁':
      case '參':
        return 3;
      case '四':
      case '肆':
        return 4;
      case '五':
      case '伍':
        return 5;
      case '六':
      case '陆':
      case '陸':
        return 6;
      case '七':
      case '柒':
        return 7;
      case '八':
      case '捌':
        return 8;
      case '九':
      case '玖':
        return 9;
      default:
        return -1;
    }
  }

  static int smallUnit(char c) {
    switch (c) {
      case '十':
      case '拾':
      case '廿':
      case '卅':
        return 10;
      case '百':
      case '佰':
        return 100;
      case '千':
      case '仟':
        return 1000;
      default:
        return 0;
    }
  }

  private static int preset(char c) {
    if (c == '廿') {
      return 2;
    }
    return c == '卅' ? 3 : 0;
  }

  static BigDecimal bigUnit(char c) {
    if (c == '万' || c == '萬') {
      return NumeralAccumulator.WAN;
    }
    if (c == '亿' || c == '億') {
      return NumeralAccumulator.YI;
    }
    return null;
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static Run lexRunAt(CharSequence text, int start) {
    int n = text.length();
    NumeralAccumulator acc = new NumeralAccumulator();
    int j = start;
    int end = start;
    while (j < n) {
      char c = text.charAt(j);
      if (isSpace(c)) {
        int next = afterGap(text, j, acc);
        if (next < 0) {
          break;
        }
        j = next;
        end = j;
        continue;
      }
      if (asciiDigit(c) >= 0) {
        int next = arabicToken(text, j, acc);
        if (next < 0) {
          break;
        }
        j = next;
        end = j;
        continue;
      }
      int digit = chineseDigit(c);
      if (digit >= 0) {
        if (!acc.digit(digit)) {
          break;
        }
        end = ++j;
        continue;
      }
      int small = smallUnit(c);
      if (small > 0) {
        if (!acc.small(small, preset(c))) {
          break;
        }
        end = ++j;
        continue;
      }
      BigDecimal big = bigUnit(c);
      if (big != null) {
        if (!acc.big(big)) {
          break;
        }
        end = ++j;
        continue;
      }
      if (c == '点' && !acc.isEmpty() && j + 1 < n && chineseDigit(text.charAt(j + 1)) >= 0) {
        int next = chineseFraction(text, j, acc);
        if (next < 0) {
          break;
        }
        j = next;
        end = j;
        continue;
      }
      break;
    }
    if (acc.isEmpty()) {
      return null;
    }
    return new Run(
        start,
        end,
        acc.value(),
        acc.hasArabic(),
        acc.multiplierWritten(),
        acc.hasBigUnit(),
        false,
        acc.tokenCount(),
        acc.digitCount());
  }

  /**
   * At a gap in a run: tables print "4.8 万个" or break "1.1 万" over lines, so only a multiplier may
   * follow it. The index after that multiplier, or -1 where the run stops.
   */
  private static int afterGap(CharSequence text, int j, NumeralAccumulator acc) {
    if (acc.isEmpty()) {
      return -1;
    }
    int n = text.length();
    int k = j;
    while (k < n && isSpace(text.charAt(k))) {
      k++;
    }
    BigDecimal unit = k < n ? bigUnit(text.charAt(k)) : null;
    if (unit != null && acc.big(unit)) {
      return k + 1;
    }
    return -1;
  }

  /** Adds the Arabic number at {@code j}; the index after it, or -1 where the run stops. */
  private static int arabicToken(CharSequence text, int j, NumeralAccumulator acc) {
    int tokenEnd = arabicEnd(text, j);
    String digits = arabicDigits(text, j, tokenEnd);
    boolean decimal = digits.indexOf('.') >= 0;
    int digitCount = decimal ? digits.length() - 1 : digits.length();
    if (!acc.arabic(new BigDecimal(digits), digitCount, decimal)) {
      return -1;
    }
    return tokenEnd;
  }

  /**
   * Adds the Chinese decimal fraction after the 点 at {@code j} ("三点五"); the index after its last
   * digit, or -1 where the run stops.
   */
  private static int chineseFraction(CharSequence text, int j, NumeralAccumulator acc) {
    int n = text.length();
    int k = j + 1;
    StringBuilder fraction = new StringBuilder("0.");
    while (k < n && chineseDigit(text.charAt(k)) >= 0) {
      fraction.append(chineseDigit(text.charAt(k)));
      k++;
    }
    if (!acc.fraction(new BigDecimal(fraction.toString()), k - j - 1)) {
      return -1;
    }
    return k;
  }

  /**
   * Commas count as thousands separators only in a well-formed grouping ("12,000"), so that a list
   * such as "1,2" stays two numbers.
   */
  private static int arabicEnd(CharSequence text, int start) {
    int n = text.length();
    int k = start;
    while (k < n && asciiDigit(text.charAt(k)) >= 0) {
      k++;
    }
    if (k - start <= 3) {
      while (k + 3 < n
          && text.charAt(k) == ','
          && asciiDigit(text.charAt(k + 1)) >= 0
          && asciiDigit(text.charAt(k + 2)) >= 0
          && asciiDigit(text.charAt(k + 3)) >= 0
          && (k + 4 >= n || asciiDigit(text.charAt(k + 4)) < 0)) {
        k += 4;
      }
    }
    if (k + 1 < n && isDecimalPoint(text.charAt(k)) && asciiDigit(text.charAt(k + 1)) >= 0) {
      k++;
      while (k < n && asciiDigit(text.charAt(k)) >= 0) {
        k++;
      }
    }
    return k;
  }

  private static boolean isDecimalPoint(char c) {
    return c == '.' || c == '\uFF0E';
  }

  private static String arabicDigits(CharSequence text, int start, int end) {
    StringBuilder sb = new StringBuilder(end - start);
    for (int k = start; k < end; k++) {
      char c = text.charAt(k);
      int d = asciiDigit(c);
      if (d >= 0) {
        sb.append((char) ('0' + d));
      } else if (isDecimalPoint(c)) {
        sb.append('.');
      }
    }
    return sb.toString();
  }

  private static boolean startsWith(CharSequence text, int at, String prefix) {
    if (at + prefix.length() > text.length()) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (text.charAt(at + k) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
