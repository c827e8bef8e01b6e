package io.duban.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class NumberScannerTest {

  private static final String EMPLOYMENT =
      """
      就业助推工程：新增就业岗位 4.8 万个，城镇就业 2.3 万人，开发

      公益性岗位 800 个，新增大学生就业见习 2000 人。完成职工技能

      培训 3 万人次，培育新型职业农民 2200 人。""";

  private static final String REHABILITATION =
      """
      康复救助工程：为武进区户口且需要康复的 0-14 周岁残疾儿童

      提供康复救助。为约 2000 名精神病患者提供药品救助。为全区

      两万余名持证残疾人办理 30 种重大疾病保险。帮扶救助 100 户

      左右新增双癌家庭和白血病家庭。""";

  private static final String WATER =
      """
      水污染防治工程：加快实施农村分散式生活污水处理（一期）

      PPP 项目，覆盖 215 个自然村；启动二期工程建设。综合整治 9
      条黑臭河道。对长沟河、里底河等 200 公里河道进行清淤。新

      建污水主管网 60 公里。""";

  private static List<Tuple> found(String text) {
    List<Tuple> tuples = new ArrayList<>();
    for (NumberSpan span : NumberScanner.scan(text)) {
      assertThat(text.substring(span.start(), span.end())).isEqualTo(span.text());
      tuples.add(tuple(span.text(), span.value().toPlainString()));
    }
    return tuples;
  }

  @Test
  void findsEveryFigureOfTheEmploymentOverview() {
    assertThat(found(EMPLOYMENT))
        .containsExactly(
            tuple("4.8 万", "48000"),
            tuple("2.3 万", "23000"),
            tuple("800", "800"),
            tuple("2000", "2000"),
            tuple("3 万", "30000"),
            tuple("2200", "2200"));
  }

  /** 双 in "双癌" is the numeral two (two cancers), so the scanner reports it for review. */
  @Test
  void findsEveryFigureOfTheRehabilitationOverview() {
    assertThat(found(REHABILITATION))
        .containsExactly(
            tuple("0", "0"),
            tuple("14", "14"),
            tuple("2000", "2000"),
            tuple("两万", "20000"),
            tuple("30", "30"),
            tuple("100", "100"),
            tuple("双", "2"));
  }

  @Test
  void findsEveryFigureOfTheWaterOverview() {
    assertThat(found(WATER))
        .containsExactly(
            tuple("一", "1"),
            tuple("215", "215"),
            tuple("二", "2"),
            tuple("9", "9"),
            tuple("200", "200"),
            tuple("60", "60"));
  }

  @Test
  void spansPointIntoTheOriginalText() {
    List<NumberSpan> spans = NumberScanner.scan("为约 2000 名");
    assertThat(spans)
        .containsExactly(new NumberSpan(3, 7, "2000", new java.math.BigDecimal("2000")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'1.1 万\n人次' | 1.1 万=11000",
        "3000 万元 | 3000 万=30000000",
        "'3000\n万元' | '3000\n万=30000000'",
        "15 亿元 | 15 亿=1500000000",
        "4.8 万个 | 4.8 万=48000",
        "千企帮千户 | 千=1000;千=1000",
        "两癌筛查 | 两=2",
        "零距离 | 零=0",
        "一般 | 一=1",
        "每月放映 1 场 | 1=1",
        "十 | 十=10",
        "60% | 60%=60",
        "60％ | 60％=60",
        "百分之六十 | 百分之六十=60",
        "'9\n条' | 9=9",
        "0-14 周岁 | 0=0;14=14",
        "12,000 人 | 12,000=12000",
        "２万 | ２万=20000",
        "1 2 | 1=1;2=2",
        "二〇一八年 | 二〇一八=2018",
        "一万二千人 | 一万二千=12000",
        "两万余名 | 两万=20000",
        "双十一 | 双=2;十一=11",
        "万万没想到 | 万=10000;万=10000",
        "1.5万亿元 | 1.5万亿=1500000000000",
        "第一 2 期 | 一=1;2=2",
        "一点五万 | 一点五万=15000",
        "一点点 | 一=1",
      })
  void scansExamples(String text, String expected) {
    List<String> actual = new ArrayList<>();
    for (NumberSpan span : NumberScanner.scan(text)) {
      actual.add(span.text() + "=" + span.value().toPlainString());
    }
    assertThat(String.join(";", actual)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void nothingInNothing(String text) {
    assertThat(NumberScanner.scan(text)).isEmpty();
  }

  @Test
  void noNumbersInPlainText() {
    assertThat(NumberScanner.scan("水污染防治工程 PPP 项目")).isEmpty();
  }

  @Test
  void longTextScansInLinearTime() {
    String chunk = "覆盖 215 个自然村，两万余名，1.1 万\n人次，千企帮千户；";
    String text = chunk.repeat(100_000 / chunk.length() + 1);
    List<NumberSpan> spans =
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> NumberScanner.scan(text));
    assertThat(spans).hasSize(5 * (100_000 / chunk.length() + 1));
  }

  @Test
  void pathologicalRunsStayFast() {
    String text =
        "万".repeat(50_000) + "一".repeat(50_000) + " ".repeat(50_000) + "1万".repeat(20_000);
    List<NumberSpan> spans =
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> NumberScanner.scan(text));
    assertThat(spans).isNotEmpty();
  }
}
