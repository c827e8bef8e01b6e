package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.VocabularyService;
import io.duban.command.conversation.ChatContext;
import io.duban.command.match.MatchResult;
import io.duban.contact.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** 帮助: the commands the sender may use (generated from the catalogue), or one command's detail. */
@ApplicationScoped
public class HelpCommand implements Command<HelpCommand.Help> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          130,
          "帮助",
          List.of("help", "菜单", "怎么用", "使用说明", "?", "命令"),
          "帮助 [命令]",
          "列出命令；帮助 上报 看某个命令的用法",
          "帮助 上报",
          Placement.START,
          Audience.EVERYONE,
          List.of());

  @Inject VocabularyService vocabulary;

  /** 帮助, optionally about one command. */
  public record Help(CommandSpec topic) implements ParsedCommand {
    @Override
    public String describe() {
      return "HELP" + (topic == null ? "" : " " + topic.name());
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  /** A command word, exact or mistyped, names the topic; anything else is the whole list. */
  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    if (args.isEmpty()) {
      return new Help(null);
    }
    Optional<CommandSpec> topic = kit.catalog().byWord(args);
    if (topic.isEmpty()) {
      MatchResult<CommandSpec> m = kit.commandWords().match(args);
      topic =
          m.kind() == MatchResult.Kind.UNIQUE
              ? Optional.of(m.candidates().get(0).item())
              : Optional.empty();
    }
    return new Help(topic.orElse(null));
  }

  @Override
  public Class<Help> handles() {
    return Help.class;
  }

  @Override
  public String handle(Help command, ChatContext ctx) {
    if (command.topic() != null) {
      return vocabulary.catalog().help(command.topic());
    }
    if (!ctx.registered()) {
      return "我是督办助手，负责为民办实事项目的进度上报和提醒。\n" + "您还没有登记：请发送“绑定 <手机号>”（手机号须已登记在通讯录中），或请管理员把您加入联系人。";
    }
    return vocabulary.catalog().help(audiences(ctx));
  }

  static Set<Audience> audiences(ChatContext ctx) {
    Set<Audience> a = EnumSet.of(Audience.EVERYONE);
    if (ctx.is(Role.REPORTER)) {
      a.add(Audience.REPORTER);
    }
    if (ctx.is(Role.LEADER)) {
      a.add(Audience.LEADER);
    }
    if (ctx.is(Role.ADMIN)) {
      a.add(Audience.ADMIN);
      a.add(Audience.LEADER);
    }
    return a;
  }
}
