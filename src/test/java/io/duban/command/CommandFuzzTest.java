package io.duban.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.command.ParsedCommand.Report;
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
  static final String ALPHABET =
      "上报更正确认完成进展撤销代报进度全区未报排名我的帮助绑定新增就业岗位城镇慈善救助金万亿千百十两一二三四五六七八九零"
          + "0123456789.,+-%％：，；（）()【】 　@_#$*'\";<>/\\\n\t"
          + "０１２３４５６７８９ａｂｃＡＢＣ\u200b\u200d\uFEFF😀👍🎉🇨🇳 ️";

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
          i % 2 == 0 ? randomText(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
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

  static String randomText(Random random) {
    int length = random.nextInt(random.nextInt(10) == 0 ? 2000 : 40);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (random.nextInt(20) == 0) {
        sb.appendCodePoint(random.nextInt(0x10FFFF));
      } else {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  static String mutate(String seed, Random random) {
    StringBuilder sb = new StringBuilder(seed);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
      switch (random.nextInt(6)) {
        case 0 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
        case 3 -> sb.insert(at, " ");
        case 4 -> sb.append(random.nextInt(100000));
        default -> {
          // leave this one unchanged: the parse must still be right
        }
      }
    }
    return sb.toString();
  }
}
