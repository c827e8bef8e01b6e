package io.duban.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseNumeralsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "12000 | 12000",
        "12,000 | 12000",
        "1,234,567.89 | 1234567.89",
        "1.2 | 1.2",
        "007 | 7",
        "１２ | 12",
        "1.2万 | 12000",
        "'4.8 万' | 48000",
        "3000万 | 30000000",
        "15亿 | 1500000000",
        "1.5万亿 | 1500000000000",
        "两万亿 | 2000000000000",
        "一万二 | 12000",
        "三千五 | 3500",
        "两百五 | 250",
        "三万五 | 35000",
        "一亿二 | 120000000",
        "一万二千 | 12000",
        "两万 | 20000",
        "三千五百 | 3500",
        "十 | 10",
        "十二 | 12",
        "二十 | 20",
        "一百零五 | 105",
        "一千零一十 | 1010",
        "两千零十八 | 2018",
        "一万零二 | 10002",
        "〇 | 0",
        "零 | 0",
        "二〇一八 | 2018",
        "一二 | 12",
        "壹佰零伍 | 105",
        "壹万贰仟 | 12000",
        "玖拾 | 90",
        "叁仟肆佰伍拾陆 | 3456",
        "两 | 2",
        "廿 | 20",
        "廿五 | 25",
        "1万2千 | 12000",
        "1万2 | 12000",
        "1万2000 | 12000",
        "3千 | 3000",
        "3千5百 | 3500",
        "1.2千 | 1200",
        "一亿二千万 | 120000000",
        "十万 | 100000",
        "十二万 | 120000",
        "三千五万 | 35000000",
        "一百二十三万四千五百六十七 | 1234567",
        "一萬 | 10000",
        "一点五万 | 15000",
        "十二点五 | 12.5",
        "一百零二点五 | 102.5",
        "千 | 1000",
        "万 | 10000",
      })
  void parsesNumerals(String input, String expected) {
    Optional<BigDecimal> value = ChineseNumerals.parse(input);
    assertThat(value).isPresent();
    assertThat(value.get().toPlainString()).isEqualTo(expected);
    assertThat(value.get().scale()).isGreaterThanOrEqualTo(0);
  }

  @ParameterizedTest(name = "{0} -> empty")
  @ValueSource(
      strings = {
        " ", "abc", "1,2", "12,00", "一百一千", "万万", "一万一万", "-3", "1e5", "12%", "百分之六十", "双", "1.2.3",
        "3 千", "1 2", "1.", ".5", "二〇一八万", "一百二点五", "1万2.5", "2二", "十二百", "零万",
      })
  void refusesNonNumerals(String input) {
    assertThat(ChineseNumerals.parse(input)).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void nullAndEmptyAreEmpty(String input) {
    assertThat(ChineseNumerals.parse(input)).isEmpty();
  }

  @Test
  void multiplierResultIsExactAndIntegral() {
    BigDecimal value = ChineseNumerals.parse("1.2万").orElseThrow();
    assertThat(value).isEqualTo(new BigDecimal("12000"));
    assertThat(value.scale()).isZero();
  }
}
