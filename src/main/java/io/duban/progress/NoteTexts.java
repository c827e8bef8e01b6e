package io.duban.progress;

import io.duban.calendar.CalendarService;
import io.duban.calendar.ReportingPeriod;
import io.duban.extension.Deadlines;
import io.duban.extension.Explanations;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.plan.Unit;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.PlanView.UnitView;
import io.duban.report.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The 情况说明 and 延期 lines of the reminders and the 通报: a 慢序时 target's explanation by each of its
 * units for the target's current period (or the request to give one), and the extensions granted in
 * a period. Everything is read from memory ({@link Explanations}, {@link Deadlines}).
 */
@ApplicationScoped
public class NoteTexts {
  /** What a unit without an explanation of a 慢序时 target is asked. */
  public static final String ASK = "请说明原因和措施（发送“说明 <目标> <原因>”）";

  /** Characters of an explanation shown in a reminder or a 通报 line. */
  static final int SHORT = 40;

  @Inject Explanations explanations;
  @Inject Deadlines deadlines;
  @Inject CalendarService calendars;

  /** A unit's 说明 of a 慢序时 target: its short text, or null when none was given. */
  public record UnitNote(String unit, String text) {}

  /**
   * The lines a unit's reminder adds about its 慢序时 targets that it has reported on: the ones
   * explained with their short 说明, then the others named with {@link #ASK}; empty when none is.
   */
  public List<String> unitLines(PlanView view, long unitId) {
    UnitView u = view.units().stream().filter(x -> x.unit().id == unitId).findFirst().orElse(null);
    if (u == null) {
      return List.of();
    }
    List<String> given = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (TargetView t : behind(u.targets())) {
      if (!reportedBy(t, u.unit().name)) {
        continue; // the reminder asks for its figure first; a 说明 of a 0 that was never reported
        // says nothing
      }
      Optional<Explanations.Note> note = note(view, t.target(), unitId);
      if (note.isPresent()) {
        given.add(
            "已说明 " + t.target().name + "：" + Explanations.shortText(note.get().text(), SHORT));
      } else {
        missing.add(t.target().name);
      }
    }
    List<String> out = new ArrayList<>(given.subList(0, Math.min(2, given.size())));
    if (!missing.isEmpty()) {
      String names =
          missing.size() <= 2
              ? String.join("、", missing)
              : String.join("、", missing.subList(0, 2)) + " 等 " + missing.size() + " 项";
      out.add("慢序时：" + names + "，" + ASK);
    }
    return out;
  }

  /** Each owning unit's 说明 of a 慢序时 target (text null when it gave none). */
  public List<UnitNote> targetNotes(PlanView view, TargetView t) {
    List<UnitNote> out = new ArrayList<>();
    for (Unit owner : t.target().owners) {
      out.add(
          new UnitNote(
              owner.name,
              note(view, t.target(), owner.id)
                  .map(n -> Explanations.shortText(n.text(), SHORT))
                  .orElse(null)));
    }
    return out;
  }

  /** The notes of every 慢序时 target by target id, for {@link BulletinTexts}. */
  public BulletinTexts.Notes bulletinNotes(PlanView view, ReportingPeriod period) {
    Map<Long, List<UnitNote>> byTarget = new HashMap<>();
    for (TargetView t : ProgressTexts.behind(view)) {
      byTarget.put(t.target().id, targetNotes(view, t));
    }
    return new BulletinTexts.Notes(byTarget, extensions(view, period));
  }

  /**
   * "人社局 全部目标延至 6月28日；城管局 小庙转运站 延至 7月5日": the extensions granted in the period, or "" when none.
   */
  public String extensions(PlanView view, ReportingPeriod period) {
    if (period == null) {
      return "";
    }
    List<Deadlines.Extension> granted = deadlines.current().inPeriod(period.key());
    if (granted.isEmpty()) {
      return "";
    }
    Map<Long, String> units = new LinkedHashMap<>();
    view.units().forEach(u -> units.put(u.unit().id, u.unit().name));
    List<String> parts = new ArrayList<>();
    for (Deadlines.Extension e : granted) {
      TargetView t = e.targetId() == null ? null : view.targets().get(e.targetId());
      parts.add(
          units.getOrDefault(e.unitId(), "单位")
              + " "
              + (e.wholePeriod() ? "全部目标" : t == null ? "目标" : t.target().name)
              + " 延至 "
              + ProgressTexts.date(e.newDeadline()));
    }
    return String.join("；", parts);
  }

  private Optional<Explanations.Note> note(PlanView view, Target target, long unitId) {
    ReportingPeriod p = calendars.periodFor(target, view.plan(), view.date());
    return p == null ? Optional.empty() : explanations.latest(target.id, unitId, p.key());
  }

  /** Whether the unit has reported anything on the target (in any period). */
  private static boolean reportedBy(TargetView t, String unit) {
    return t.perUnit().stream().anyMatch(o -> o.unit().equals(unit) && o.lastReportDate() != null);
  }

  private static List<TargetView> behind(List<TargetView> targets) {
    return targets.stream()
        .filter(v -> v.target().kind != TargetKind.TASK && v.status() == Status.BEHIND)
        .sorted(ProgressTexts.WORST_FIRST)
        .toList();
  }
}
