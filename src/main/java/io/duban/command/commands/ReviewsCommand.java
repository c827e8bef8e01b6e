package io.duban.command.commands;

import io.duban.approval.ApprovalKind;
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
import java.util.EnumSet;
import java.util.List;

/** 审核: admins (督查室) see the reported figures waiting for 通过 or 退回. */
@ApplicationScoped
public class ReviewsCommand implements Command<ReviewsCommand.PendingReviews> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          185,
          "审核",
          List.of("待审核", "审核列表", "待审核上报", "待审核的上报", "有哪些待审核"),
          "审核",
          "管理员查看待审核的上报（通过 <编号> / 退回 <编号> <原因>）",
          "审核",
          Placement.START,
          Audience.ADMIN,
          List.of(Guard.REGISTERED, ApproveCommand.APPROVER));

  @Inject Approvals approvals;

  /** 审核: the figures under review. */
  public record PendingReviews() implements ParsedCommand {
    @Override
    public String describe() {
      return "REVIEWS";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("(?:#|第|编号)?\\s*(\\d{1,12})\\s*(?:号|项)?");

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    java.util.regex.Matcher n = NUMBER.matcher(args);
    if (n.matches()) {
      // 审核 12: the admin means to decide #12, which 审核 (a list) cannot do
      String id = n.group(1);
      return new ParsedCommand.Invalid(
          SPEC, "“审核”只列出待审核的上报。通过请发“通过 " + id + "”，退回请发“退回 " + id + " <原因>”。");
    }
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new PendingReviews();
  }

  @Override
  public Class<PendingReviews> handles() {
    return PendingReviews.class;
  }

  @Override
  public String handle(PendingReviews command, ChatContext ctx) {
    if (!approvals.decidable(ApproveCommand.decider(ctx)).contains(ApprovalKind.REVIEW)) {
      return "只有管理员（督查室）可以审核上报。";
    }
    return ApprovalsCommand.list(approvals, EnumSet.of(ApprovalKind.REVIEW), "待审核的上报");
  }
}
