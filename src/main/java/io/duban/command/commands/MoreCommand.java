package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.Guard;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.conversation.ChatContext;
import io.duban.command.conversation.PendingQuestions;
import io.duban.command.conversation.ReplyPager;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * 更多: the next page of the sender's last long reply in this chat (command/conversation/ReplyPager);
 * the pages wait as long as other open questions.
 */
@ApplicationScoped
public class MoreCommand implements Command<MoreCommand.More> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          175,
          ReplyPager.MORE,
          List.of("下一页", "继续显示"),
          ReplyPager.MORE,
          "长回复的下一页",
          ReplyPager.MORE,
          Placement.ALONE,
          Audience.EVERYONE,
          List.of(Guard.REGISTERED));

  /** 更多. */
  public record More() implements ParsedCommand {
    @Override
    public String describe() {
      return "MORE";
    }
  }

  @Inject PendingQuestions pending;

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    ParsedCommand refused = ParseKit.noArguments(SPEC, args);
    return refused != null ? refused : new More();
  }

  @Override
  public Class<More> handles() {
    return More.class;
  }

  @Override
  public String handle(More command, ChatContext ctx) {
    return pending.takePage(ctx.message()).orElse("没有更多内容了（“更多”在长回复后 30 分钟内有效）。请重新发送命令。");
  }
}
