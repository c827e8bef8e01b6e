package io.duban.planimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import io.duban.plan.TargetKind;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text reader and the draft on the seed table, without the application (fast). */
class TableTextReaderTest {
  static KnownUnits planUnits() {
    PlanSpec plan = PlanFile.parse(YamlNode.read(Path.of("bot-config/plan.yaml"), "plan.yaml"));
    return new KnownUnits(
        plan.units().stream()
            .map(u -> new KnownUnits.Known(u.name(), u.fullName(), u.aliases()))
            .toList());
  }

  static String seed() throws Exception {
    return Files.readString(
        Path.of("src/test/resources/seed/wujin-2018.txt"), StandardCharsets.UTF_8);
  }

  @Test
  void theSeedReadsAsEightCategoriesOfTwentyTwoProjects() throws Exception {
    SourceTable t = TableTextReader.read(seed(), planUnits());
    assertThat(t.year()).isEqualTo(2018);
    assertThat(t.categories()).hasSize(8);
    assertThat(t.categories().stream().mapToInt(c -> c.projects().size()).sum()).isEqualTo(22);
    String yaml = PlanDraftYaml.write(PlanDrafts.build(t, planUnits(), 2018, null), "表格文字");
    DraftComparison cmp = new DraftComparison(yaml);
    assertThat(cmp.matched()).as(cmp.report()).isGreaterThanOrEqualTo(60);
    assertThat(t.categories().get(0).projects())
        .extracting(SourceTable.Project::name)
        .containsExactly("就业助推工程", "创业护航工程");
    // 政务服务体系完善工程 shares 审批效能提速工程's lead-unit cell
    SourceTable.Project shared = t.categories().get(7).projects().get(0);
    assertThat(shared.leadUnits()).containsExactly("行政审批局");
    assertThat(shared.leadFlag()).contains("共用");
  }

  @Test
  void anUnknownUnitIsKeptAndFlaggedWhereverItIsNamed() throws Exception {
    String text = seed().replace("改造小庙、长虹、聚湖 3 座转运站。 城管局", "改造小庙、长虹、聚湖 3 座转运站。 环卫处");
    String yaml =
        PlanDraftYaml.write(
            PlanDrafts.build(TableTextReader.read(text, planUnits()), planUnits(), 2018, null),
            "表格文字");
    assertThat(yaml)
        .contains("- {name: \"环卫处\"}  # 待核：不在已知单位中")
        .contains("lead-units: [\"环卫处\"]  # 待核：“环卫处”不在已知单位中")
        .contains("owners: [\"环卫处\"]  # 待核：“环卫处”不在已知单位中");
    PlanFile.parse(YamlNode.parse(new StringReader(yaml), "draft"));
  }

  @Test
  void aTableWhoseNumbersComeFirstPutsEachProjectUnderTheNumberBeforeIt() {
    String text =
        String.join(
            "\n",
            "2019年为民办实事项目责任分解表",
            "序号 实事名称 项目概况 牵头单位",
            "1",
            "促进就业创业",
            "就业助推工程：新增就业岗位 5 万个，开发公益性岗位 900 个。",
            "人社局",
            "创业护航工程：为创业者提供 2000 万元贴息贷款。",
            "总工会",
            "2",
            "提升生态环境质量",
            "垃圾处置工程：改造东坡、西湖 2 座转运站；推进垃圾分类。",
            "城管局",
            "新项目工程：建设智慧停车平台。",
            "停车办");
    SourceTable t = TableTextReader.read(text, planUnits());
    assertThat(t.title()).isEqualTo("2019年为民办实事项目");
    assertThat(t.year()).isEqualTo(2019);
    assertThat(t.notes()).isEmpty();
    assertThat(t.categories())
        .extracting(SourceTable.Category::name)
        .containsExactly("促进就业创业", "提升生态环境质量");
    assertThat(t.categories().get(0).projects()).hasSize(2);
    assertThat(t.categories().get(1).projects())
        .extracting(SourceTable.Project::leadUnits)
        .containsExactly(List.of("城管局"), List.of("停车办"));
    PlanDraft d = PlanDrafts.build(t, planUnits(), 2019, null);
    List<PlanDraft.Target> waste = d.categories().get(1).projects().get(0).targets();
    assertThat(waste.get(0).items).containsExactly("东坡转运站", "西湖转运站");
    assertThat(waste.get(1).kind).isEqualTo(TargetKind.TASK);
    String yaml = PlanDraftYaml.write(d, "表格文字");
    PlanSpec spec = PlanFile.parse(YamlNode.parse(new StringReader(yaml), "draft"));
    assertThat(spec.allTargets()).hasSize(6);
    assertThat(spec.allTargets().get(2).value()).isEqualByComparingTo("20000000");
    assertThat(spec.allTargets().get(2).displayUnit()).isEqualTo("万元");
  }
}
