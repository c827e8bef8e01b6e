package io.duban.progress;

import io.duban.common.Num;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.progress.PlanView.TargetView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A target as the API shows it (docs/contract.md §3, §7: id, name, kind, target, unit, ... per
 * kind).
 */
public record TargetJson(
    String id,
    String name,
    String kind,
    String project,
    BigDecimal target,
    String unit,
    String displayUnit,
    String qualifier,
    BigDecimal baseline,
    String aggregate,
    List<String> owners,
    BigDecimal current,
    BigDecimal completion,
    BigDecimal schedule,
    String status,
    String statusLabel,
    List<ItemJson> items,
    String progress,
    String note,
    LocalDate noteDate,
    List<OwnerJson> perUnit,
    Instant lastReportedAt,
    LocalDate lastReportDate,
    String cycle,
    String source,
    String judgement,
    List<PendingJson> pending) {

  /** A figure an owner reported that waits for 审核 (not in {@code current} or {@code perUnit}). */
  public record PendingJson(String unit, BigDecimal figure, long reportId, Instant reportedAt) {}

  /** A checklist item. */
  public record ItemJson(String name, boolean done, LocalDate doneAt) {}

  /** One owner's own figure or progress. */
  public record OwnerJson(
      String unit, BigDecimal figure, String progress, LocalDate lastReportDate) {}

  public static TargetJson of(TargetView v) {
    Target t = v.target();
    boolean checklist = t.kind == TargetKind.CHECKLIST;
    boolean task = t.kind == TargetKind.TASK;
    return new TargetJson(
        t.code,
        t.name,
        t.kind.name(),
        v.projectName(),
        task ? null : Num.plain(t.targetValue),
        t.unit,
        t.displayUnit,
        t.qualifier,
        Num.plain(t.baseline),
        t.aggregateRule.name().toLowerCase(),
        t.owners.stream().map((Unit u) -> u.name).toList(),
        task ? null : Num.plain(v.current()),
        Num.fraction(v.completion()),
        Num.fraction(v.schedule()),
        v.status().name(),
        v.status().label(),
        checklist
            ? v.items().stream().map(i -> new ItemJson(i.name(), i.done(), i.doneOn())).toList()
            : null,
        task ? v.progress().label() : null,
        task ? v.note() : null,
        task ? v.noteDate() : null,
        v.perUnit().stream()
            .map(
                o ->
                    new OwnerJson(
                        o.unit(),
                        Num.plain(o.figure()),
                        o.progress() == null ? null : o.progress().label(),
                        o.lastReportDate()))
            .toList(),
        v.lastReportedAt(),
        v.lastReportDate(),
        t.cycle == null ? v.target().plan.cycle : t.cycle,
        t.sourceText,
        t.judgement,
        v.pending().stream()
            .map(
                o ->
                    new PendingJson(
                        o.unit(),
                        Num.plain(o.pending()),
                        o.pendingReportId(),
                        o.pendingReportedAt()))
            .toList());
  }
}
