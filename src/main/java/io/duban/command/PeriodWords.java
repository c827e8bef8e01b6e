package io.duban.command;

import io.duban.command.PeriodWord.Relative;
import io.duban.command.PeriodWord.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the period words out of a report's text before its figures are read, so that "5月", "截至5月底",
 * "6月20日" or "2018年" is never taken as the figure: what remains is names and figures; what was
 * taken says which period the figures count for and whether they are the period's increment ("本月新增
 * 3200").
 */
public final class PeriodWords {
  static final String MONTH_NUMBER = "(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
  private static final String END = "(?:\\s*(?:月底|月末|底|末|止|为止))*(?:的|累计|共)*";
  private static final String SINCE = "(?:截至|截止到|截止|到)?\\s*";

  private static final Pattern MONTH =
      Pattern.compile(
          "(?<![0-9.])"
              + SINCE
              + "(?:(\\d{4})\\s*年\\s*)?"
              + MONTH_NUMBER
              + "\\s*月(?:份)?(?:\\s*(?:\\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\\s*[日号])?"
              + END);
  private static final Pattern QUARTER =
      Pattern.compile("(?<![0-9.])" + SINCE + "(?:(\\d{4})\\s*年\\s*)?第?([一二三四1-4])\\s*季度" + END);
  private static final Pattern RELATIVE =
      Pattern.compile(SINCE + "(上个月|上月|本月|这个月|当月|本季度|这个季度|这季度|当季|本季|上个季度|上季度)" + END);
  private static final Pattern HALF_YEAR = Pattern.compile(SINCE + "上半年" + END);
  private static final Pattern YEAR_ALONE =
      Pattern.compile("(?<![0-9.])(\\d{4})\\s*年(?:度)?(?!\\s*\\d)");
  private static final Pattern INCREMENT = Pattern.compile("^\\s*(新增了|新增|增加了|增加|增长了|增长)");

  private PeriodWords() {}

  /**
   * What was taken out: the text without its period words, the periods found (normally one), and
   * whether an increment word followed one ("本月新增").
   */
  public record Taken(String rest, List<PeriodWord> periods, boolean increment) {
    public PeriodWord period() {
      return periods.isEmpty() ? null : periods.get(0);
    }
  }

  /**
   * Takes the period words out of {@code text}. {@code nameAt} tells whether a target name starts
   * at the given text, so the 新增 of "本月新增就业岗位 3200" is read as part of the name.
   */
  public static Taken take(String text, Predicate<String> nameAt) {
    List<PeriodWord> found = new ArrayList<>();
    boolean increment = false;
    StringBuilder rest = new StringBuilder();
    int at = 0;
    while (at < text.length()) {
      Hit hit = next(text, at);
      if (hit == null) {
        rest.append(text, at, text.length());
        break;
      }
      rest.append(text, at, hit.start()).append(' ');
      found.add(hit.word());
      int after = hit.end();
      Matcher inc = INCREMENT.matcher(text.substring(after));
      if (inc.find() && !nameAt.test(text.substring(after).trim())) {
        increment = true;
        after += inc.end();
      }
      at = after;
    }
    String withoutYear = YEAR_ALONE.matcher(rest.toString()).replaceAll(" ");
    return new Taken(withoutYear.replaceAll("\\s+", " ").trim(), found, increment);
  }

  /** The period when {@code text} is nothing but one period word ("5月", "五月份", "上个月"). */
  public static Optional<PeriodWord> only(String text) {
    Taken t = take(text, s -> false);
    return t.rest().isEmpty() && t.periods().size() == 1 && !t.increment()
        ? Optional.of(t.period())
        : Optional.empty();
  }

  private record Hit(int start, int end, PeriodWord word) {}

  private static Hit next(String text, int from) {
    Hit best = null;
    for (Pattern p : List.of(MONTH, QUARTER, RELATIVE, HALF_YEAR)) {
      Matcher m = p.matcher(text);
      if (m.find(from) && (best == null || m.start() < best.start())) {
        best = new Hit(m.start(), m.end(), word(p, m));
      }
    }
    return best;
  }

  private static PeriodWord word(Pattern p, Matcher m) {
    String written = m.group().trim();
    if (p == MONTH) {
      return new PeriodWord(
          Span.MONTH, Relative.NAMED, number(m.group(2)), year(m.group(1)), written);
    }
    if (p == QUARTER) {
      return new PeriodWord(
          Span.QUARTER, Relative.NAMED, number(m.group(2)), year(m.group(1)), written);
    }
    if (p == HALF_YEAR) {
      return new PeriodWord(Span.MONTH, Relative.NAMED, 6, 0, written);
    }
    String w = m.group(1);
    Span span = w.contains("季") ? Span.QUARTER : Span.MONTH;
    Relative relative = w.startsWith("上") ? Relative.LAST : Relative.THIS;
    return new PeriodWord(span, relative, 0, 0, written);
  }

  private static int year(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }

  /** "5", "05", "十二", "三" as a number. */
  static int number(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s);
    }
    String digits = "一二三四五六七八九";
    if (s.startsWith("十")) {
      return 10 + (s.length() > 1 ? digits.indexOf(s.charAt(1)) + 1 : 0);
    }
    return digits.indexOf(s.charAt(0)) + 1;
  }
}
