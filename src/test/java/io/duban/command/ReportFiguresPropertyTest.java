package io.duban.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.ParsedCommand.Unknown;
import io.duban.command.commands.ReportCommand.Figure;
import io.duban.command.commands.ReportCommand.Report;
import io.duban.plan.PlanSpec.TargetSpec;
import io.duban.plan.TargetKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Property: a message naming 1–4 targets of the 2018 plan, each with a figure (Arabic, 万, Chinese
 * numerals, with or without the unit), joined by any separator, with or without a period word and
 * noise, parses either as a report with exactly one figure per target written (for the targets
 * written) or as a refusal or question. Never as a report with fewer figures than the message
 * names: a figure is never dropped without a word. Some messages name a target without its figure
 * ("城镇就业 新增就业岗位 2.4万"); those must never be a report.
 */
class ReportFiguresPropertyTest {
  static final long SEED = 20180620L;
  static final int MESSAGES = 800;

  static final List<String> SEPARATORS = List.of(" ", "，", "、", "；", "，", " ， ", "; ");
  static final List<String> VERBS = List.of("上报 ", "上报", "报送 ", "填报 ", "更正 ", "");
  static final List<String> PERIODS =
      List.of("", "", "", "5月 ", "上月 ", "截至5月底 ", "本月新增 ", "一季度 ", "5月份 ", "截至6月20日 ");
  static final List<String> NOISE = List.of("", "", "", "。", "，谢谢", " 👍", "，请查收", "!");
  static final List<String> CHINESE =
      List.of("一万二千", "三千五百", "两万", "八百", "一千九百五十", "五千", "二十", "一百二十");

  /** The plan's numeric targets with a name no other numeric target shares. */
  static List<TargetSpec> numericTargets() {
    List<TargetSpec> numeric =
        ParserFixture.PLAN.allTargets().stream()
            .filter(t -> t.kind() == TargetKind.NUMERIC)
            .toList();
    return numeric.stream()
        .filter(t -> numeric.stream().filter(o -> o.name().equals(t.name())).count() == 1)
        .toList();
  }

  static String figure(Random rnd, TargetSpec t) {
    String n =
        switch (rnd.nextInt(6)) {
          case 0 -> String.valueOf(1 + rnd.nextInt(30000));
          case 1 -> (1 + rnd.nextInt(9)) + "." + (1 + rnd.nextInt(9)) + "万";
          case 2 -> (1 + rnd.nextInt(9)) + "万";
          case 3 -> CHINESE.get(rnd.nextInt(CHINESE.size()));
          case 4 -> (1 + rnd.nextInt(99)) + "," + String.format("%03d", rnd.nextInt(1000));
          default -> (1 + rnd.nextInt(999)) + "." + rnd.nextInt(10);
        };
    String unit = t.unit() == null ? "" : t.unit();
    return rnd.nextBoolean() ? n + unit : n;
  }

  record Case(String message, Set<String> codes) {}

  static Case generate(Random rnd, List<TargetSpec> targets) {
    int pairs = 1 + rnd.nextInt(4);
    List<TargetSpec> pool = new ArrayList<>(targets);
    Collections.shuffle(pool, rnd);
    List<TargetSpec> chosen = pool.subList(0, pairs);
    boolean figureFirst = rnd.nextInt(4) == 0;
    String sep = SEPARATORS.get(rnd.nextInt(SEPARATORS.size()));
    String period = PERIODS.get(rnd.nextInt(PERIODS.size()));
    // the period once in front, or (the same) before each figure: "城镇就业 5月 2万，岗位 5月 1万"
    boolean periodPerPair = !figureFirst && rnd.nextInt(4) == 0;
    // sometimes a name without its figure: "城镇就业 新增就业岗位 2.4万" names two targets
    int withoutFigure = pairs > 1 && rnd.nextInt(6) == 0 ? rnd.nextInt(pairs) : -1;
    StringBuilder sb = new StringBuilder(VERBS.get(rnd.nextInt(VERBS.size())));
    sb.append(periodPerPair ? "" : period);
    Set<String> codes = new TreeSet<>();
    for (int i = 0; i < pairs; i++) {
      TargetSpec t = chosen.get(i);
      codes.add(t.id());
      String name = t.name();
      String fig = i == withoutFigure ? "" : (periodPerPair ? period : "") + figure(rnd, t);
      String pair = fig.isEmpty() ? name : figureFirst ? fig + " " + name : name + " " + fig;
      sb.append(i == 0 ? "" : i - 1 == withoutFigure ? " " : sep).append(pair);
    }
    sb.append(NOISE.get(rnd.nextInt(NOISE.size())));
    return new Case(sb.toString(), codes);
  }

  @Test
  void aReportNeverHasFewerFiguresThanTheMessageNames() {
    Random rnd = new Random(SEED);
    List<TargetSpec> targets = numericTargets();
    assertThat(targets).hasSizeGreaterThan(10);
    List<String> wrong = new ArrayList<>();
    int reports = 0;
    int multiReports = 0;
    for (int i = 0; i < MESSAGES; i++) {
      Case c = generate(rnd, targets);
      ParsedCommand parsed = ParserFixture.PARSER.parse(c.message());
      if (parsed instanceof Report r) {
        reports++;
        Set<String> got = new TreeSet<>();
        for (Figure f : r.figures()) {
          got.add(f.target().code());
        }
        if (r.figures().size() != c.codes().size() || !got.equals(c.codes())) {
          wrong.add("「" + c.message() + "」 wrote " + c.codes() + " → " + parsed.describe());
        } else if (r.figures().size() > 1) {
          multiReports++;
        }
      } else if (!(parsed instanceof Invalid
          || parsed instanceof Clarify
          || parsed instanceof Unknown)) {
        wrong.add("「" + c.message() + "」 → " + parsed.describe());
      }
    }
    assertThat(wrong).as("seed %d: %d of %d messages", SEED, wrong.size(), MESSAGES).isEmpty();
    // the property is not met by refusing everything
    assertThat(reports).as("seed %d: reports", SEED).isGreaterThan(MESSAGES / 4);
    assertThat(multiReports).as("seed %d: multi-figure reports", SEED).isGreaterThan(MESSAGES / 10);
  }
}
