package io.duban.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Feeds seeded random junk to every entry point: nothing throws, nothing is invented. */
class RandomInputPropertyTest {

  private static final String[] PIECES = {
    "0",
    "1",
    "2",
    "3",
    "5",
    "7",
    "9",
    "00",
    "12",
    "300",
    ".",
    ",",
    "0.5",
    "1,000",
    "一",
    "二",
    "两",
    "三",
    "五",
    "九",
    "零",
    "〇",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "壹",
    "贰",
    "拾",
    "佰",
    "仟",
    "廿",
    "双",
    "点",
    "百分之",
    "元",
    "万元",
    "人",
    "个",
    "人次",
    "公里",
    "米",
    "户",
    "名",
    "%",
    "％",
    "+",
    "-",
    "−",
    "负",
    "增加",
    "再增加",
    "新增",
    "约",
    "左右",
    "以上",
    "余",
    "多",
    "不少于",
    "👍",
    "😀",
    "🇨🇳",
    "👨\u200D👩",
    "1\uFE0F\u20E3",
    "\uD83D",
    "\uDE00",
    "２",
    "１",
    "，",
    "：",
    "（",
    "）",
    "、",
    "。",
    " ",
    "  ",
    "\n",
    "\t",
    "\u3000",
    "\u00A0",
    "\u200B",
    "\uFEFF",
    "e",
    "E",
    "e5",
    "NaN",
    "Infinity",
    "∞",
    "abc",
    "km",
    "@督办",
    "@_user_1",
    "@_all",
    "@",
    "完成",
    "的",
    "了",
    "车",
    "项目",
    "\u0000",
    "\u0007"
  };

  private static final String NUMERAL_CHARS =
      "0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟廿卅萬億兩貳參陸双";

  private static final BigDecimal MAX = BigDecimal.TEN.pow(15);

  private static String randomText(Random random) {
    int pieces = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < pieces; k++) {
      if (random.nextInt(10) == 0) {
        sb.append((char) random.nextInt(0x10000));
      } else {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
    }
    return sb.toString();
  }

  private static boolean containsNumeral(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (NUMERAL_CHARS.indexOf(s.charAt(k)) >= 0) {
        return true;
      }
    }
    return false;
  }

  @Test
  void tenThousandRandomInputs() {
    Random random = new Random(20180101L);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int round = 0; round < 10_000; round++) {
            String input = randomText(random);
            checkNormalizer(input);
            checkScanner(input);
            checkParser(input);
          }
        });
  }

  @Test
  void oneLongRandomInput() {
    Random random = new Random(42L);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 100_000) {
      sb.append(randomText(random));
    }
    String input = sb.toString();
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          checkNormalizer(input);
          checkScanner(input);
          checkParser(input);
        });
  }

  private static void checkNormalizer(String input) {
    String normalized = TextNormalizer.normalize(input, List.of("督办"));
    assertThat(normalized).doesNotContain("  ", "\n", "\u200B", "\uFEFF", "👍");
    assertThat(normalized).doesNotStartWith(" ").doesNotEndWith(" ");
    assertThat(TextNormalizer.normalize(normalized, List.of("督办"))).isEqualTo(normalized);
  }

  private static void checkScanner(String input) {
    int previousEnd = 0;
    for (NumberSpan span : NumberScanner.scan(input)) {
      assertThat(span.start()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(span.end()).isGreaterThan(span.start());
      assertThat(input.substring(span.start(), span.end())).isEqualTo(span.text());
      assertThat(containsNumeral(span.text())).as(span.text()).isTrue();
      assertThat(span.value().signum()).isGreaterThanOrEqualTo(0);
      previousEnd = span.end();
    }
  }

  private static void checkParser(String input) {
    QuantityParser.Result result = QuantityParser.parse(input);
    assertThat(result).isNotNull();
    if (result instanceof QuantityParser.Result.Failed) {
      assertThat(((QuantityParser.Result.Failed) result).reasonZh()).isNotBlank().endsWith("。");
      return;
    }
    Quantity q = ((QuantityParser.Result.Ok) result).quantity();
    String normalized = TextNormalizer.normalize(input, List.of());
    assertThat(containsNumeral(input)).as(input).isTrue();
    assertThat(normalized).contains(q.text());
    assertThat(containsNumeral(q.text())).as(q.text()).isTrue();
    assertThat(q.value().signum()).isGreaterThanOrEqualTo(0);
    assertThat(q.value()).isLessThanOrEqualTo(MAX);
    assertThat(q.value().scale()).isBetween(0, 4);
    // The value must be one the scanner also finds in the same text, i.e. it was written there.
    assertThat(NumberScanner.scan(normalized))
        .extracting(NumberSpan::value)
        .as(input)
        .anySatisfy(v -> assertThat(v).isEqualByComparingTo(q.value()));
  }
}
