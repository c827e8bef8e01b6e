package io.duban.command.handler;

import io.duban.command.ParsedCommand.ProgressNote;
import io.duban.command.Ref;
import io.duban.plan.Project;
import io.duban.plan.Target;
import io.duban.plan.TargetKind;
import io.duban.progress.ProgressTexts;
import io.duban.report.ReportService;
import io.duban.report.TargetState;
import io.duban.report.TaskProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * 进展: a dated progress note and state of a task (or of a checklist target) the unit owns; naming a
 * 工程 applies it to the unit's tasks in that 工程.
 */
@ApplicationScoped
public class ProgressNoteHandler implements CommandHandler<ProgressNote> {
  @Inject ReportService reports;
  @Inject Targets targets;

  @Override
  public Class<ProgressNote> handles() {
    return ProgressNote.class;
  }

  @Override
  public String handle(ProgressNote command, ChatContext ctx) {
    String refusal = Permissions.mayReport(ctx);
    if (refusal == null) {
      refusal = Replies.closedForReports(ctx.standing());
    }
    if (refusal != null) {
      return refusal;
    }
    List<Target> subjects = new ArrayList<>();
    if (command.subject() instanceof Ref.TargetRef t) {
      Target target = targets.byCode(t.code());
      if (target == null) {
        return "目标“" + t.name() + "”已不在计划中。";
      }
      String owner = Permissions.ownsTarget(ctx, target);
      if (owner != null) {
        return owner;
      }
      if (target.kind == TargetKind.NUMERIC) {
        return "“" + target.name + "”是数值目标，请上报累计数，例如：上报 " + target.name + " <累计数>";
      }
      subjects.add(target);
    } else if (command.subject() instanceof Ref.ProjectRef p) {
      Project project = Project.find("plan.active = true and name = ?1", p.name()).firstResult();
      List<Target> tasks =
          project == null
              ? List.of()
              : Target.<Target>list(
                  "project = ?1 and retired = false and kind = ?2 order by sortOrder",
                  project,
                  TargetKind.TASK);
      for (Target t : tasks) {
        if (t.ownedBy(ctx.unit())) {
          subjects.add(t);
        }
      }
      if (subjects.isEmpty()) {
        return ctx.unit().name + " 在“" + p.name() + "”中没有任务类目标。发送“我的”查看本单位的目标。";
      }
    } else {
      return "进展请写目标或工程名称。";
    }
    StringBuilder sb =
        new StringBuilder("已记录进展" + (ctx.onBehalf() ? "（代 " + ctx.unit().name + "）" : "") + "：");
    for (Target target : subjects) {
      TaskProgress state = state(command.state(), target, ctx, command.note());
      var report =
          reports.recordProgress(
              target, ctx.unit(), state, command.note(), ctx.reporter(), ctx.source());
      if (report.late) {
        sb.append("（本期截止日已过，记为迟报）");
      }
    }
    ctx.refreshView();
    for (Target target : subjects) {
      sb.append("\n").append(ProgressTexts.targetLine(ctx.targetNow(target.id)));
    }
    return sb.toString();
  }

  /** The state written, else the previous one (a note on a task not started means it started). */
  private TaskProgress state(String written, Target target, ChatContext ctx, String note) {
    if (written != null) {
      return TaskProgress.fromLabel(written).orElse(TaskProgress.IN_PROGRESS);
    }
    TargetState s = TargetState.findById(new TargetState.Key(target.id, ctx.unit().id));
    TaskProgress previous =
        s == null
            ? TaskProgress.NOT_STARTED
            : TaskProgress.fromLabel(s.progress).orElse(TaskProgress.NOT_STARTED);
    if (previous == TaskProgress.NOT_STARTED && note != null && !note.isEmpty()) {
      return TaskProgress.IN_PROGRESS;
    }
    return previous;
  }
}
