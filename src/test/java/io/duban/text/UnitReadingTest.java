package io.duban.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitReadingTest {

  private static Quantity parsed(String text) {
    return QuantityParser.parse(text).quantityIfOk().orElseThrow();
  }

  private static BigDecimal scaleOrNull(String scale) {
    return scale == null ? null : new BigDecimal(scale);
  }

  @ParameterizedTest(name = "{0} against {1}/{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // reply | base | display | scale | base value | reading
        "1200 | 元 | 万元 | 10000 | 12000000 | 按 万元 计：1200 万元",
        "12.5 | 元 | 万元 | 10000 | 125000 | 按 万元 计：12.5 万元",
        "15 | 元 | 亿元 | 100000000 | 1500000000 | 按 亿元 计：15 亿元",
        "1200万 | 元 | 万元 | 10000 | 12000000 | 按 元 计：12,000,000 元，即 1200 万元",
        "3000元 | 元 | 万元 | 10000 | 3000 | 按 元 计：3,000 元，即 0.3 万元",
        "3000块 | 元 | 万元 | 10000 | 3000 | 按 元 计：3,000 元，即 0.3 万元",
        "3000万元 | 元 | 万元 | 10000 | 30000000 | 按 元 计：30,000,000 元，即 3000 万元",
        "0.5亿元 | 元 | 亿元 | 100000000 | 50000000 | 按 元 计：50,000,000 元，即 0.5 亿元",
        "两千 | 元 | 万元 | 10000 | 20000000 | 按 万元 计：2000 万元",
        "1200 | 元 | 元 | 1 | 1200 | 按 元 计：1200 元",
        "1.2万 | 个 | | | 12000 | 按 个 计：12,000 个",
        "12000 | 个 | 个 | 1 | 12000 | 按 个 计：12,000 个",
        "3000人 | 个 | | | 3000 | 按 个 计：3,000 个",
        "1.1万人次 | 人 | 人 | 1 | 11000 | 按 人 计：11,000 人",
        "30所 | 个 | | | 30 | 按 个 计：30 个",
        "两万余名 | 人 | | | 20000 | 按 人 计：20,000 人",
        "60% | % | | | 60 | 按 % 计：60%",
        "60 | % | % | 1 | 60 | 按 % 计：60%",
        "百分之八十五 | % | | | 85 | 按 % 计：85%",
        "1500米 | 公里 | | | 1.5 | 按 公里 计：1.5 公里",
        "200公里 | 公里 | | | 200 | 按 公里 计：200 公里",
        "2 km | 公里 | | | 2 | 按 公里 计：2 公里",
        "3千米 | 米 | | | 3000 | 按 米 计：3,000 米",
        "3千米 | 公里 | | | 3 | 按 公里 计：3 公里",
        "3 千米 | 米 | | | 3000 | 按 米 计：3,000 米",
        "12 | 公里 | | | 12 | 按 公里 计：12 公里",
      })
  void readsIntoBaseUnit(
      String reply, String base, String display, String scale, String value, String reading) {
    UnitReading.Result result = UnitReading.read(parsed(reply), base, display, scaleOrNull(scale));
    assertThat(result).isInstanceOf(UnitReading.Result.Ok.class);
    UnitReading.Result.Ok ok = (UnitReading.Result.Ok) result;
    assertThat(ok.baseValue().toPlainString()).isEqualTo(value);
    assertThat(ok.readingZh()).isEqualTo(reading);
  }

  @ParameterizedTest(name = "{0} against {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3000元 | 个 | | | 以 个 计，您写的是 元，请确认数值和单位后重新上报。",
        "3000人 | 元 | 万元 | 10000 | 以 万元 计，您写的是 人，请确认数值和单位后重新上报。",
        "60% | 元 | 万元 | 10000 | 以 万元 计，您写的是 %，请确认数值和单位后重新上报。",
        "60个 | % | | | 以 % 计，您写的是 个，请确认数值和单位后重新上报。",
        "3个百分点 | % | | | 以 % 计，您写的是 个百分点，请确认数值和单位后重新上报。",
        "200公里 | 个 | | | 以 个 计，您写的是 公里，请确认数值和单位后重新上报。",
        "200个 | 公里 | | | 以 公里 计，您写的是 个，请确认数值和单位后重新上报。",
        "60% | 人 | | | 以 人 计，您写的是 %，请确认数值和单位后重新上报。",
      })
  void asksWhenUnitClassDiffers(
      String reply, String base, String display, String scale, String question) {
    UnitReading.Result result = UnitReading.read(parsed(reply), base, display, scaleOrNull(scale));
    assertThat(result).isEqualTo(UnitReading.Result.ask(question));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "元, MONEY", "万元, MONEY", "亿元, MONEY", "块, MONEY", "%, PERCENT", "％, PERCENT",
    "公里, LENGTH", "千米, LENGTH", "km, LENGTH", "KM, LENGTH", "米, LENGTH", "个, COUNT",
    "人次, COUNT", "所, COUNT", "平方米, COUNT", "个百分点, COUNT"
  })
  void classifiesUnits(String unit, UnitReading.UnitClass expected) {
    assertThat(UnitReading.classify(unit)).isEqualTo(expected);
  }

  @Test
  void handWrittenDisplayUnitInQuantityIsConverted() {
    Quantity q = new Quantity(new BigDecimal("3.8"), false, "万元", "", false, "3.8万元");
    UnitReading.Result result = UnitReading.read(q, "元", "万元", new BigDecimal(10000));
    assertThat(result)
        .isEqualTo(UnitReading.Result.ok(new BigDecimal("38000"), "按 元 计：38,000 元，即 3.8 万元"));
  }

  @Test
  void refusesNonPositiveScale() {
    assertThatThrownBy(() -> UnitReading.read(parsed("1"), "元", "万元", BigDecimal.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
