package io.duban.command.commands;

import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.CommandSyntax;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.commands.PauseRemindersCommand.Reminders;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** 恢复提醒: parsed into a {@link Reminders} that {@link PauseRemindersCommand} answers. */
@ApplicationScoped
public class ResumeRemindersCommand implements CommandSyntax {
  public static final CommandSpec SPEC =
      new CommandSpec(
          160,
          "恢复提醒",
          List.of("开启提醒", "打开提醒"),
          "恢复提醒 [单位|全部]",
          "管理员恢复自动提醒",
          "恢复提醒 全部",
          Placement.START,
          Audience.ADMIN,
          List.of(Guard.REGISTERED, PauseRemindersCommand.ADMIN_ONLY));

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    return PauseRemindersCommand.parse(SPEC, false, args, kit);
  }
}
