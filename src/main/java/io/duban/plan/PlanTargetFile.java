package io.duban.plan;

import io.duban.config.YamlNode;
import io.duban.plan.PlanSpec.TargetSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks one target of a plan file (an entry under a project's {@code targets}); part of
 * {@link PlanFile}, which reads the rest. The checks run in the order of the keys below, so the
 * first problem reported is the same whatever else is wrong.
 */
final class PlanTargetFile {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern VALUE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,4})?)\\s*(万|亿)?");

  private PlanTargetFile() {}

  /** The figures of a target: its value and unit as stored, and how the table writes the unit. */
  private record Measure(
      BigDecimal value, String unit, String displayUnit, int exponent, BigDecimal baseline) {}

  /** When a target is due: its own cycle and deadline day, or its fixed deadlines. */
  private record Schedule(String cycle, Integer deadlineDay, List<LocalDate> deadlines) {}

  static TargetSpec parse(
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
    TargetKind kind = kind(t, items, rawValue);
    Measure measure =
        switch (kind) {
          case NUMERIC -> numeric(t, items, rawValue);
          case CHECKLIST -> checklist(t, items, rawValue);
          case TASK -> task(t, items, rawValue);
        };
    String qualifier = t.optString("qualifier").orElse(null);
    if (qualifier != null && !PlanFile.QUALIFIERS.contains(qualifier)) {
      throw t.get("qualifier").error("限定词应为 " + String.join("、", PlanFile.QUALIFIERS) + " 之一");
    }
    List<String> owners = owners(t, unitNames);
    AggregateRule aggregate = aggregate(t, measure.unit(), owners);
    Schedule schedule = schedule(t, start, end);
    String curve = t.optString("curve").orElse(null);
    if (curve != null && !curve.equals("linear") && !curves.containsKey(curve)) {
      throw t.get("curve").error("未定义的序时曲线“" + curve + "”（在 curves 下定义）");
    }
    return new TargetSpec(
        id,
        name,
        kind,
        measure.value(),
        measure.unit(),
        measure.displayUnit(),
        measure.exponent(),
        qualifier,
        measure.baseline(),
        aggregate,
        t.strings("aliases"),
        items,
        owners,
        schedule.cycle(),
        schedule.deadlineDay(),
        schedule.deadlines(),
        curve,
        t.optString("source").orElse(null),
        t.optString("judgement").orElse(null),
        t.optString("note").orElse(null),
        t.place());
  }

  /** The kind as written, or else CHECKLIST with items, NUMERIC with a value, TASK otherwise. */
  private static TargetKind kind(YamlNode t, List<String> items, Optional<String> rawValue) {
    Optional<String> rawKind = t.optString("kind");
    if (rawKind.isPresent()) {
      try {
        return TargetKind.valueOf(rawKind.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw t.get("kind").error("类型应为 NUMERIC、CHECKLIST 或 TASK，实际是“" + rawKind.get() + "”");
      }
    } else if (!items.isEmpty()) {
      return TargetKind.CHECKLIST;
    } else if (rawValue.isPresent()) {
      return TargetKind.NUMERIC;
    } else {
      return TargetKind.TASK;
    }
  }

  private static Measure numeric(YamlNode t, List<String> items, Optional<String> rawValue) {
    if (rawValue.isEmpty()) {
      throw t.get("value").error("数值目标必须有 value");
    }
    String u = t.string("unit");
    String[] units = PlanFile.units(u);
    int exponent = Integer.parseInt(units[2]);
    BigDecimal value = scaled(t.get("value"), rawValue.get(), exponent);
    if (value.signum() <= 0) {
      throw t.get("value").error("目标值应大于 0");
    }
    BigDecimal baseline = null;
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
    return new Measure(value, units[0], units[1], exponent, baseline);
  }

  private static Measure checklist(YamlNode t, List<String> items, Optional<String> rawValue) {
    if (items.isEmpty()) {
      throw t.get("items").error("清单目标至少要有一项");
    }
    if (new HashSet<>(items).size() != items.size()) {
      throw t.get("items").error("清单项名称重复");
    }
    BigDecimal value = BigDecimal.valueOf(items.size());
    if (rawValue.isPresent() && scaled(t.get("value"), rawValue.get(), 0).compareTo(value) != 0) {
      throw t.get("value").error("清单目标的 value 应等于清单项数 " + items.size());
    }
    return new Measure(value, t.optString("unit").orElse("项"), null, 0, null);
  }

  private static Measure task(YamlNode t, List<String> items, Optional<String> rawValue) {
    if (rawValue.isPresent() || !items.isEmpty() || t.has("unit")) {
      throw t.error("任务类目标（TASK）不能有 value、unit 或 items");
    }
    return new Measure(null, null, null, 0, null);
  }

  private static List<String> owners(YamlNode t, Map<String, String> unitNames) {
    List<String> owners = new ArrayList<>();
    for (YamlNode o : t.list("owners")) {
      String owner = PlanFile.unitRef(o, unitNames);
      if (owners.contains(owner)) {
        throw o.error("责任单位重复");
      }
      owners.add(owner);
    }
    if (owners.isEmpty()) {
      throw t.get("owners").error("每个目标都要写明责任单位（owners）");
    }
    return owners;
  }

  /** SUM unless written; a percentage shared by several units must say how to combine it. */
  private static AggregateRule aggregate(YamlNode t, String unit, List<String> owners) {
    Optional<String> rawAggregate = t.optString("aggregate");
    if (rawAggregate.isPresent()) {
      try {
        return AggregateRule.valueOf(rawAggregate.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw t.get("aggregate").error("汇总方式应为 sum、max 或 single");
      }
    } else if ("%".equals(unit) && owners.size() > 1) {
      throw t.get("aggregate").error("多个单位共同负责的百分比目标必须写明 aggregate（max 或 single）");
    }
    return AggregateRule.SUM;
  }

  private static Schedule schedule(YamlNode t, LocalDate start, LocalDate end) {
    String cycle = null;
    Integer deadlineDay = null;
    List<LocalDate> deadlines = new ArrayList<>();
    if (t.has("cycle")) {
      cycle = PlanFile.cycle(t.get("cycle"), t.string("cycle"));
    }
    if (t.has("deadline-day")) {
      deadlineDay = t.integer("deadline-day", 25);
      if (deadlineDay < 1 || deadlineDay > 31) {
        throw t.get("deadline-day").error("截止日应在 1 到 31 之间");
      }
    }
    for (YamlNode d : t.list("deadlines")) {
      LocalDate date = PlanFile.date(d);
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
    return new Schedule(cycle, deadlineDay, deadlines);
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
}
