package io.duban.text;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Reads one numeral token written with Arabic digits, Chinese numerals or a mix of both. */
public final class ChineseNumerals {

  private ChineseNumerals() {}

  /**
   * Parses a single numeral token such as "12,000", "1.2万", "4.8 万", "一万二", "二〇一八", "壹佰零伍" or
   * "1万2千". Signs, units and percent forms are not part of a numeral token.
   *
   * @return the exact value with trailing zeros stripped, or empty when the token is not exactly
   *     one numeral
   */
  public static Optional<BigDecimal> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String token = s.strip();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    List<NumeralLexer.Run> runs = NumeralLexer.lex(token, false);
    if (runs.size() != 1) {
      return Optional.empty();
    }
    NumeralLexer.Run run = runs.get(0);
    if (run.start() != 0 || run.end() != token.length() || run.percentWord()) {
      return Optional.empty();
    }
    return Optional.of(run.value());
  }
}
