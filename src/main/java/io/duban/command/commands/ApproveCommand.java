package io.duban.command.commands;

import io.duban.approval.ApprovalRequest.DecidedVia;
import io.duban.approval.Approvals;
import io.duban.approval.Decider;
import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.conversation.ChatContext;
import io.duban.contact.Contact;
import io.duban.contact.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 批准 <n> (通过 a reviewed figure, 同意延期 an extension): an admin, or for some kinds a leader, grants a
 * request (批准, 驳回 and 待审批 refuse everyone else alike).
 */
@ApplicationScoped
public class ApproveCommand implements Command<ApproveCommand.Approve> {
  /**
   * The refusal 批准, 驳回 and 待审批 share: only admins and leaders decide anything (which kinds each may
   * decide, {@link Approvals} checks per request: leaders decide 延期 only).
   */
  static final Guard APPROVER = Guard.decider(Approvals.NOT_A_DECIDER);

  public static final CommandSpec SPEC =
      new CommandSpec(
          190,
          "批准",
          List.of("同意", "准予", "批准申请", "同意申请", "通过", "审核通过", "同意延期", "批准延期"),
          "批准 <编号>",
          "管理员批准一项申请",
          "批准 12",
          Placement.START,
          Audience.ADMIN,
          List.of(Guard.REGISTERED, APPROVER));

  private static final Pattern REQUEST_NUMBER =
      Pattern.compile(
          "(?:#|第|编号|申请)?\\s*#?\\s*(\\d{1,12})\\s*"
              + "(?:(?:号|项|个)(?=$|申请|[\\s,，:：;；。、]))?(?:申请)?(.*)");

  @Inject Approvals approvals;

  /** 批准 request number {@code number}. */
  public record Approve(long number) implements ParsedCommand {
    @Override
    public String describe() {
      return "APPROVE " + number;
    }
  }

  /** A request number and what follows it (批准 12 / 驳回 #12 手机号不符 / 同意第12号申请). */
  record Decision(long number, String rest) {}

  /** The number and the rest, or null when no number stands first. */
  static Decision decision(String args) {
    Matcher m = REQUEST_NUMBER.matcher(args);
    if (args.isEmpty() || !m.matches()) {
      return null;
    }
    long number = Long.parseLong(m.group(1));
    String rest = m.group(2).replaceFirst("^[\\s,，:：;；。.、]+", "").strip();
    return new Decision(number, rest);
  }

  /** The refusal when no request number was written. */
  static Invalid noNumber(CommandSpec spec) {
    return new Invalid(spec, "请写明申请编号（发送“待审批”查看）。");
  }

  static Decider decider(ChatContext ctx) {
    Contact c = ctx.sender();
    return new Decider(
        c.id, c.has(Role.ADMIN), c.code + " " + c.name, DecidedVia.CHAT, c.has(Role.LEADER));
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    Decision d = decision(args);
    if (d == null) {
      return noNumber(SPEC);
    }
    return d.rest().isEmpty()
        ? new Approve(d.number())
        : new Invalid(SPEC, "批准只需写编号，例如：批准 " + d.number());
  }

  @Override
  public Class<Approve> handles() {
    return Approve.class;
  }

  @Override
  public String handle(Approve command, ChatContext ctx) {
    return approvals.approve(command.number(), decider(ctx)).text();
  }
}
