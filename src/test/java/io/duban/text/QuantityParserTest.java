package io.duban.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class QuantityParserTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        // input | value | multiplier | unit | qualifier | additive | text
        "12000 | 12000 | false | '' | '' | false | 12000",
        "12,000 | 12000 | false | '' | '' | false | 12,000",
        "1.2万 | 12000 | true | '' | '' | false | 1.2万",
        "1.2 万人 | 12000 | true | 人 | '' | false | 1.2 万人",
        "一万二 | 12000 | true | '' | '' | false | 一万二",
        "两万余 | 20000 | true | '' | 余 | false | 两万余",
        "两万余名 | 20000 | true | 名 | 余 | false | 两万余名",
        "2000多人 | 2000 | false | 人 | 多 | false | 2000多人",
        "三千五百 | 3500 | false | '' | '' | false | 三千五百",
        "3千 | 3000 | true | '' | '' | false | 3千",
        "3000万元 | 30000000 | true | 元 | '' | false | 3000万元",
        "15亿 | 1500000000 | true | '' | '' | false | 15亿",
        "15亿元 | 1500000000 | true | 元 | '' | false | 15亿元",
        "0.5亿元 | 50000000 | true | 元 | '' | false | 0.5亿元",
        "3000元 | 3000 | false | 元 | '' | false | 3000元",
        "60% | 60 | false | % | '' | false | 60%",
        "60％ | 60 | false | % | '' | false | 60%",
        "百分之六十 | 60 | false | % | '' | false | 百分之六十",
        "百分之12.5 | 12.5 | false | % | '' | false | 百分之12.5",
        "２万 | 20000 | true | '' | '' | false | 2万",
        "➕3000 | 3000 | false | '' | '' | true | +3000",
        "+3000 | 3000 | false | '' | '' | true | +3000",
        "＋ 3000 | 3000 | false | '' | '' | true | + 3000",
        "增加3000 | 3000 | false | '' | '' | true | 增加3000",
        "增加了 300 人 | 300 | false | 人 | '' | true | 增加了 300 人",
        "再增加 500 | 500 | false | '' | '' | true | 再增加 500",
        "追加200万元 | 2000000 | true | 元 | '' | true | 追加200万元",
        "加 50 | 50 | false | '' | '' | true | 加 50",
        "新增3000 | 3000 | false | '' | '' | false | 3000",
        "新增就业岗位 3000 个 | 3000 | false | 个 | '' | false | 3000 个",
        "参加 500 人 | 500 | false | 人 | '' | false | 500 人",
        "约2000名 | 2000 | false | 名 | 约 | false | 约2000名",
        "大约 2000 名 | 2000 | false | 名 | 约 | false | 大约 2000 名",
        "2000名左右 | 2000 | false | 名 | 左右 | false | 2000名左右",
        "9000名以上 | 9000 | false | 名 | 以上 | false | 9000名以上",
        "不少于1000万元 | 10000000 | true | 元 | 不少于 | false | 不少于1000万元",
        "至少 30 所 | 30 | false | 所 | 不少于 | false | 至少 30 所",
        "超过5000户 | 5000 | false | 户 | 超过 | false | 超过5000户",
        "近 3 万人 | 30000 | true | 人 | 近 | false | 近 3 万人",
        "最近 300 人 | 300 | false | 人 | '' | false | 300 人",
        "100户左右 | 100 | false | 户 | 左右 | false | 100户左右",
        "再增加约 500 人 | 500 | false | 人 | 约 | true | 再增加约 500 人",
        "1.1万人次 | 11000 | true | 人次 | '' | false | 1.1万人次",
        "200公里 | 200 | false | 公里 | '' | false | 200公里",
        "1500 米 | 1500 | false | 米 | '' | false | 1500 米",
        "12 KM | 12 | false | km | '' | false | 12 KM",
        "3 座 | 3 | false | 座 | '' | false | 3 座",
        "3000 头 | 3000 | false | 头 | '' | false | 3000 头",
        "3个百分点 | 3 | false | 个百分点 | '' | false | 3个百分点",
        "1.2万。 | 12000 | true | '' | '' | false | 1.2万",
        "已完成 1.2 万人！ | 12000 | true | 人 | '' | false | 1.2 万人",
        "3000个了 | 3000 | false | 个 | '' | false | 3000个",
        "第一季度完成 3000 人 | 3000 | false | 人 | '' | false | 3000 人",
        "一共两万人 | 20000 | true | 人 | '' | false | 两万人",
        "两个 | 2 | false | 个 | '' | false | 两个",
        "1\u200B2000 | 12000 | false | '' | '' | false | 12000",
        "完成👍 12000 个 | 12000 | false | 个 | '' | false | 12000 个",
        "0.0001 | 0.0001 | false | '' | '' | false | 0.0001",
        "0.00001万 | 0.1 | true | '' | '' | false | 0.00001万",
        "1000000000000000 | 1000000000000000 | false | '' | '' | false | 1000000000000000",
        "0 | 0 | false | '' | '' | false | 0",
        "单位是万元，完成 1200 | 1200 | false | '' | '' | false | 1200",
      })
  void parsesQuantities(
      String input,
      String value,
      boolean multiplier,
      String unit,
      String qualifier,
      boolean additive,
      String text) {
    QuantityParser.Result result = QuantityParser.parse(input);
    assertThat(result).isInstanceOf(QuantityParser.Result.Ok.class);
    Quantity q = ((QuantityParser.Result.Ok) result).quantity();
    assertThat(q.value().toPlainString()).isEqualTo(value);
    assertThat(q.multiplierWritten()).as("multiplierWritten").isEqualTo(multiplier);
    assertThat(q.unit()).as("unit").isEqualTo(unit);
    assertThat(q.qualifier()).as("qualifier").isEqualTo(qualifier);
    assertThat(q.additive()).as("additive").isEqualTo(additive);
    assertThat(q.text()).as("text").isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-3000 | 数值不能为负数，请检查后重新输入。",
        "－3000 | 数值不能为负数，请检查后重新输入。",
        "\u22123000 | 数值不能为负数，请检查后重新输入。",
        "\u20133000 | 数值不能为负数，请检查后重新输入。",
        "➖3000 | 数值不能为负数，请检查后重新输入。",
        "三的 | 数值后面的“的”无法识别，请只写数值和单位。",
        "负三千 | 数值不能为负数，请检查后重新输入。",
        "减少 300 人 | 数值不能为负数，请检查后重新输入。",
        "1e309 | 不支持科学计数法，请直接写出数字。",
        "1E5 | 不支持科学计数法，请直接写出数字。",
        "2.5e-3 | 不支持科学计数法，请直接写出数字。",
        "NaN | 无法识别这种数值写法，请直接写数字。",
        "Infinity | 无法识别这种数值写法，请直接写数字。",
        "-infinity | 无法识别这种数值写法，请直接写数字。",
        "∞ | 无法识别这种数值写法，请直接写数字。",
        "1000000000000001 | 数值过大，请检查后重新输入。",
        "1001万亿 | 数值过大，请检查后重新输入。",
        "0.000001 | 小数位数过多，最多保留 4 位小数，请检查后重新输入。",
        "0.00001 | 小数位数过多，最多保留 4 位小数，请检查后重新输入。",
        "1234567890123456789012345678901 | 数字位数过多，请检查后重新输入。",
        "1200 3000 | 找到多个数值（1200、3000），请只写一个数值。",
        "0-14 | 找到多个数值（0、14），请只写一个数值。",
        "两万 3000 | 找到多个数值（两万、3000），请只写一个数值。",
        "1,2 | 找到多个数值（1、2），请只写一个数值。",
        "一般是三 | 找到多个数值（一、三），请只写一个数值。",
        "e5 | 无法识别这种数值写法，请直接写数字。",
        "G312 国道 | 无法识别这种数值写法，请直接写数字。",
        "PPP5 | 无法识别这种数值写法，请直接写数字。",
        ".5 | 小数写法不完整，请写成 0.5 这样的形式。",
        "三２ | 找到多个数值（三、2），请只写一个数值。",
        "万元 | 没有找到数值，请直接写数字，例如 1200 或 1.2 万。",
        "千万注意 | 没有找到数值，请直接写数字，例如 1200 或 1.2 万。",
        "已完成 | 没有找到数值，请直接写数字，例如 1200 或 1.2 万。",
        "abc | 没有找到数值，请直接写数字，例如 1200 或 1.2 万。",
        "👍 | 没有找到数值，请直接写数字，例如 1200 或 1.2 万。",
        "3000辆车 | 数值后面的“车”无法识别，请只写数值和单位。",
        "3000人的培训 | 数值后面的“的培训”无法识别，请只写数值和单位。",
        "3000 以下 | 数值后面的“以下”无法识别，请只写数值和单位。",
      })
  void refusesWithReason(String input, String reason) {
    QuantityParser.Result result = QuantityParser.parse(input);
    assertThat(result).isEqualTo(QuantityParser.Result.error(reason));
    assertThat(result.isOk()).isFalse();
    assertThat(result.quantityIfOk()).isEmpty();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void nullAndEmptyHaveNoNumber(String input) {
    assertThat(QuantityParser.parse(input))
        .isEqualTo(QuantityParser.Result.error(QuantityParser.NO_NUMBER));
  }

  @Test
  void hugeDigitStringIsRefusedQuickly() {
    String input = "9".repeat(100_000);
    QuantityParser.Result result = QuantityParser.parse(input);
    assertThat(result).isEqualTo(QuantityParser.Result.error(QuantityParser.TOO_MANY_DIGITS));
  }

  @Test
  void ambiguityListIsShortened() {
    QuantityParser.Result result = QuantityParser.parse("1 2 3 4 5");
    assertThat(result).isEqualTo(QuantityParser.Result.error("找到多个数值（1、2、3、…），请只写一个数值。"));
  }

  @Test
  void okExposesQuantity() {
    QuantityParser.Result result = QuantityParser.parse("1.2万");
    assertThat(result.isOk()).isTrue();
    assertThat(result.quantityIfOk()).map(Quantity::unit).contains("");
  }
}
