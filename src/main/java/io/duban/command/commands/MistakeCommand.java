package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.conversation.ChatContext;
import io.duban.progress.ProgressTexts;
import io.duban.report.Report;
import io.duban.report.ReportKind;
import io.duban.report.ReportService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * "报错了" ("不对，刚才报错了", "填错了", "怎么改"): the sender's last report and the two ways out, 更正 with the
 * right figure or 撤销, written out for that report so it can be copied.
 */
@ApplicationScoped
public class MistakeCommand implements Command<MistakeCommand.Mistake> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          63,
          "报错了",
          List.of("填错了", "写错了", "报错"),
          "报错了",
          "报错了数怎么办：告诉您如何更正或撤销",
          "报错了",
          Placement.ALONE,
          Audience.REPORTER,
          List.of(Guard.REGISTERED));

  /** The sender says a report was wrong. */
  public record Mistake() implements ParsedCommand {
    @Override
    public String describe() {
      return "MISTAKE";
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new Mistake();
  }

  @Inject ReportService reports;

  @Override
  public Class<Mistake> handles() {
    return Mistake.class;
  }

  @Override
  public String handle(Mistake command, ChatContext ctx) {
    Report last = ctx.sender() == null ? null : reports.lastBy(ctx.sender()).orElse(null);
    if (last == null) {
      return "您还没有上报过数。要上报请发送：上报 <目标> <累计数>";
    }
    String name = last.target.name;
    String what =
        last.kind == ReportKind.FIGURE
            ? "累计 "
                + ProgressTexts.amount(last.target, last.figure)
                + (last.planDate.equals(last.planTime.toLocalDate())
                    ? ""
                    : "（计入" + last.planDate.getMonthValue() + "月）")
            : last.kind == ReportKind.ITEM ? last.item.name + " 完成" : "进展“" + last.progress + "”";
    StringBuilder sb =
        new StringBuilder("您最近一次上报：")
            .append(ProgressTexts.date(last.planTime.toLocalDate()))
            .append(" ")
            .append(name)
            .append(" ")
            .append(what)
            .append("。");
    if (last.kind == ReportKind.FIGURE) {
      sb.append("\n改成正确的累计数请发送：更正 ").append(name).append(" <正确累计数>");
    }
    sb.append("\n整条撤回请发送：撤销 ").append(name);
    return sb.toString();
  }
}
