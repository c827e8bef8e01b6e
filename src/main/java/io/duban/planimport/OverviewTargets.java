package io.duban.planimport;

import io.duban.plan.TargetKind;
import io.duban.planimport.PlanDraft.Target;
import io.duban.text.NumberScanner;
import io.duban.text.NumberSpan;
import io.duban.text.Quantity;
import io.duban.text.QuantityParser;
import io.duban.text.TextNormalizer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a 项目概况 into targets. The text is split into sentences (。；) and clauses (，); a clause with a
 * figure is a numeric target (several figures: the one with a qualifier, or the first, and the rest
 * named in a 待核), a figure after a list of names that count to it is a checklist ("改造小庙、长虹、 聚湖 3
 * 座转运站"), a list of names with a common ending and no figure is a checklist too; the clauses before
 * a sentence's first target that carry no figure are one task, those after it only describe it.
 * Figures are read with {@link QuantityParser}, {@link NumberScanner} telling real figures from a
 * lone Chinese digit inside a word (千企帮千户, 双创, 二期).
 */
final class OverviewTargets {
  private static final Pattern SENTENCES = Pattern.compile("(?<=[。！？!?])");
  private static final Pattern PARTS = Pattern.compile("(?<=[；;])");
  private static final Pattern CLAUSES = Pattern.compile("[，,]");
  private static final Pattern LIST_BEFORE =
      Pattern.compile("([\\p{IsHan}]{1,12}(?:、[\\p{IsHan}]{1,12})+)(等)?\\s*$");
  private static final Pattern NOUN_AFTER =
      Pattern.compile("^\\s*([\\p{IsHan}]{1,8}?)(?:的|[，。；,.;]|$)");
  private static final Pattern FREQUENCY = Pattern.compile("每(?:个)?(?:年|季度?|月|周|天|日)");
  private static final Pattern LEADING_VERB =
      Pattern.compile("^(?:新改扩建|建成投用|完成|建成|新建|改造|建设|实施|推进|启动|开展|打造|加快)");

  private OverviewTargets() {}

  /** One figure of a clause: where it stands in the normalised clause and what it reads. */
  record Figure(int start, int end, Quantity q) {}

  /** The targets of an overview, in its order, without owners or ids. */
  static List<Target> read(String overview) {
    List<Target> out = new ArrayList<>();
    if (overview == null || overview.isBlank()) {
      return out;
    }
    int sentence = 0;
    for (String s : SENTENCES.split(overview.strip())) {
      for (String part : PARTS.split(s)) {
        readPart(part, sentence, out);
      }
      sentence++;
    }
    return out;
  }

  private static void readPart(String part, int sentence, List<Target> out) {
    List<String> leading = new ArrayList<>();
    boolean afterTarget = false;
    for (String raw : CLAUSES.split(part)) {
      String clause = tidy(raw);
      if (clause.isEmpty()) {
        continue;
      }
      List<Target> found = fromClause(clause);
      if (found.isEmpty()) {
        Target list = namedList(clause);
        if (list != null) {
          found = List.of(list);
        }
      }
      if (!found.isEmpty()) {
        flushTask(leading, sentence, out);
        leading.clear();
        found.forEach(t -> t.sentence = sentence);
        out.addAll(found);
        afterTarget = true;
      } else if (!afterTarget) {
        leading.add(clause);
      }
    }
    flushTask(leading, sentence, out);
  }

  /** The figure-less clauses before a target (or a whole figure-less sentence) as one task. */
  private static void flushTask(List<String> clauses, int sentence, List<Target> out) {
    if (clauses.isEmpty()) {
      return;
    }
    Target t = new Target(nameOf(clauses.get(0)), TargetKind.TASK);
    t.source = String.join("，", clauses);
    t.sentence = sentence;
    out.add(t);
  }

  /** Marks the tasks that stood before a figure in their sentence (maybe only a lead-in). */
  static void flagLeadIns(List<Target> targets) {
    for (int i = 0; i + 1 < targets.size(); i++) {
      Target t = targets.get(i);
      Target next = targets.get(i + 1);
      if (t.kind == TargetKind.TASK
          && t.note == null
          && next.sentence == t.sentence
          && next.kind != TargetKind.TASK) {
        t.flag("kind", "句中没有数量的分句，按任务跟踪；若只是后文的说明，请删去");
      }
    }
  }

  /** The targets a clause with figures gives (empty when it has none). */
  private static List<Target> fromClause(String clause) {
    String n = TextNormalizer.normalize(clause, List.of());
    List<Figure> figures = figures(n);
    if (figures.isEmpty()) {
      return List.of();
    }
    Figure f = figures.get(0);
    Figure baseline = null;
    if (figures.size() == 2
        && n.substring(0, f.start()).contains("从")
        && n.substring(f.end(), figures.get(1).start()).contains("到")) {
      baseline = f;
      f = figures.get(1);
    } else if (figures.size() > 1) {
      List<Figure> qualified = figures.stream().filter(x -> !x.q().qualifier().isEmpty()).toList();
      f = qualified.size() == 1 ? qualified.get(0) : f;
    }
    String before = n.substring(0, f.start()).strip();
    if (FREQUENCY.matcher(before).find() || (n.startsWith("加快") && n.contains("建设"))) {
      Target t = new Target(nameOf(n), TargetKind.TASK);
      t.source = clause;
      t.note = "原文：" + clause;
      t.flag(
          "kind",
          (n.startsWith("加快") ? "“加快建设”是进展，" : "这是频次要求，")
              + "按任务跟踪，数字 "
              + f.q().text()
              + " 记在 note");
      return List.of(t);
    }
    if (before.endsWith("各")) {
      return each(n, clause, f);
    }
    Target list = countedList(n, clause, f);
    if (list != null) {
      return List.of(list);
    }
    String name =
        baseline != null
            ? nameOf(n.substring(0, n.lastIndexOf('从', baseline.start())))
            : nameOf(n.substring(0, f.start()) + n.substring(f.end()));
    Target t = numeric(name, clause, f);
    if (baseline != null) {
      t.baseline = Measures.written(baseline.q(), t.unit)[0];
      t.flag("value", "按“从…到…”读作基数 " + baseline.q().text() + "、目标 " + f.q().text());
    }
    for (Figure other : figures) {
      if (other != f && other != baseline) {
        t.flag("value", "本句另有数字“" + other.q().text() + "”，未作为目标");
      }
    }
    return List.of(t);
  }

  private static Target numeric(String name, String clause, Figure f) {
    Target t = new Target(name, TargetKind.NUMERIC);
    t.source = clause;
    String[] written = Measures.written(f.q(), null);
    t.value = written[0];
    t.unit = written[1];
    t.qualifier = f.q().qualifier().isEmpty() ? null : f.q().qualifier();
    if (t.unit.isEmpty()) {
      t.unit = "项";
      t.flag("unit", "原文数字后没有单位，暂写“项”");
    }
    if (t.value == null) {
      t.value = "1";
      t.flag("value", "无法换算“" + f.q().text() + "”，暂写 1");
    }
    return t;
  }

  /** "送戏送综艺节目各 200 场": one target for each thing named before 各. */
  private static List<Target> each(String n, String clause, Figure f) {
    String subject = tidy(n.substring(0, f.start()).strip().replaceFirst("各$", ""));
    List<String> names = new ArrayList<>(List.of(subject.split("[、和与及]")));
    if (names.size() < 2 && subject.length() > 2) {
      names = splitAtRepeatedVerb(subject);
    }
    List<Target> out = new ArrayList<>();
    for (String name : names) {
      Target t = numeric(nameOf(name), clause, f);
      if (names.size() > 1) {
        t.flag("name", "原文“" + subject + "各" + f.q().text() + "”拆成 " + names.size() + " 个目标");
      }
      out.add(t);
    }
    return out;
  }

  /** "送戏送综艺节目" → 送戏, 送综艺节目 (cut where its first character comes again). */
  private static List<String> splitAtRepeatedVerb(String s) {
    List<String> parts = new ArrayList<>();
    char verb = s.charAt(0);
    int from = 0;
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == verb && i - from >= 2) {
        parts.add(s.substring(from, i));
        from = i;
      }
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** "改造小庙、长虹、聚湖 3 座转运站": names that count to the figure are a checklist. */
  private static Target countedList(String n, String clause, Figure f) {
    Matcher m = LIST_BEFORE.matcher(n.substring(0, f.start()));
    BigDecimal count = f.q().value();
    if (!m.find() || m.group(2) != null || count.stripTrailingZeros().scale() > 0) {
      return null;
    }
    String[] parts = m.group(1).split("、");
    if (parts.length != count.intValue()) {
      return null;
    }
    int len = parts[parts.length - 1].length();
    String verb = "";
    if (parts[0].length() > len) {
      verb = parts[0].substring(0, parts[0].length() - len);
      parts[0] = parts[0].substring(parts[0].length() - len);
    }
    Matcher noun = NOUN_AFTER.matcher(n.substring(f.end()));
    String suffix = noun.find() ? noun.group(1) : "";
    Target t = new Target(nameOf(n.substring(0, m.start()) + verb + suffix), TargetKind.CHECKLIST);
    t.source = clause;
    for (String p : parts) {
      t.items.add(p.endsWith(suffix) ? p : p + suffix);
    }
    t.unit = f.q().unit().isEmpty() ? "项" : f.q().unit();
    t.value = String.valueOf(parts.length);
    return t;
  }

  /** "完成横林中心幼儿园、玉兰广场幼儿园、火炬路幼儿园的建设": named items with a common ending. */
  private static Target namedList(String clause) {
    String[] parts = clause.split("、");
    if (parts.length < 2) {
      return null;
    }
    int cut = parts[parts.length - 1].indexOf('的');
    if (cut > 0) {
      parts[parts.length - 1] = parts[parts.length - 1].substring(0, cut);
    }
    parts[0] = LEADING_VERB.matcher(parts[0]).replaceFirst("");
    String suffix = commonSuffix(parts);
    if (suffix.length() < 2) {
      return null;
    }
    Target t = new Target(nameOf(clause), TargetKind.CHECKLIST);
    t.source = clause;
    for (String p : parts) {
      if (p.isBlank() || t.items.contains(p.strip())) {
        return null;
      }
      t.items.add(p.strip());
    }
    t.unit = Measures.itemUnit(suffix);
    t.value = String.valueOf(parts.length);
    t.flag("unit", "原文没有数量，单位按清单项推断为“" + t.unit + "”");
    return t;
  }

  private static String commonSuffix(String[] parts) {
    String s = parts[0].strip();
    for (String p : parts) {
      String q = p.strip();
      int k = 0;
      while (k < s.length()
          && k < q.length()
          && s.charAt(s.length() - 1 - k) == q.charAt(q.length() - 1 - k)) {
        k++;
      }
      s = s.substring(s.length() - k);
    }
    return s;
  }

  /**
   * The figures of a normalised clause: quantities that hold a real number (Arabic digits, 万/亿, a
   * percentage or a numeral of two characters or more), an age or a range ("0-14 周岁") excepted.
   */
  static List<Figure> figures(String n) {
    List<NumberSpan> strong = new ArrayList<>();
    for (NumberSpan s : NumberScanner.scan(n)) {
      if (isStrong(s) && !isScope(n, s)) {
        strong.add(s);
      }
    }
    List<Figure> out = new ArrayList<>();
    for (QuantityParser.Span span : QuantityParser.spans(n)) {
      boolean real =
          strong.stream().anyMatch(s -> s.start() >= span.start() && s.start() < span.end());
      if (!real) {
        continue;
      }
      QuantityParser.parse(n.substring(span.start(), span.end()))
          .quantityIfOk()
          .ifPresent(q -> out.add(new Figure(span.start(), span.end(), q)));
    }
    return out;
  }

  private static boolean isStrong(NumberSpan s) {
    String t = s.text();
    return t.matches(".*[0-9].*")
        || t.contains("万")
        || t.contains("亿")
        || t.contains("%")
        || t.strip().length() >= 2;
  }

  private static boolean isScope(String n, NumberSpan s) {
    String after = n.substring(s.end()).stripLeading();
    String before = n.substring(0, s.start()).stripTrailing();
    return after.startsWith("周岁")
        || after.startsWith("岁")
        || after.startsWith("-")
        || after.startsWith("~")
        || before.endsWith("-")
        || before.endsWith("~")
        || after.startsWith("年")
        || after.startsWith("月");
  }

  /** A clause's words without the spaces a scanned table puts between characters. */
  static String tidy(String s) {
    String t = s.replaceAll("\\s+", " ").strip();
    return t.replaceAll("(?<=[^\\x00-\\x7F]) (?=[^\\x00-\\x7F])", "")
        .replaceAll("[。；;.!！?？]+$", "");
  }

  /** A target name from clause text: spaces and end punctuation dropped, at most 40 characters. */
  static String nameOf(String text) {
    String t = tidy(text).replace(" ", "").replaceAll("^[为对将]|的$", "").replaceAll("[，,、]+$", "");
    if (t.isEmpty()) {
      return "未命名目标";
    }
    return t.length() > 40 ? t.substring(0, 40) : t;
  }
}
