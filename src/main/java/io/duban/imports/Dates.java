package io.duban.imports;

import io.duban.command.PeriodWord;
import io.duban.command.PeriodWord.Relative;
import io.duban.command.PeriodWord.Span;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a row's 截至日期 as the month a chat report names ("5月 8000"): a date in an earlier month
 * counts for that month, one in the running month for today, a later one is refused.
 */
final class Dates {
  private static final Pattern DATE =
      Pattern.compile(
          "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*(?:[-/.月]\\s*(?:(\\d{1,2})\\s*[日号]?|底)?)?(?:T.*)?");

  private Dates() {}

  /** The period a date stands for (null: none written), or why the date is not taken. */
  record Read(PeriodWord period, String problem) {}

  static Read read(String written, LocalDate today) {
    if (written == null || written.isBlank()) {
      return new Read(null, null);
    }
    Matcher m = DATE.matcher(written.strip());
    if (!m.matches()) {
      return new Read(null, "截至日期“" + written + "”无法识别，请写成 2018-05-31 这样的日期。");
    }
    LocalDate date;
    try {
      YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      date = m.group(3) == null ? month.atEndOfMonth() : month.atDay(Integer.parseInt(m.group(3)));
    } catch (DateTimeException | NumberFormatException e) {
      return new Read(null, "截至日期“" + written + "”不是有效的日期。");
    }
    if (date.isAfter(today) && !YearMonth.from(date).equals(YearMonth.from(today))) {
      return new Read(null, "截至日期 " + date + " 还没到，不能提前上报。");
    }
    if (date.isAfter(today) && m.group(3) != null) {
      return new Read(null, "截至日期 " + date + " 晚于今天（" + today + "），不能提前上报。");
    }
    int monthValue = date.getMonthValue();
    return new Read(
        new PeriodWord(Span.MONTH, Relative.NAMED, monthValue, date.getYear(), monthValue + "月"),
        null);
  }
}
