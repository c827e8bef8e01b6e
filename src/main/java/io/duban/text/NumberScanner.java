package io.duban.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds every number in a longer Chinese text, greedily, so that a reviewer can account for each
 * figure of a plan table; words such as "一般" or "零距离" are reported too and excluded by hand.
 */
public final class NumberScanner {

  private NumberScanner() {}

  /**
   * Scans a text. A 万/亿 multiplier separated from its number by spaces or a line break is joined to
   * it ("1.1 万\n人次" is 11000), digits are never joined across a gap, "0-14" is two numbers, and 双
   * counts as 2.
   */
  public static List<NumberSpan> scan(String text) {
    List<NumberSpan> spans = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return spans;
    }
    for (NumeralLexer.Run run : NumeralLexer.lex(text, true)) {
      int end = run.end();
      if (!run.percentWord()
          && end < text.length()
          && (text.charAt(end) == '%' || text.charAt(end) == '％')) {
        end++;
      }
      spans.add(new NumberSpan(run.start(), end, text.substring(run.start(), end), run.value()));
    }
    return spans;
  }
}
