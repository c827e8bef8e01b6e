package io.duban.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads exactly one quantity (number, multiplier, unit, qualifier) from a short reply, or explains
 * in Chinese why it cannot.
 */
public final class QuantityParser {

  /** Outcome of {@link QuantityParser#parse}: a quantity, or a reason to show the reporter. */
  public sealed interface Result permits Result.Ok, Result.Failed {

    /** A successfully read quantity. */
    record Ok(Quantity quantity) implements Result {
      public Ok {
        Objects.requireNonNull(quantity, "quantity");
      }
    }

    /** A refusal with a short Chinese sentence explaining what to fix. */
    record Failed(String reasonZh) implements Result {
      public Failed {
        Objects.requireNonNull(reasonZh, "reasonZh");
      }
    }

    static Result ok(Quantity quantity) {
      return new Ok(quantity);
    }

    static Result error(String reasonZh) {
      return new Failed(reasonZh);
    }

    default boolean isOk() {
      return this instanceof Ok;
    }

    default Optional<Quantity> quantityIfOk() {
      return this instanceof Ok ? Optional.of(((Ok) this).quantity()) : Optional.empty();
    }
  }

  static final String NO_NUMBER = "没有找到数值，请直接写数字，例如 1200 或 1.2 万。";
  static final String NEGATIVE = "数值不能为负数，请检查后重新输入。";
  static final String SCIENTIFIC = "不支持科学计数法，请直接写出数字。";
  static final String NOT_A_NUMBER = "无法识别这种数值写法，请直接写数字。";
  static final String INCOMPLETE_DECIMAL = "小数写法不完整，请写成 0.5 这样的形式。";
  static final String TOO_LARGE = "数值过大，请检查后重新输入。";
  static final String TOO_PRECISE = "小数位数过多，最多保留 4 位小数，请检查后重新输入。";
  static final String TOO_MANY_DIGITS = "数字位数过多，请检查后重新输入。";
  static final String AMBIGUOUS = "找到多个数值（%s），请只写一个数值。";
  static final String TRAILING = "数值后面的“%s”无法识别，请只写数值和单位。";

  private static final BigDecimal MAX_VALUE = BigDecimal.TEN.pow(15);
  private static final int MAX_DIGITS = 30;
  private static final int MAX_DECIMALS = 4;

  private static final Pattern NOT_A_NUMBER_WORD =
      Pattern.compile("(?i)(?<![a-z])(nan|infinity|inf)(?![a-z])|∞");
  private static final Pattern SCIENTIFIC_NOTATION = Pattern.compile("[0-9][eE][+-]?[0-9]");

  private static final List<String> UNITS =
      sortedLongestFirst(
          List.of(
              "%",
              "元", "块钱", "块", "人次", "个人", "人", "名", "位", "户", "个百分点", "个", "所", "座", "家", "场次", "场",
              "次", "批次", "批", "套", "间", "辆", "件", "种", "条", "项", "台", "处", "张", "本", "册", "株", "棵",
              "只", "头", "吨", "亩", "公顷", "平方公里", "平方米", "平米", "公里", "千米", "km", "米", "栋", "幢", "组",
              "支", "队", "期", "天", "小时", "课时", "篇", "份", "起", "例", "床", "部", "架次", "辆次"));

  /** Prefix qualifiers with the canonical form they are reported as. */
  private static final List<String[]> PREFIX_QUALIFIERS =
      List.of(
          new String[] {"不少于", "不少于"},
          new String[] {"不低于", "不少于"},
          new String[] {"至少", "不少于"},
          new String[] {"超过", "超过"},
          new String[] {"大约", "约"},
          new String[] {"大概", "约"},
          new String[] {"约为", "约"},
          new String[] {"将近", "近"},
          new String[] {"接近", "近"},
          new String[] {"约", "约"},
          new String[] {"近", "近"});

  private static final List<String> ADDITIVE_WORDS = List.of("再增加", "增加", "追加", "再加", "+");

  private static final String MODAL_PARTICLES = "了啦呀哈哦嗯";

  /** Characters that may follow a number without being its measure word. */
  private static final String NOT_UNITS = "左以余多的是和与及或等在到";

  private QuantityParser() {}

  /** Reads one quantity from a short reply; never throws. */
  public static Result parse(String text) {
    String t = TextNormalizer.normalize(text, List.of());
    if (t.isEmpty()) {
      return Result.error(NO_NUMBER);
    }
    if (NOT_A_NUMBER_WORD.matcher(t).find()) {
      return Result.error(NOT_A_NUMBER);
    }
    if (SCIENTIFIC_NOTATION.matcher(t).find()) {
      return Result.error(SCIENTIFIC);
    }
    List<NumeralLexer.Run> candidates = candidates(NumeralLexer.lex(t, false));
    if (candidates.isEmpty()) {
      return Result.error(NO_NUMBER);
    }
    for (NumeralLexer.Run run : candidates) {
      if (run.digitCount() > MAX_DIGITS) {
        return Result.error(TOO_MANY_DIGITS);
      }
    }
    if (candidates.size() > 1) {
      return Result.error(String.format(AMBIGUOUS, listed(t, candidates)));
    }
    return interpret(t, candidates.get(0));
  }

  /** Where one quantity stands in a text: from its qualifier or additive word to its unit. */
  public record Span(int start, int end) {}

  /**
   * The quantities of an already normalised text, in order, each from its prefix (约, 增加, +) to its
   * unit and suffix (余, 左右): what a message with several figures is split at. The same number
   * candidates as {@link #parse} (a lone Chinese digit in a word is not one).
   */
  public static List<Span> spans(String normalized) {
    List<Span> out = new ArrayList<>();
    for (NumeralLexer.Run run : candidates(NumeralLexer.lex(normalized, false))) {
      Prefix prefix = prefix(normalized, run.start());
      Suffix suffix = suffix(normalized, run);
      int start =
          out.isEmpty() ? prefix.start() : Math.max(prefix.start(), out.get(out.size() - 1).end());
      if (!out.isEmpty() && run.start() < out.get(out.size() - 1).end()) {
        continue;
      }
      out.add(new Span(start, suffix.end()));
    }
    return out;
  }

  /**
   * A lone Chinese digit next to an Arabic number is almost always part of a word ("一共", "第一",
   * "两癌"), so it only counts as a number when nothing stronger is present.
   */
  private static List<NumeralLexer.Run> candidates(List<NumeralLexer.Run> runs) {
    List<NumeralLexer.Run> numbers = new ArrayList<>();
    for (NumeralLexer.Run run : runs) {
      // A digit-less 万 or 亿 ("万元", "千万") names a unit or an idiom, never a reported figure.
      if (run.digitCount() > 0 || !run.hasBigUnit()) {
        numbers.add(run);
      }
    }
    List<NumeralLexer.Run> chosen = new ArrayList<>();
    for (int k = 0; k < numbers.size(); k++) {
      NumeralLexer.Run run = numbers.get(k);
      boolean touchesNeighbour =
          (k > 0 && numbers.get(k - 1).end() == run.start())
              || (k + 1 < numbers.size() && numbers.get(k + 1).start() == run.end());
      if (isStrong(run) || touchesNeighbour) {
        chosen.add(run);
      }
    }
    return chosen.isEmpty() ? numbers : chosen;
  }

  private static boolean isStrong(NumeralLexer.Run run) {
    return run.hasArabic() || run.percentWord() || run.hasBigUnit() || run.tokenCount() >= 2;
  }

  private static String listed(String t, List<NumeralLexer.Run> runs) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < runs.size() && k < 3; k++) {
      NumeralLexer.Run run = runs.get(k);
      String part = t.substring(run.start(), run.end());
      parts.add(part.length() > 20 ? part.substring(0, 20) + "…" : part);
    }
    if (runs.size() > 3) {
      parts.add("…");
    }
    return String.join("、", parts);
  }

  private static Result interpret(String t, NumeralLexer.Run run) {
    if (run.start() > 0) {
      char glued = t.charAt(run.start() - 1);
      // "e5" or "PPP5" is a code, ".5" is a decimal with its integer part missing.
      if (glued < 128 && Character.isLetter(glued)) {
        return Result.error(NOT_A_NUMBER);
      }
      if (glued == '.') {
        return Result.error(INCOMPLETE_DECIMAL);
      }
    }
    Prefix prefix = prefix(t, run.start());
    if (prefix.negative()) {
      return Result.error(NEGATIVE);
    }
    Suffix suffix = suffix(t, run);
    String rest = t.substring(suffix.end());
    if (!isIgnorableTail(rest)) {
      String shown = rest.strip();
      if (shown.length() > 10) {
        shown = shown.substring(0, 10) + "…";
      }
      return Result.error(String.format(TRAILING, shown));
    }

    BigDecimal value = run.value();
    if (value.compareTo(MAX_VALUE) > 0) {
      return Result.error(TOO_LARGE);
    }
    if (value.scale() > MAX_DECIMALS) {
      return Result.error(TOO_PRECISE);
    }
    return Result.ok(
        new Quantity(
            value,
            run.multiplierWritten(),
            suffix.unit(),
            prefix.qualifier().isEmpty() ? suffix.qualifier() : prefix.qualifier(),
            prefix.additive(),
            t.substring(prefix.start(), suffix.end())));
  }

  /**
   * What precedes a number: where the quantity starts, its qualifier ("约") and whether an additive
   * word ("再增加", "+") was written; {@code negative} when a minus sign or word came first.
   */
  private record Prefix(int start, String qualifier, boolean additive, boolean negative) {}

  /** What follows a number: where the quantity ends, its qualifier ("余", "左右") and its unit. */
  private record Suffix(int end, String qualifier, String unit) {}

  private static Prefix prefix(String t, int runStart) {
    int spanStart = runStart;
    String qualifier = "";
    boolean additive = false;
    // Qualifier and additive word may come in either order ("再增加约 500", "约 +500").
    for (int round = 0; round < 3; round++) {
      int before = skipSpacesBackward(t, spanStart);
      if (isNegativeMarker(t, before)) {
        return new Prefix(spanStart, qualifier, additive, true);
      }
      if (qualifier.isEmpty()) {
        String[] match = prefixQualifierEndingAt(t, before);
        if (match != null) {
          qualifier = match[1];
          spanStart = before - match[0].length();
          continue;
        }
      }
      if (!additive) {
        int start = additiveWordStart(t, before);
        if (start >= 0) {
          additive = true;
          spanStart = start;
          continue;
        }
      }
      break;
    }
    return new Prefix(spanStart, qualifier, additive, false);
  }

  private static Suffix suffix(String t, NumeralLexer.Run run) {
    int n = t.length();
    int spanEnd = run.end();
    int p = skipSpaces(t, spanEnd);
    String suffixQualifier = "";
    if (p < n && (t.charAt(p) == '余' || t.charAt(p) == '多')) {
      suffixQualifier = String.valueOf(t.charAt(p));
      spanEnd = ++p;
    }
    String unit = "";
    if (run.percentWord()) {
      unit = "%";
    } else {
      int u = skipSpaces(t, spanEnd);
      String written = unitAt(t, u);
      if (written != null) {
        unit = written.equalsIgnoreCase("km") ? "km" : written;
        spanEnd = u + written.length();
      }
    }
    int q = skipSpaces(t, spanEnd);
    if (t.startsWith("左右", q) || t.startsWith("以上", q)) {
      if (suffixQualifier.isEmpty()) {
        suffixQualifier = t.substring(q, q + 2);
      }
      spanEnd = q + 2;
    }
    return new Suffix(spanEnd, suffixQualifier, unit);
  }

  private static boolean isNegativeMarker(String t, int end) {
    if (end <= 0) {
      return false;
    }
    char c = t.charAt(end - 1);
    return c == '\u2212'
        || Character.getType(c) == Character.DASH_PUNCTUATION
        || c == '负'
        || c == '减'
        || endsWithAt(t, end, "减少");
  }

  private static String[] prefixQualifierEndingAt(String t, int end) {
    for (String[] qualifier : PREFIX_QUALIFIERS) {
      String word = qualifier[0];
      if (!endsWithAt(t, end, word)) {
        continue;
      }
      // "最近" and "附近" are words, not the qualifier 近.
      if (word.equals("近") && end >= 2 && "最附靠临邻".indexOf(t.charAt(end - 2)) >= 0) {
        continue;
      }
      return qualifier;
    }
    return null;
  }

  private static int additiveWordStart(String t, int end) {
    int at = end;
    // "增加了 500" reads the same as "增加 500".
    if (at > 0 && t.charAt(at - 1) == '了') {
      at--;
    }
    for (String word : ADDITIVE_WORDS) {
      if (endsWithAt(t, at, word)) {
        return at - word.length();
      }
    }
    // A bare 加 only counts at a word start, so "参加 500 人" is not an increment.
    if (endsWithAt(t, at, "加")) {
      int before = at - 1;
      if (before == 0 || !Character.isLetterOrDigit(t.charAt(before - 1))) {
        return before;
      }
    }
    return -1;
  }

  private static String unitAt(String t, int at) {
    if (at >= t.length()) {
      return null;
    }
    for (String unit : UNITS) {
      if (t.regionMatches(true, at, unit, 0, unit.length())) {
        int after = at + unit.length();
        // "m" or "km" followed by more Latin letters is a word, not a unit.
        boolean latin = Character.isLetter(unit.charAt(unit.length() - 1)) && unit.charAt(0) < 128;
        if (latin
            && after < t.length()
            && t.charAt(after) < 128
            && Character.isLetter(t.charAt(after))) {
          continue;
        }
        return t.substring(at, after);
      }
    }
    // An unlisted measure word ("3000 头") is accepted when it stands alone.
    char c = t.charAt(at);
    if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
        && NOT_UNITS.indexOf(c) < 0
        && MODAL_PARTICLES.indexOf(c) < 0
        && !NumeralLexer.isNumeralStart(c)) {
      int after = at + 1;
      if (after == t.length()
          || isIgnorableChar(t.charAt(after))
          || t.startsWith("左右", after)
          || t.startsWith("以上", after)) {
        return String.valueOf(c);
      }
    }
    return null;
  }

  private static boolean isIgnorableTail(String rest) {
    for (int k = 0; k < rest.length(); k++) {
      if (!isIgnorableChar(rest.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIgnorableChar(char c) {
    if (c == ' ' || c == '~' || MODAL_PARTICLES.indexOf(c) >= 0) {
      return true;
    }
    switch (Character.getType(c)) {
      case Character.OTHER_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  private static boolean endsWithAt(String t, int end, String word) {
    int start = end - word.length();
    return start >= 0 && t.startsWith(word, start);
  }

  private static int skipSpaces(String t, int from) {
    int k = from;
    while (k < t.length() && t.charAt(k) == ' ') {
      k++;
    }
    return k;
  }

  private static int skipSpacesBackward(String t, int end) {
    int k = end;
    while (k > 0 && t.charAt(k - 1) == ' ') {
      k--;
    }
    return k;
  }

  private static List<String> sortedLongestFirst(List<String> units) {
    List<String> sorted = new ArrayList<>(units);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return List.copyOf(sorted);
  }
}
