package io.duban.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The normaliser alone. Feishu's "@_user_N" / "@_all" markup is removed before it, by {@code
 * FeishuRules}: those cases are in {@code io.duban.chat.PlatformRulesTest}.
 */
class TextNormalizerTest {

  private static final List<String> BOTS = List.of("督办", "督办助手", "Duban");

  static Stream<Arguments> cases() {
    return Stream.of(
        // full-width forms
        arguments("２万", "2万"),
        arguments("１２０００", "12000"),
        arguments("完成：１．２万人", "完成:1.2万人"),
        arguments("１，２００", "1,200"),
        arguments("岗位；人数", "岗位;人数"),
        arguments("＋３０００", "+3000"),
        arguments("６０％", "60%"),
        arguments("ＡＢＣｘｙｚ", "ABCxyz"),
        arguments("（一期）", "(一期)"),
        arguments("甲、乙。", "甲、乙。"),
        arguments("！？", "!?"),
        // spaces of every kind
        arguments("1200\u3000万元", "1200 万元"),
        arguments("1200\u00A0个", "1200 个"),
        arguments("a\u2002b\u2003c\u2009d\u202Fe", "a b c d e"),
        arguments("第一行\n第二行", "第一行 第二行"),
        arguments("a\r\n\tb", "a b"),
        arguments("  多个   空格  ", "多个 空格"),
        arguments("a\u2028b", "a b"),
        // invisible characters
        arguments("1\u200B2000", "12000"),
        arguments("1\u200C2\u200D3", "123"),
        arguments("\uFEFF3000", "3000"),
        arguments("30\u00AD00", "3000"),
        arguments("\u202A3000\u202C", "3000"),
        arguments("12\u206000", "1200"),
        arguments("3\uFE0F000", "3000"),
        arguments("12\u0007345", "12345"),
        // emoji and pictographs
        arguments("完成了👍12000个", "完成了 12000个"),
        arguments("👍👍👍", ""),
        arguments("好的😀，已完成", "好的 ,已完成"),
        arguments("1200👍3000", "1200 3000"),
        arguments("完成👨\u200D👩\u200D👧啦", "完成 啦"),
        arguments("👍🏽3000", "3000"),
        arguments("中国🇨🇳加油", "中国 加油"),
        arguments("1\uFE0F\u20E3个", "1个"),
        arguments("☀晴天✅完成", "晴天 完成"),
        arguments("⭐3000", "3000"),
        arguments("➕3000", "+3000"),
        arguments("➖3000", "-3000"),
        // mentions
        arguments("@督办 1200", "1200"),
        arguments("@督办助手 1.2万人", "1.2万人"),
        arguments("@duban 3000", "3000"),
        arguments("@DUBAN 3000", "3000"),
        arguments("＠督办 ３０００", "3000"),
        arguments("已完成 @督办 3000", "已完成 3000"),
        arguments("@督办 @督办助手 3000", "3000"),
        arguments("@督办，3000", ",3000"),
        arguments("@督办3000", "3000"),
        arguments(" 3000", "3000"),
        arguments("@张三 请上报", "@张三 请上报"),
        arguments("@督办王 3000", "@督办王 3000"),
        arguments("邮箱a@督办 3000", "邮箱a@督办 3000"),
        arguments("@Dubanbot 3000", "@Dubanbot 3000"),
        arguments("@Duban已完成", "已完成"),
        arguments("", ""));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void normalizes(String raw, String expected) {
    assertThat(TextNormalizer.normalize(raw, BOTS)).isEqualTo(expected);
  }

  @Test
  void nullBecomesEmpty() {
    assertThat(TextNormalizer.normalize(null, BOTS)).isEmpty();
  }

  @Test
  void nullBotNamesAreAllowed() {
    assertThat(TextNormalizer.normalize("@督办 3000", null)).isEqualTo("@督办 3000");
  }

  @Test
  void botNamesAreNormalisedToo() {
    assertThat(TextNormalizer.normalize("@Duban 3000", List.of("＠Ｄｕｂａｎ"))).isEqualTo("3000");
  }

  @Test
  void isIdempotent() {
    for (Arguments args : cases().toList()) {
      String once = TextNormalizer.normalize((String) args.get()[0], BOTS);
      assertThat(TextNormalizer.normalize(once, List.of())).isEqualTo(once);
    }
  }

  @Test
  void longRunsOfAtSignsAndSpacesStayFast() {
    String input = "@".repeat(50_000) + " ".repeat(50_000) + "@督".repeat(30_000);
    String result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> TextNormalizer.normalize(input, BOTS));
    assertThat(result).startsWith("@@@").doesNotContain("  ");
  }
}
