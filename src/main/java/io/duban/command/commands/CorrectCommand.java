package io.duban.command.commands;

import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.CommandSyntax;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.commands.ReportCommand.Report;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * 更正: a figure that replaces one reported wrongly, without the hold 上报 may ask to 确认. It parses
 * into a {@link Report} marked as a correction, which {@link ReportCommand} answers.
 */
@ApplicationScoped
public class CorrectCommand implements CommandSyntax {
  public static final CommandSpec SPEC =
      new CommandSpec(
          20,
          "更正",
          List.of("修改", "改正", "修正"),
          "更正 <目标> <累计数>",
          "改正报错的累计数（不需要再确认）",
          "更正 新增就业岗位 11800",
          Placement.START_OR_MIDDLE,
          Audience.REPORTER,
          List.of(Guard.REGISTERED));

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    return kit.report(SPEC, args, true);
  }

  @Override
  public ParsedCommand parseAround(String before, String after, ParseKit kit) {
    return kit.report(SPEC, before, after, true);
  }
}
