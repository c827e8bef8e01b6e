package io.duban.planimport;

import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import io.duban.plan.PlanSpec.ProjectSpec;
import io.duban.plan.PlanSpec.TargetSpec;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a draft with bot-config/plan.yaml, both read with PlanFile: each target of the plan is
 * paired with the draft target of the same 工程 that has its name or shares the most of its source
 * text, and matches when kind, value, unit and owners are the same.
 */
final class DraftComparison {
  /** A plan target, its paired draft target (null: none), whether they match, and the line. */
  record Pair(TargetSpec plan, TargetSpec draft, boolean matches, String draftLine) {}

  final PlanSpec plan;
  final PlanSpec draft;
  final List<Pair> pairs = new ArrayList<>();

  DraftComparison(String yaml) {
    plan = PlanFile.parse(YamlNode.read(Path.of("bot-config/plan.yaml"), "bot-config/plan.yaml"));
    draft = PlanFile.parse(YamlNode.parse(new StringReader(yaml), "draft.yaml"));
    String[] lines = yaml.split("\n");
    for (ProjectSpec p : plan.allProjects()) {
      ProjectSpec d =
          draft.allProjects().stream()
              .filter(x -> x.name().equals(p.name()))
              .findFirst()
              .orElse(null);
      Set<TargetSpec> used = new HashSet<>();
      for (TargetSpec t : p.targets()) {
        TargetSpec paired = d == null ? null : pair(t, d.targets(), used);
        if (paired != null) {
          used.add(paired);
        }
        pairs.add(
            new Pair(
                t,
                paired,
                paired != null && same(t, paired),
                paired == null ? null : block(lines, paired.id())));
      }
    }
  }

  long matched() {
    return pairs.stream().filter(Pair::matches).count();
  }

  List<Pair> mismatches() {
    return pairs.stream().filter(x -> !x.matches()).toList();
  }

  static boolean same(TargetSpec a, TargetSpec b) {
    return a.kind() == b.kind()
        && sameNumber(a.value(), b.value())
        && Objects.equals(a.unit(), b.unit())
        && new HashSet<>(a.owners()).equals(new HashSet<>(b.owners()));
  }

  private static boolean sameNumber(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  private static TargetSpec pair(TargetSpec t, List<TargetSpec> candidates, Set<TargetSpec> used) {
    TargetSpec best = null;
    int bestScore = 3;
    for (TargetSpec c : candidates) {
      if (used.contains(c)) {
        continue;
      }
      if (c.name().equals(t.name())) {
        return c;
      }
      int score = common(strip(t.source()), strip(c.source()));
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  /** The draft's lines of one target (from its id to the next id), to see its 待核 comments. */
  private static String block(String[] lines, String id) {
    StringBuilder sb = new StringBuilder();
    boolean in = false;
    for (String l : lines) {
      if (l.strip().startsWith("- id: ")) {
        in = l.strip().equals("- id: " + id);
      }
      if (in) {
        sb.append(l).append('\n');
      }
    }
    return sb.toString();
  }

  static String strip(String s) {
    return s == null ? "" : s.replaceAll("[\\s，。；、,.;]", "");
  }

  /** Length of the longest common substring. */
  static int common(String a, String b) {
    int best = 0;
    int[] prev = new int[b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      for (int j = 1; j <= b.length(); j++) {
        if (a.charAt(i - 1) == b.charAt(j - 1)) {
          cur[j] = prev[j - 1] + 1;
          best = Math.max(best, cur[j]);
        }
      }
      prev = cur;
    }
    return best;
  }

  String report() {
    StringBuilder sb = new StringBuilder("matched " + matched() + " of " + pairs.size() + "\n");
    for (Pair p : mismatches()) {
      sb.append("✗ ")
          .append(p.plan().id())
          .append(" ")
          .append(p.plan().kind())
          .append(" ")
          .append(p.plan().value())
          .append(" ")
          .append(p.plan().unit())
          .append(" ")
          .append(p.plan().owners())
          .append("\n  ↔ ")
          .append(
              p.draft() == null
                  ? "(none)"
                  : p.draft().kind()
                      + " "
                      + p.draft().value()
                      + " "
                      + p.draft().unit()
                      + " "
                      + p.draft().owners())
          .append("\n")
          .append(p.draftLine() == null ? "" : p.draftLine());
    }
    return sb.toString();
  }
}
