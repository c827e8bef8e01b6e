package io.duban.command.commands;

import io.duban.approval.ApprovalKind;
import io.duban.approval.ApprovalRequest;
import io.duban.approval.Approvals;
import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.conversation.ChatContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** 待审批: admins (and leaders, for the kinds they decide) see the requests waiting for them. */
@ApplicationScoped
public class ApprovalsCommand implements Command<ApprovalsCommand.PendingApprovals> {
  /** Most requests listed in one reply (the rest are counted). */
  static final int LIST_LIMIT = 10;

  public static final CommandSpec SPEC =
      new CommandSpec(
          180,
          "待审批",
          List.of("审批", "待批准", "申请列表", "待审批申请", "有哪些申请"),
          "待审批",
          "管理员查看等待批准的申请（绑定、审核、延期）",
          "待审批",
          Placement.ALONE,
          Audience.ADMIN,
          List.of(Guard.REGISTERED, ApproveCommand.APPROVER));

  @Inject Approvals approvals;

  /** 待审批: the pending requests. */
  public record PendingApprovals() implements ParsedCommand {
    @Override
    public String describe() {
      return "APPROVALS";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new PendingApprovals();
  }

  @Override
  public Class<PendingApprovals> handles() {
    return PendingApprovals.class;
  }

  @Override
  public String handle(PendingApprovals command, ChatContext ctx) {
    return list(approvals, approvals.decidable(ApproveCommand.decider(ctx)), "待审批的申请");
  }

  /**
   * The pending requests of {@code kinds}, oldest first, under {@code title}, with the words that
   * decide them (审核 lists the figures under review the same way).
   */
  public static String list(Approvals approvals, Set<ApprovalKind> kinds, String title) {
    if (kinds.isEmpty()) {
      return Approvals.NOT_A_DECIDER;
    }
    List<ApprovalRequest> open = approvals.pending(kinds, LIST_LIMIT);
    if (open.isEmpty()) {
      return "没有" + title + "。";
    }
    StringBuilder sb = new StringBuilder(title).append("：");
    Set<String> yes = new LinkedHashSet<>();
    Set<String> no = new LinkedHashSet<>();
    for (ApprovalRequest r : open) {
      sb.append("\n#").append(r.id).append(' ').append(approvals.describe(r));
      String[] words = approvals.words(r.kind);
      yes.add(words[0]);
      no.add(words[1]);
    }
    long total = approvals.pendingCount(kinds);
    if (total > open.size()) {
      sb.append("\n……另有 ").append(total - open.size()).append(" 项，见看板“待审批”。");
    }
    sb.append("\n回复“")
        .append(String.join("/", yes))
        .append(" <编号>”或“")
        .append(String.join("/", no))
        .append(" <编号> <原因>”。");
    return sb.toString();
  }
}
