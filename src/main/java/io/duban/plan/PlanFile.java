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
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks a plan file ({@code plan.yaml}); every problem is one line naming the file, the
 * place and the field. Documented key by key in {@code bot-config/README.md}. Each target entry is
 * read by {@link PlanTargetFile}.
 */
public final class PlanFile {
  /** Qualifiers the tables write beside a figure. */
  public static final Set<String> QUALIFIERS =
      Set.of("约", "左右", "以上", "不少于", "余", "多", "超过", "近", "以内", "不超过");

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
        "tracking-from",
        "curves",
        "units",
        "categories",
        "review");
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
    LocalDate trackingFrom = trackingFrom(root.get("tracking-from"), start, end);
    Map<String, NavigableMap<MonthDay, BigDecimal>> curves = curves(root.get("curves"));
    Boolean review = review(root.get("review"));

    Map<String, String> unitNames = new HashMap<>();
    List<UnitSpec> units = unitSpecs(root, unitNames);
    List<CategorySpec> categories = categories(root, unitNames, curves, start, end);
    return new PlanSpec(
        year,
        title,
        region,
        start,
        end,
        gap,
        cycle,
        deadlineDay,
        trackingFrom,
        curves,
        units,
        categories,
        review != null && review);
  }

  /**
   * {@code review: true/false} (审核 of reported figures, in the plan or one project): null when the
   * file does not set it.
   */
  static Boolean review(YamlNode node) {
    if (node.isMissing()) {
      return null;
    }
    String raw = node.text().trim();
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "是", "审核" -> Boolean.TRUE;
      case "false", "no", "off", "否", "不审核" -> Boolean.FALSE;
      default -> throw node.error("review 应为 true（上报的数经督查室审核后才计入进度）或 false，实际是“" + raw + "”");
    };
  }

  /**
   * {@code tracking-from: YYYY-MM}, the first tracked reporting period: its month's first day, or
   * null when the file does not set it (every period of the plan is tracked). The month must lie in
   * the plan's period.
   */
  static LocalDate trackingFrom(YamlNode node, LocalDate start, LocalDate end) {
    if (node.isMissing()) {
      return null;
    }
    String raw = node.text().trim();
    String problem = "应写成 YYYY-MM（首个跟踪的报送月份，如 2018-06），实际是“" + raw + "”";
    if (!raw.matches("\\d{4}-\\d{2}")) {
      throw node.error(problem);
    }
    YearMonth month;
    try {
      month = YearMonth.parse(raw);
    } catch (DateTimeParseException e) {
      throw node.error(problem);
    }
    if (month.atEndOfMonth().isBefore(start) || month.atDay(1).isAfter(end)) {
      throw node.error("月份 " + raw + " 不在计划期 " + start + " 至 " + end + " 内");
    }
    return month.atDay(1);
  }

  /** The units in file order; fills {@code unitNames} with every name and alias → unit name. */
  private static List<UnitSpec> unitSpecs(YamlNode root, Map<String, String> unitNames) {
    List<UnitSpec> units = new ArrayList<>();
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
    return units;
  }

  /** The categories with their projects and targets; numbers, names and ids must not repeat. */
  private static List<CategorySpec> categories(
      YamlNode root,
      Map<String, String> unitNames,
      Map<String, NavigableMap<MonthDay, BigDecimal>> curves,
      LocalDate start,
      LocalDate end) {
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
    return categories;
  }

  private static ProjectSpec project(
      YamlNode p,
      Map<String, String> unitNames,
      Set<String> projectNames,
      Set<String> targetIds,
      Map<String, NavigableMap<MonthDay, BigDecimal>> curves,
      LocalDate start,
      LocalDate end) {
    p.allowOnly("name", "aliases", "lead-units", "overview", "targets", "exclusions", "review");
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
      TargetSpec spec = PlanTargetFile.parse(t, unitNames, curves, start, end);
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
        exclusions,
        review(p.get("review")));
  }

  /** Base unit, display unit and power of ten for a unit as the table writes it. */
  static String[] units(String written) {
    return switch (written) {
      case "万元" -> new String[] {"元", "万元", "4"};
      case "亿元" -> new String[] {"元", "亿元", "8"};
      default -> new String[] {written, written, "0"};
    };
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

  static String cycle(YamlNode node, String raw) {
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

  static String unitRef(YamlNode node, Map<String, String> unitNames) {
    String raw = node.text();
    String name = unitNames.get(raw);
    if (name == null) {
      throw node.error("单位“" + raw + "”未在 units 中定义");
    }
    return name;
  }

  static LocalDate date(YamlNode node) {
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
