package io.duban.command.handler;

import io.duban.approval.ApprovalRequest;
import io.duban.approval.ApprovalRequest.DecidedVia;
import io.duban.approval.Approvals;
import io.duban.approval.Decider;
import io.duban.command.ParsedCommand;
import io.duban.contact.Contact;
import io.duban.contact.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** 批准 / 驳回 / 待审批 in chat: admins decide requests; everyone else is refused with a reason. */
final class ApprovalHandlers {
  /** Most requests listed in one reply (the rest are counted). */
  static final int LIST_LIMIT = 10;

  private ApprovalHandlers() {}

  static String refusal(ChatContext ctx) {
    if (!ctx.registered()) {
      return Replies.NOT_REGISTERED;
    }
    return ctx.is(Role.ADMIN) ? null : "只有管理员可以审批申请。";
  }

  static Decider decider(ChatContext ctx) {
    Contact c = ctx.sender();
    return new Decider(c.id, c.has(Role.ADMIN), c.code + " " + c.name, DecidedVia.CHAT);
  }

  /** 批准 <n>. */
  @ApplicationScoped
  public static class Approve implements CommandHandler<ParsedCommand.Approve> {
    @Inject Approvals approvals;

    @Override
    public Class<ParsedCommand.Approve> handles() {
      return ParsedCommand.Approve.class;
    }

    @Override
    public String handle(ParsedCommand.Approve command, ChatContext ctx) {
      String refused = refusal(ctx);
      return refused != null ? refused : approvals.approve(command.number(), decider(ctx)).text();
    }
  }

  /** 驳回 <n> <原因>. */
  @ApplicationScoped
  public static class Reject implements CommandHandler<ParsedCommand.Reject> {
    @Inject Approvals approvals;

    @Override
    public Class<ParsedCommand.Reject> handles() {
      return ParsedCommand.Reject.class;
    }

    @Override
    public String handle(ParsedCommand.Reject command, ChatContext ctx) {
      String refused = refusal(ctx);
      return refused != null
          ? refused
          : approvals.reject(command.number(), decider(ctx), command.reason()).text();
    }
  }

  /** 待审批. */
  @ApplicationScoped
  public static class Pending implements CommandHandler<ParsedCommand.Approvals> {
    @Inject Approvals approvals;

    @Override
    public Class<ParsedCommand.Approvals> handles() {
      return ParsedCommand.Approvals.class;
    }

    @Override
    public String handle(ParsedCommand.Approvals command, ChatContext ctx) {
      String refused = refusal(ctx);
      if (refused != null) {
        return refused;
      }
      List<ApprovalRequest> open = approvals.pending(LIST_LIMIT);
      if (open.isEmpty()) {
        return "没有待审批的申请。";
      }
      StringBuilder sb = new StringBuilder("待审批的申请：");
      for (ApprovalRequest r : open) {
        sb.append("\n#").append(r.id).append(' ').append(approvals.describe(r));
      }
      long total = approvals.pendingCount();
      if (total > open.size()) {
        sb.append("\n……另有 ").append(total - open.size()).append(" 项，见看板“待审批”。");
      }
      sb.append("\n回复“批准 <编号>”或“驳回 <编号> <原因>”。");
      return sb.toString();
    }
  }
}
