package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.config.ConfigFileException;
import io.duban.config.YamlNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed plan files give one line naming the file, the place and the field. */
class PlanFileTest {
  static String real;

  @BeforeAll
  static void read() throws IOException {
    real = Files.readString(Path.of("bot-config/plan.yaml"), StandardCharsets.UTF_8);
  }

  static PlanSpec parse(String text) {
    return PlanFile.parse(YamlNode.parse(new StringReader(text), "bot-config/plan.yaml"));
  }

  static String error(String text) {
    try {
      parse(text);
    } catch (ConfigFileException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      assertThat(e.getStackTrace()).isEmpty();
      return e.getMessage();
    }
    throw new AssertionError("expected a ConfigFileException");
  }

  @Test
  void reviewIsReadAtTheTopAndPerProjectAndOtherValuesAreRefused() {
    assertThat(parse(real).review()).isFalse();
    assertThat(parse(real).allProjects()).allMatch(p -> p.review() == null);
    PlanSpec reviewed =
        parse(
            real.replaceFirst("\nunits:\n", "\nreview: true\n\nunits:\n")
                .replace(
                    "      - name: 阳光帮扶工程\n", "      - name: 阳光帮扶工程\n        review: false\n"));
    assertThat(reviewed.review()).isTrue();
    assertThat(reviewed.allProjects())
        .filteredOn(p -> p.name().equals("阳光帮扶工程"))
        .singleElement()
        .extracting(PlanSpec.ProjectSpec::review)
        .isEqualTo(Boolean.FALSE);
    assertThat(error(real.replaceFirst("\nunits:\n", "\nreview: maybe\n\nunits:\n")))
        .contains("plan.yaml:")
        .contains("review")
        .contains("review 应为 true")
        .contains("“maybe”");
  }

  @Test
  void theRealPlanParses() {
    PlanSpec plan = parse(real);
    assertThat(plan.year()).isEqualTo(2018);
    assertThat(plan.statusGap()).isEqualByComparingTo("0.10");
    assertThat(plan.deadlineDay()).isEqualTo(25);
    assertThat(plan.allTargets()).hasSizeGreaterThan(60);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // what is replaced | by what | expected fragments of the one-line message
        "value: 4.8万| value: 4.8x万| plan.yaml:| .targets[0].value| 无法识别的数值“4.8x万”",
        "owners: [人社局]\\n            judgement: 就业岗位| owners: [人设局]\\n            judgement: 就业岗位| .targets[0].owners[0]| 单位“人设局”未在 units 中定义",
        "id: jobs-urban| id: jobs-new| .targets[1].id| 目标编号“jobs-new”重复",
        "unit: 人次| unitt: 人次| .targets[4]| 未知字段“unitt”",
        "qualifier: 约| qualifier: 大约| .qualifier| 限定词",
        "baseline: 3| baseline: 30| .baseline| 基数应小于目标值",
        "year: 2018| year: 二零一八| year| 应为整数",
        "deadline-day: 25| deadline-day: 32| reporting.deadline-day| 截止日应在 1 到 31 之间",
        "status-gap: 10%| status-gap: 150%| status-gap| 百分比应在 0% 到 100% 之间",
      })
  void brokenFieldsAreNamed(String from, String to, String place, String problem) {
    String broken =
        real.replaceFirst(
            java.util.regex.Pattern.quote(from.replace("\\n", "\n")), to.replace("\\n", "\n"));
    assertThat(broken).isNotEqualTo(real);
    String message = error(broken);
    assertThat(message)
        .startsWith("bot-config/plan.yaml:")
        .contains(place.trim())
        .contains(problem.trim());
    assertThat(message).matches("bot-config/plan\\.yaml:\\d+:\\d+ .*");
  }

  @Test
  void brokenYamlSyntaxNamesLineAndColumn() {
    String message = error(real.replace("  - number: 2\n", "  - number: 2\n   bad: [\n"));
    assertThat(message).matches("bot-config/plan\\.yaml:\\d+:\\d+: YAML 格式错误.*");
  }

  @Test
  void aNumericTargetNeedsOwnersAndAUnit() {
    assertThat(
            error(
                real.replaceFirst(
                    "            unit: 个\n            owners: \\[人社局\\]\n",
                    "            owners: [人社局]\n")))
        .contains(".targets[0].unit")
        .contains("缺少必填字段");
    assertThat(
            error(
                real.replaceFirst(
                    "            owners: \\[人社局\\]\n            judgement: 就业岗位统计",
                    "            judgement: 就业岗位统计")))
        .contains(".targets[0].owners")
        .contains("责任单位");
  }

  @Test
  void aSharedPercentTargetMustSayHowToAggregate() {
    String shared =
        real.replace(
            "            aggregate: single\n            owners: [体育局]",
            "            owners: [体育局, 教育局]");
    assertThat(error(shared)).contains("aggregate").contains("百分比");
  }

  @Test
  void tasksCannotCarryAValue() {
    String broken =
        real.replace(
            "            source: 实施千企帮千户精准帮扶项目\n            owners: [统战部]",
            "            source: 实施千企帮千户精准帮扶项目\n            kind: TASK\n            value: 1000\n            owners: [统战部]");
    assertThat(error(broken)).contains("任务类目标（TASK）不能有 value");
  }

  @Test
  void moneyIsKeptInYuanWithTheTablesDisplayUnit() {
    assertThat(PlanFile.units("万元")).containsExactly("元", "万元", "4");
    assertThat(PlanFile.units("亿元")).containsExactly("元", "亿元", "8");
    assertThat(PlanFile.units("个")).containsExactly("个", "个", "0");
  }

  @Test
  void curvesMustRiseToOneHundredPercent() {
    String withCurve =
        real.replace(
            "units:\n", "curves:\n  back-loaded: {\"06-30\": 40%, \"09-30\": 30%}\nunits:\n");
    assertThat(error(withCurve)).contains("curves.back-loaded").contains("不能下降");
    String ok =
        real.replace(
            "units:\n", "curves:\n  back-loaded: {\"06-30\": 40%, \"12-31\": 100%}\nunits:\n");
    assertThat(parse(ok).curves()).containsKey("back-loaded");
    assertThatThrownBy(
            () -> parse(real.replaceFirst("unit: 个\n", "unit: 个\n            curve: nope\n")))
        .hasMessageContaining("未定义的序时曲线“nope”");
  }
}
