package io.duban.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.command.commands.ReportCommand.Report;
import io.duban.support.FuzzText;
import io.duban.text.NumberScanner;
import io.duban.text.NumberSpan;
import io.duban.text.TextNormalizer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 10,000 random and mutated messages: the parser never throws, and a message it reads as a report
 * always carries the value written in it (no invented figures).
 */
class CommandFuzzTest {
  @Test
  void tenThousandMessagesNeverThrowAndNeverInventAValue() throws IOException {
    Random random = new Random(20181225);
    List<String> seeds = new ArrayList<>();
    for (CommandCorpusTest.Case c : CommandCorpusTest.load("corpus-base.tsv")) {
      seeds.add(c.message());
    }
    int reports = 0;
    for (int i = 0; i < 10_000; i++) {
      String message =
          i % 2 == 0
              ? FuzzText.random(random)
              : FuzzText.mutate(seeds.get(random.nextInt(seeds.size())), random);
      ParsedCommand parsed = ParserFixture.PARSER.parse(message);
      assertThat(parsed).as(message).isNotNull();
      assertThat(parsed.describe()).isNotNull();
      if (parsed instanceof Report r) {
        reports++;
        assertThat(valuesWritten(message))
            .as("「" + message + "」 → " + parsed.describe())
            .contains(r.quantity().value());
      }
    }
    assertThat(reports).as("the mutated corpus still yields reports").isGreaterThan(500);
  }

  static List<BigDecimal> valuesWritten(String message) {
    return NumberScanner.scan(TextNormalizer.normalize(message, List.of("督办助手"))).stream()
        .map(NumberSpan::value)
        .map(CommandFuzzTest::plain)
        .toList();
  }

  static BigDecimal plain(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }
}
