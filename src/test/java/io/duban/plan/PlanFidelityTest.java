package io.duban.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.config.YamlNode;
import io.duban.plan.PlanSpec.ExclusionSpec;
import io.duban.plan.PlanSpec.ProjectSpec;
import io.duban.plan.PlanSpec.TargetSpec;
import io.duban.text.NumberScanner;
import io.duban.text.NumberSpan;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the seed table's own text and checks that bot-config/plan.yaml is faithful to it: the same
 * 22 overviews word for word, every figure of every overview accounted for by a target or a
 * recorded exclusion, values converted right, and every lead unit owning or sharing a target.
 */
class PlanFidelityTest {
  static PlanSpec plan;
  static Map<String, String> seedOverviews;

  /** Lines of the scanned table that are cell fragments outside 项目概况 (序号, 实事, 牵头单位). */
  static final Set<String> NOISE =
      Set.of(
          "促进", "就业创业", "社会关爱", "优化群众", "生活环境", "优化医疗", "卫生服务", "优化基本", "公共服务", "提升生态", "环境质量",
          "提升公共", "安全水平", "提升政务", "服务水平");

  @BeforeAll
  static void load() throws IOException {
    plan = PlanFile.parse(YamlNode.read(Path.of("bot-config/plan.yaml"), "bot-config/plan.yaml"));
    String seed =
        Files.readString(Path.of("src/test/resources/seed/wujin-2018.txt"), StandardCharsets.UTF_8);
    seedOverviews = overviews(seed, plan);
  }

  /** Cuts the seed text into the overview of each project, dropping the other columns' cells. */
  static Map<String, String> overviews(String seed, PlanSpec plan) {
    Set<String> units = new HashSet<>();
    plan.units().forEach(u -> units.add(u.name()));
    List<String> names = plan.allProjects().stream().map(ProjectSpec::name).toList();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      int start = seed.indexOf(names.get(i) + "：");
      assertThat(start).as("seed has " + names.get(i)).isGreaterThanOrEqualTo(0);
      start += names.get(i).length() + 1;
      int end = i + 1 < names.size() ? seed.indexOf(names.get(i + 1) + "：") : seed.length();
      StringBuilder text = new StringBuilder();
      for (String line : seed.substring(start, end).split("\n")) {
        // cells of the other columns share lines with the overview: drop trailing fragments that
        // are unit names, 实事 name fragments or a 序号 ("…转运站。 城管局", "卫生服务 群众健康守护工程")
        List<String> tokens = new ArrayList<>(List.of(line.trim().split("\\s+")));
        while (!tokens.isEmpty() && isNoise(tokens.get(tokens.size() - 1), units)) {
          tokens.remove(tokens.size() - 1);
        }
        String kept = String.join(" ", tokens);
        text.append(kept);
      }
      out.put(names.get(i), strip(text.toString()));
    }
    return out;
  }

  static boolean isNoise(String token, Set<String> units) {
    return token.isEmpty()
        || units.contains(token)
        || NOISE.contains(token)
        || token.matches("[1-8]");
  }

  static String strip(String s) {
    return s.replaceAll("\\s+", "");
  }

  @Test
  void planHasTheTablesShape() {
    assertThat(plan.categories()).hasSize(8);
    assertThat(plan.allProjects()).hasSize(22);
    Set<String> leads = new HashSet<>();
    plan.allProjects().forEach(p -> leads.addAll(p.leadUnits()));
    assertThat(leads).hasSize(25);
    assertThat(plan.units()).hasSize(25);
    assertThat(plan.categories().stream().map(c -> c.name()).toList())
        .containsExactly(
            "促进就业创业",
            "促进社会关爱",
            "优化群众生活环境",
            "优化医疗卫生服务",
            "优化基本公共服务",
            "提升生态环境质量",
            "提升公共安全水平",
            "提升政务服务水平");
  }

  @Test
  void overviewsAreTheSeedsTextWordForWord() {
    for (ProjectSpec p : plan.allProjects()) {
      assertThat(strip(p.overview())).as(p.name()).isEqualTo(seedOverviews.get(p.name()));
    }
  }

  @Test
  void everyFigureIsATargetOrARecordedExclusion() {
    List<String> unaccounted = new ArrayList<>();
    for (ProjectSpec p : plan.allProjects()) {
      String text = seedOverviews.get(p.name());
      for (NumberSpan n : NumberScanner.scan(text)) {
        if (!accountedFor(p, text, n)) {
          unaccounted.add(p.name() + "：“" + n.text() + "”（" + n.value() + "）");
        }
      }
    }
    assertThat(unaccounted).isEmpty();
  }

  private static boolean accountedFor(ProjectSpec p, String text, NumberSpan n) {
    for (TargetSpec t : p.targets()) {
      if (t.source() == null || !covers(text, strip(t.source()), n)) {
        continue;
      }
      switch (t.kind()) {
        case NUMERIC -> {
          if (sameNumber(n.value(), t.value()) || sameNumber(n.value(), t.baseline())) {
            return true;
          }
        }
        case CHECKLIST -> {
          if (sameNumber(n.value(), BigDecimal.valueOf(t.items().size()))) {
            return true;
          }
        }
        case TASK -> {
          // a figure inside a task's sentence is its scope; the file must say why it is a task
          if (t.judgement() != null) {
            return true;
          }
        }
      }
    }
    for (ExclusionSpec x : p.exclusions()) {
      if (covers(text, strip(x.text()), n) && !x.reason().isBlank()) {
        return true;
      }
    }
    return false;
  }

  private static boolean covers(String text, String phrase, NumberSpan n) {
    for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      if (n.start() >= at && n.end() <= at + phrase.length()) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameNumber(BigDecimal a, BigDecimal b) {
    return a != null && b != null && a.compareTo(b) == 0;
  }

  @Test
  void everySourceAndExclusionIsInItsOverview() {
    for (ProjectSpec p : plan.allProjects()) {
      String text = seedOverviews.get(p.name());
      for (TargetSpec t : p.targets()) {
        assertThat(t.source()).as(t.id() + " has a source").isNotBlank();
        assertThat(text).as(t.id()).contains(strip(t.source()));
      }
      for (ExclusionSpec x : p.exclusions()) {
        assertThat(text).as(p.name() + " exclusion").contains(strip(x.text()));
      }
    }
  }

  @Test
  void valuesConvertRight() {
    Map<String, TargetSpec> byId = new LinkedHashMap<>();
    plan.allTargets().forEach(t -> byId.put(t.id(), t));
    assertThat(byId.get("jobs-new").value()).isEqualByComparingTo("48000");
    assertThat(byId.get("jobs-new").unit()).isEqualTo("个");
    assertThat(byId.get("fund-loans").value()).isEqualByComparingTo("1500000000");
    assertThat(byId.get("fund-loans").unit()).isEqualTo("元");
    assertThat(byId.get("fund-loans").displayUnit()).isEqualTo("亿元");
    assertThat(byId.get("charity-relief-fund").value()).isEqualByComparingTo("38000000");
    assertThat(byId.get("charity-relief-fund").displayUnit()).isEqualTo("万元");
    assertThat(byId.get("rehab-disability-insurance").value()).isEqualByComparingTo("20000");
    assertThat(byId.get("rehab-disability-insurance").qualifier()).isEqualTo("余");
    assertThat(byId.get("rehab-psychiatric-drugs").qualifier()).isEqualTo("约");
    assertThat(byId.get("care-accident-insurance").qualifier()).isEqualTo("以上");
    assertThat(byId.get("eco-guangcai-fund").qualifier()).isEqualTo("不少于");
    assertThat(byId.get("guard-newborn-screening").baseline()).isEqualByComparingTo("3");
    assertThat(byId.get("guard-newborn-screening").value()).isEqualByComparingTo("29");
    assertThat(byId.get("fitness-standard-share").unit()).isEqualTo("%");
    assertThat(byId.get("culture-opera-tours").value()).isEqualByComparingTo("200");
    assertThat(byId.get("culture-variety-tours").value()).isEqualByComparingTo("200");
    assertThat(byId.get("waste-transfer-stations").kind()).isEqualTo(TargetKind.CHECKLIST);
    assertThat(byId.get("waste-transfer-stations").items()).hasSize(3);
    assertThat(byId.get("edu-kindergartens").items())
        .containsExactly("横林中心幼儿园", "玉兰广场幼儿园", "火炬路幼儿园");
    assertThat(byId.get("edu-schools-opened").kind()).isEqualTo(TargetKind.NUMERIC);
    assertThat(byId.get("edu-schools-opened").value()).isEqualByComparingTo("4");
  }

  @Test
  void qualitativeProjectsAreTasks() {
    for (String name : List.of("人居环境改善工程", "技防城升级工程", "政务服务体系完善工程", "审批效能提速工程")) {
      ProjectSpec p =
          plan.allProjects().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      assertThat(p.targets()).allMatch(t -> t.kind() == TargetKind.TASK);
    }
    Set<String> tasks = new HashSet<>();
    plan.allTargets().stream()
        .filter(t -> t.kind() == TargetKind.TASK)
        .forEach(t -> tasks.add(t.id()));
    assertThat(tasks)
        .contains(
            "transport-major-projects",
            "guard-insurance-monitoring",
            "health-family-doctors",
            "water-phase-two",
            "edu-pairing-plan",
            "water-luoyang-basin",
            "water-urban-drainage",
            "food-sampling");
  }

  @Test
  void everyLeadUnitOwnsOrSharesATarget() {
    Set<String> owners = new HashSet<>();
    plan.allTargets().forEach(t -> owners.addAll(t.owners()));
    for (PlanSpec.UnitSpec u : plan.units()) {
      assertThat(owners).as(u.name()).contains(u.name());
    }
  }

  @Test
  void ownersChosenAmongSeveralLeadUnitsSayWhy() {
    for (ProjectSpec p : plan.allProjects()) {
      for (TargetSpec t : p.targets()) {
        assertThat(p.leadUnits()).as(t.id()).containsAll(t.owners());
        if (p.leadUnits().size() > 1) {
          assertThat(t.judgement()).as(t.id() + " owners are a judgement").isNotBlank();
        }
      }
    }
  }
}
