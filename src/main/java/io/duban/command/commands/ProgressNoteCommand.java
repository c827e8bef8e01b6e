package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.Ref;
import io.duban.command.Ref.TargetRef;
import io.duban.command.conversation.ChatContext;
import io.duban.command.match.MatchResult;
import io.duban.command.match.NameMatcher.Prefix;
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
import java.util.Optional;

/**
 * 进展: a dated progress note and state of a task (or of a checklist target) the unit owns; naming a
 * 工程 applies it to the unit's tasks in that 工程.
 */
@ApplicationScoped
public class ProgressNoteCommand implements Command<ProgressNoteCommand.ProgressNote> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          50,
          "进展",
          List.of("报进展", "进展情况"),
          "进展 <目标或工程> <说明> [未启动|推进中|已完成]",
          "报任务类目标的进展",
          "进展 社会综合治理共享云平台 已接入12个镇视频 推进中",
          Placement.START,
          Audience.REPORTER,
          List.of(Guard.REGISTERED));

  /** 进展 of a task (or of a project's tasks): a note and an optional state. */
  public record ProgressNote(Ref subject, String note, String state) implements ParsedCommand {
    @Override
    public String describe() {
      String s = subject instanceof TargetRef t ? t.code() : subject.label();
      return "PROGRESS "
          + s
          + (state == null ? "" : " [" + state + "]")
          + (note.isEmpty() ? "" : " " + note);
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Invalid(SPEC, "缺少目标或工程名称和进展说明。");
    }
    Ref subject;
    String rest;
    Optional<Prefix<Ref>> atStart = kit.vocab().progressSubjects().longestNameAtStart(args);
    if (atStart.isPresent() && !atStart.get().ambiguous()) {
      subject = atStart.get().item();
      rest = atStart.get().rest().trim();
    } else {
      int space = args.indexOf(' ');
      String name = space > 0 ? args.substring(0, space) : args;
      MatchResult<Ref> m = kit.vocab().progressSubjects().match(name);
      if (m.kind() == MatchResult.Kind.AMBIGUOUS) {
        String restText = space > 0 ? args.substring(space + 1).trim() : "";
        return ParseKit.clarify(
            "“" + name + "”可能是：",
            m.candidates(),
            c -> "进展 " + c.item().canonical() + " " + restText);
      }
      if (m.kind() == MatchResult.Kind.NONE) {
        return new Invalid(SPEC, "没有找到目标或工程“" + name + "”。");
      }
      subject = m.candidates().get(0).item();
      rest = space > 0 ? args.substring(space + 1).trim() : "";
    }
    return noteAndState(subject, rest);
  }

  /** The note after the subject, with a state word at its end taken apart. */
  private static ParsedCommand noteAndState(Ref subject, String rest) {
    String state = null;
    int lastSpace = rest.lastIndexOf(' ');
    String lastToken = lastSpace >= 0 ? rest.substring(lastSpace + 1) : rest;
    Optional<TaskProgress> progress = TaskProgress.fromLabel(lastToken);
    if (progress.isPresent()) {
      state = progress.get().label();
      rest = lastSpace >= 0 ? rest.substring(0, lastSpace).trim() : "";
    }
    if (rest.isEmpty() && state == null) {
      return new Invalid(SPEC, "缺少进展说明（或状态：未启动、推进中、已完成）。");
    }
    if (rest.length() > 300) {
      return new Invalid(SPEC, "进展说明太长（最多 300 个字）。");
    }
    return new ProgressNote(subject, rest, state);
  }

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
