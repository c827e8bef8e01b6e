package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.Ref.TargetRef;
import io.duban.command.conversation.ChatContext;
import io.duban.command.conversation.PendingQuestions;
import io.duban.evidence.Evidence;
import io.duban.plan.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * 附件 <目标>: the sender's next pictures or files (in this message or the next ones within 30 minutes)
 * are 佐证材料 of the unit's latest report on that target, however long ago it was made.
 */
@ApplicationScoped
public class AttachCommand implements Command<AttachCommand.Attach> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          65,
          "附件",
          List.of("佐证材料", "补充材料", "上传附件"),
          "附件 <目标>",
          "把接下来发送的图片或文件作为某个目标最近一次上报的佐证材料",
          "附件 新增就业岗位",
          Placement.START,
          Audience.REPORTER,
          List.of(Guard.REGISTERED, Guard.PLAN_LOADED));

  /** 附件 for one target. */
  public record Attach(TargetRef target) implements ParsedCommand {
    @Override
    public String describe() {
      return "ATTACH " + target.code();
    }
  }

  @Inject Targets targets;
  @Inject Evidence evidence;
  @Inject PendingQuestions pending;

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public Class<Attach> handles() {
    return Attach.class;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Invalid(SPEC, "请写明材料是哪个目标的。");
    }
    return ParseKit.pick(
        args,
        kit.vocab().targets().match(args),
        Attach::new,
        t -> "附件 " + t.canonical(),
        () -> new Invalid(SPEC, "没有找到目标“" + args + "”。"));
  }

  @Override
  public String handle(Attach command, ChatContext ctx) {
    Target target = targets.byCode(command.target().code());
    if (target == null) {
      return "目标“" + command.target().name() + "”已不在计划中。";
    }
    if (ctx.unit() == null) {
      return "佐证材料由目标的责任单位联系人发送，您没有所属单位。";
    }
    if (!target.ownedBy(ctx.unit())) {
      return "“" + target.name + "”不是本单位的目标，不能为它附材料。";
    }
    Optional<Evidence.ReportRef> last = evidence.latestOf(target.id, ctx.unit().id);
    if (last.isEmpty()) {
      return "“" + target.name + "”本单位还没有上报，先上报再附材料（如：上报 " + target.name + " <累计数>）。";
    }
    Evidence.ReportRef r = last.get();
    pending.askAttach(
        ctx.message(),
        new PendingQuestions.Attach(List.of(r.id()), List.of(r.target()), List.of(r.periodKey())));
    if (!ctx.message().files().isEmpty()) {
      return ""; // the files of this very message are attached next, and that answers it
    }
    return "请在 30 分钟内发送 " + Evidence.reportName(r) + " 的图片或文件（单聊，或在群里 @我 并附上）。";
  }
}
