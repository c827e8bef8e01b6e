package io.duban.command.commands;

import io.duban.approval.Approvals;
import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.commands.ApproveCommand.Decision;
import io.duban.command.conversation.ChatContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * 驳回 <n> <原因> (退回 a reviewed figure, 不同意 an extension): the request is refused; the requester is
 * told the reason.
 */
@ApplicationScoped
public class RejectCommand implements Command<RejectCommand.Reject> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          200,
          "驳回",
          List.of("拒绝", "不同意", "不批准", "否决", "驳回申请", "退回", "审核不通过", "不通过", "不同意延期"),
          "驳回 <编号> <原因>",
          "管理员驳回一项申请，原因会告诉申请人",
          "驳回 12 手机号与本人不符",
          Placement.START,
          Audience.ADMIN,
          List.of(Guard.REGISTERED, ApproveCommand.APPROVER));

  @Inject Approvals approvals;

  /** 驳回 request number {@code number}, with the reason the requester is told. */
  public record Reject(long number, String reason) implements ParsedCommand {
    @Override
    public String describe() {
      return "REJECT " + number + (reason.isEmpty() ? "" : " " + reason);
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    Decision d = ApproveCommand.decision(args);
    if (d == null) {
      return ApproveCommand.noNumber(SPEC);
    }
    // without a reason, the request's kind says which word to ask with (驳回/退回/不同意)
    return new Reject(d.number(), d.rest());
  }

  @Override
  public Class<Reject> handles() {
    return Reject.class;
  }

  @Override
  public String handle(Reject command, ChatContext ctx) {
    return approvals.reject(command.number(), ApproveCommand.decider(ctx), command.reason()).text();
  }
}
