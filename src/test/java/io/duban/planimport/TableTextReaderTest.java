package io.duban.planimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Files.writeString(Path.of("target/draft-text.yaml"), yaml);
    DraftComparison cmp = new DraftComparison(yaml);
    System.out.println(cmp.report());
    assertThat(cmp.matched()).isGreaterThanOrEqualTo(60);
  }
}
