package io.duban.plan;

import io.duban.config.YamlNode;
import io.duban.plan.PlanSpec.CategorySpec;
import io.duban.plan.PlanSpec.ExclusionSpec;
import io.duban.plan.PlanSpec.ProjectSpec;
import io.duban.plan.PlanSpec.TargetSpec;
import io.duban.plan.PlanSpec.UnitSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks a plan file ({@code plan.yaml}); every problem is one line naming the file, the
 * place and the field. Documented key by key in {@code bot-config/README.md}.
 */
public final class PlanFile {
  /** Qualifiers the tables write beside a figure. */
  public static final Set<String> QUALIFIERS =
      Set.of("约", "左右", "以上", "不少于", "余", "多", "超过", "近", "以内", "不超过");

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern VALUE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,4})?)\\s*(万|亿)?");
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,4})?)\\s*%");

  private PlanFile() {}

  /** Parses and checks the whole file. */
  public static PlanSpec parse(YamlNode root) {
    if (!root.isMap()) {
      throw root.error("计划文件应为键值对");
    }
    root.allowOnly(
        "year",
        "title",
        "region",
        "period",
        "status-gap",
        "reporting",
        "curves",
        "units",
        "categories");
    int year = root.integer("year", 0);
    if (year < 2000 || year > 2100) {
      throw root.get("year").error("年份应在 2000 到 2100 之间");
    }
    String title = root.string("title");
    String region = root.optString("region").orElse(null);
    YamlNode period = root.get("period").allowOnly("start", "end");
    LocalDate start = period.isMissing() ? LocalDate.of(year, 1, 1) : date(period.get("start"));
    LocalDate end = period.isMissing() ? LocalDate.of(year, 12, 31) : date(period.get("end"));
    if (end.isBefore(start)) {
      throw period.get("end").error("结束日期早于开始日期");
    }
    BigDecimal gap =
        root.optString("status-gap")
            .map(v -> fraction(root.get("status-gap"), v))
            .orElse(new BigDecimal("0.10"));
    YamlNode reporting = root.get("reporting").allowOnly("cycle", "deadline-day");
    String cycle = cycle(reporting.get("cycle"), reporting.optString("cycle").orElse("monthly"));
    if ("FIXED".equals(cycle)) {
      throw reporting.get("cycle").error("计划的默认周期只能是 monthly 或 quarterly");
    }
    int deadlineDay = reporting.integer("deadline-day", 25);
    if (deadlineDay < 1 || deadlineDay > 31) {
      throw reporting.get("deadline-day").error("截止日应在 1 到 31 之间");
    }
    Map<String, NavigableMap<MonthDay, BigDecimal>> curves = curves(root.get("curves"));

    List<UnitSpec> units = new ArrayList<>();
    Map<String, String> unitNames = new HashMap<>();
    for (YamlNode u : root.list("units")) {
      u.allowOnly("name", "full-name", "aliases");
      String name = u.string("name");
      List<String> aliases = u.strings("aliases");
      for (String n : concat(name, aliases)) {
        if (unitNames.putIfAbsent(n, name) != null) {
          throw u.error("单位名称或别名“" + n + "”重复");
        }
      }
      units.add(new UnitSpec(name, u.optString("full-name").orElse(null), aliases));
    }
    if (units.isEmpty()) {
      throw root.get("units").error("至少要有一个单位");
    }

    List<CategorySpec> categories = new ArrayList<>();
    Set<Integer> numbers = new HashSet<>();
    Set<String> projectNames = new HashSet<>();
    Set<String> targetIds = new HashSet<>();
    for (YamlNode c : root.list("categories")) {
      c.allowOnly("number", "name", "aliases", "projects");
      int number = c.integer("number", -1);
      if (number < 1 || !numbers.add(number)) {
        throw c.get("number").error("序号应为正整数且不重复");
      }
      List<ProjectSpec> projects = new ArrayList<>();
      for (YamlNode p : c.list("projects")) {
        projects.add(project(p, unitNames, projectNames, targetIds, curves, start, end));
      }
      if (projects.isEmpty()) {
        throw c.get("projects").error("每个实事至少要有一个工程");
      }
      categories.add(new CategorySpec(number, c.string("name"), c.strings("aliases"), projects));
    }
    if (categories.isEmpty()) {
      throw root.get("categories").error("至少要有一个实事");
    }
    return new PlanSpec(
        year, title, region, start, end, gap, cycle, deadlineDay, curves, units, categories);
  }

  private static ProjectSpec project(
      YamlNode p,
      Map<String, String> unitNames,
      Set<String> projectNames,
      Set<String> targetIds,
      Map<String, NavigableMap<MonthDay, BigDecimal>> curves,
      LocalDate start,
      LocalDate end) {
    p.allowOnly("name", "aliases", "lead-units", "overview", "targets", "exclusions");
    String name = p.string("name");
    if (!projectNames.add(name)) {
      throw p.get("name").error("工程名称“" + name + "”重复");
    }
    List<String> leads = new ArrayList<>();
    for (YamlNode u : p.list("lead-units")) {
      leads.add(unitRef(u, unitNames));
    }
    if (leads.isEmpty()) {
      throw p.get("lead-units").error("每个工程至少要有一个牵头单位");
    }
    List<TargetSpec> targets = new ArrayList<>();
    for (YamlNode t : p.list("targets")) {
      TargetSpec spec = target(t, unitNames, curves, start, end);
      if (!targetIds.add(spec.id())) {
        throw t.get("id").error("目标编号“" + spec.id() + "”重复");
      }
      targets.add(spec);
    }
    if (targets.isEmpty()) {
      throw p.get("targets").error("每个工程至少要有一个目标");
    }
    List<ExclusionSpec> exclusions = new ArrayList<>();
    for (YamlNode x : p.list("exclusions")) {
      x.allowOnly("text", "reason");
      exclusions.add(new ExclusionSpec(x.string("text"), x.string("reason")));
    }
    return new ProjectSpec(
        name,
        p.strings("aliases"),
        leads,
        p.optString("overview").orElse(null),
        targets,
        exclusions);
  }

  private static TargetSpec target(
      YamlNode t,
      Map<String, String> unitNames,
      Map<String, NavigableMap<MonthDay, BigDecimal>> curves,
      LocalDate start,
      LocalDate end) {
    t.allowOnly(
        "id",
        "name",
        "kind",
        "value",
        "unit",
        "qualifier",
        "baseline",
        "aggregate",
        "aliases",
        "items",
        "owners",
        "cycle",
        "deadline-day",
        "deadlines",
        "curve",
        "source",
        "judgement",
        "note");
    String id = t.string("id");
    if (!ID.matcher(id).matches()) {
      throw t.get("id").error("目标编号只能用小写字母、数字和连字符（如 jobs-new），实际是“" + id + "”");
    }
    String name = t.string("name");
    List<String> items = t.strings("items");
    Optional<String> rawValue = t.optString("value");
    TargetKind kind;
    Optional<String> rawKind = t.optString("kind");
    if (rawKind.isPresent()) {
      try {
        kind = TargetKind.valueOf(rawKind.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw t.get("kind").error("类型应为 NUMERIC、CHECKLIST 或 TASK，实际是“" + rawKind.get() + "”");
      }
    } else if (!items.isEmpty()) {
      kind = TargetKind.CHECKLIST;
    } else if (rawValue.isPresent()) {
      kind = TargetKind.NUMERIC;
    } else {
      kind = TargetKind.TASK;
    }

    BigDecimal value = null;
    String unit = null;
    String displayUnit = null;
    int exponent = 0;
    BigDecimal baseline = null;
    switch (kind) {
      case NUMERIC -> {
        if (rawValue.isEmpty()) {
          throw t.get("value").error("数值目标必须有 value");
        }
        String u = t.string("unit");
        String[] units = units(u);
        unit = units[0];
        displayUnit = units[1];
        exponent = Integer.parseInt(units[2]);
        value = scaled(t.get("value"), rawValue.get(), exponent);
        if (value.signum() <= 0) {
          throw t.get("value").error("目标值应大于 0");
        }
        Optional<String> rawBaseline = t.optString("baseline");
        if (rawBaseline.isPresent()) {
          baseline = scaled(t.get("baseline"), rawBaseline.get(), exponent);
          if (baseline.compareTo(value) >= 0) {
            throw t.get("baseline").error("基数应小于目标值");
          }
        }
        if (!items.isEmpty()) {
          throw t.get("items").error("数值目标不能有 items；要逐项完成的请用 CHECKLIST");
        }
      }
      case CHECKLIST -> {
        if (items.isEmpty()) {
          throw t.get("items").error("清单目标至少要有一项");
        }
        if (new HashSet<>(items).size() != items.size()) {
          throw t.get("items").error("清单项名称重复");
        }
        value = BigDecimal.valueOf(items.size());
        if (rawValue.isPresent()
            && scaled(t.get("value"), rawValue.get(), 0).compareTo(value) != 0) {
          throw t.get("value").error("清单目标的 value 应等于清单项数 " + items.size());
        }
        unit = t.optString("unit").orElse("项");
      }
      case TASK -> {
        if (rawValue.isPresent() || !items.isEmpty() || t.has("unit")) {
          throw t.error("任务类目标（TASK）不能有 value、unit 或 items");
        }
      }
    }

    String qualifier = t.optString("qualifier").orElse(null);
    if (qualifier != null && !QUALIFIERS.contains(qualifier)) {
      throw t.get("qualifier").error("限定词应为 " + String.join("、", QUALIFIERS) + " 之一");
    }
    List<String> owners = new ArrayList<>();
    for (YamlNode o : t.list("owners")) {
      String owner = unitRef(o, unitNames);
      if (owners.contains(owner)) {
        throw o.error("责任单位重复");
      }
      owners.add(owner);
    }
    if (owners.isEmpty()) {
      throw t.get("owners").error("每个目标都要写明责任单位（owners）");
    }
    AggregateRule aggregate = AggregateRule.SUM;
    Optional<String> rawAggregate = t.optString("aggregate");
    if (rawAggregate.isPresent()) {
      try {
        aggregate = AggregateRule.valueOf(rawAggregate.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw t.get("aggregate").error("汇总方式应为 sum、max 或 single");
      }
    } else if ("%".equals(unit) && owners.size() > 1) {
      throw t.get("aggregate").error("多个单位共同负责的百分比目标必须写明 aggregate（max 或 single）");
    }

    String cycle = null;
    Integer deadlineDay = null;
    List<LocalDate> deadlines = new ArrayList<>();
    if (t.has("cycle")) {
      cycle = cycle(t.get("cycle"), t.string("cycle"));
    }
    if (t.has("deadline-day")) {
      deadlineDay = t.integer("deadline-day", 25);
      if (deadlineDay < 1 || deadlineDay > 31) {
        throw t.get("deadline-day").error("截止日应在 1 到 31 之间");
      }
    }
    for (YamlNode d : t.list("deadlines")) {
      LocalDate date = date(d);
      if (date.isBefore(start) || date.isAfter(end)) {
        throw d.error("截止日期不在计划期内");
      }
      if (!deadlines.isEmpty() && !date.isAfter(deadlines.get(deadlines.size() - 1))) {
        throw d.error("截止日期应按先后顺序排列且不重复");
      }
      deadlines.add(date);
    }
    if ("FIXED".equals(cycle) != !deadlines.isEmpty()) {
      throw t.get("deadlines").error("cycle: fixed 与 deadlines 必须同时出现");
    }
    String curve = t.optString("curve").orElse(null);
    if (curve != null && !curve.equals("linear") && !curves.containsKey(curve)) {
      throw t.get("curve").error("未定义的序时曲线“" + curve + "”（在 curves 下定义）");
    }
    return new TargetSpec(
        id,
        name,
        kind,
        value,
        unit,
        displayUnit,
        exponent,
        qualifier,
        baseline,
        aggregate,
        t.strings("aliases"),
        items,
        owners,
        cycle,
        deadlineDay,
        deadlines,
        curve,
        t.optString("source").orElse(null),
        t.optString("judgement").orElse(null),
        t.optString("note").orElse(null),
        t.place());
  }

  /** Base unit, display unit and power of ten for a unit as the table writes it. */
  static String[] units(String written) {
    return switch (written) {
      case "万元" -> new String[] {"元", "万元", "4"};
      case "亿元" -> new String[] {"元", "亿元", "8"};
      default -> new String[] {written, written, "0"};
    };
  }

  private static BigDecimal scaled(YamlNode node, String raw, int exponent) {
    Matcher m = VALUE.matcher(raw.replace(",", ""));
    if (!m.matches()) {
      throw node.error("无法识别的数值“" + raw + "”（写成 4.8万、3800 或 0.5 这样的形式）");
    }
    BigDecimal v = new BigDecimal(m.group(1));
    if ("万".equals(m.group(2))) {
      v = v.scaleByPowerOfTen(4);
    } else if ("亿".equals(m.group(2))) {
      v = v.scaleByPowerOfTen(8);
    }
    v = v.scaleByPowerOfTen(exponent);
    BigDecimal stripped = v.stripTrailingZeros();
    if (stripped.scale() > 4) {
      throw node.error("数值“" + raw + "”换算后小数位过多");
    }
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static BigDecimal fraction(YamlNode node, String raw) {
    Matcher m = PERCENT.matcher(raw);
    BigDecimal v;
    if (m.matches()) {
      v = new BigDecimal(m.group(1));
    } else {
      try {
        v = new BigDecimal(raw);
      } catch (NumberFormatException e) {
        throw node.error("应为百分比（如 10%），实际是“" + raw + "”");
      }
    }
    if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw node.error("百分比应在 0% 到 100% 之间");
    }
    return v.movePointLeft(2);
  }

  private static String cycle(YamlNode node, String raw) {
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "monthly", "月", "每月" -> "MONTHLY";
      case "quarterly", "季", "每季度" -> "QUARTERLY";
      case "fixed" -> "FIXED";
      default -> throw node.error("周期应为 monthly、quarterly 或 fixed，实际是“" + raw + "”");
    };
  }

  private static Map<String, NavigableMap<MonthDay, BigDecimal>> curves(YamlNode node) {
    Map<String, NavigableMap<MonthDay, BigDecimal>> curves = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : node.entries().entrySet()) {
      NavigableMap<MonthDay, BigDecimal> points = new TreeMap<>();
      BigDecimal last = BigDecimal.ZERO;
      for (Map.Entry<String, YamlNode> p : e.getValue().entries().entrySet()) {
        MonthDay day;
        try {
          day = MonthDay.parse("--" + p.getKey());
        } catch (DateTimeParseException ex) {
          throw p.getValue().error("曲线节点应写成 MM-DD（如 06-30），实际是“" + p.getKey() + "”");
        }
        BigDecimal f = fraction(p.getValue(), p.getValue().text());
        if (f.compareTo(last) < 0 || points.containsKey(day)) {
          throw p.getValue().error("曲线的累计比例不能下降");
        }
        last = f;
        points.put(day, f);
      }
      if (points.isEmpty() || points.lastEntry().getValue().compareTo(BigDecimal.ONE) != 0) {
        throw e.getValue().error("曲线的最后一个节点应为 100%");
      }
      curves.put(e.getKey(), points);
    }
    return curves;
  }

  private static String unitRef(YamlNode node, Map<String, String> unitNames) {
    String raw = node.text();
    String name = unitNames.get(raw);
    if (name == null) {
      throw node.error("单位“" + raw + "”未在 units 中定义");
    }
    return name;
  }

  private static LocalDate date(YamlNode node) {
    String raw = node.text();
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw node.error("日期应写成 YYYY-MM-DD，实际是“" + raw + "”");
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** Serialises curves for the plan row ("name=06-30:0.4,12-31:1;..."). */
  public static String encodeCurves(Map<String, NavigableMap<MonthDay, BigDecimal>> curves) {
    if (curves.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    curves.forEach(
        (name, points) -> {
          List<String> ps = new ArrayList<>();
          points.forEach(
              (day, f) ->
                  ps.add(
                      String.format("%02d-%02d", day.getMonthValue(), day.getDayOfMonth())
                          + ":"
                          + f.stripTrailingZeros().toPlainString()));
          parts.add(name + "=" + String.join(",", ps));
        });
    return String.join(";", parts);
  }

  /** Reads curves back from the plan row. */
  public static Map<String, NavigableMap<MonthDay, BigDecimal>> decodeCurves(String encoded) {
    Map<String, NavigableMap<MonthDay, BigDecimal>> curves = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return curves;
    }
    for (String part : encoded.split(";")) {
      String[] kv = part.split("=", 2);
      NavigableMap<MonthDay, BigDecimal> points = new TreeMap<>();
      for (String p : kv[1].split(",")) {
        String[] dv = p.split(":");
        points.put(MonthDay.parse("--" + dv[0]), new BigDecimal(dv[1]));
      }
      curves.put(kv[0], points);
    }
    return curves;
  }
}
