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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
    return compact(vocabulary.catalog().all(), audiences(ctx));
  }

  /**
   * The command list for a phone: the usages of one audience on one line (报送, 查询, 管理员), so that
   * every command fits one page; 帮助 <命令> gives each one's summary and example.
   */
  public static String compact(List<CommandSpec> specs, Set<Audience> audiences) {
    Map<Audience, List<String>> byAudience = new EnumMap<>(Audience.class);
    for (CommandSpec spec : specs) {
      if (audiences.contains(spec.audience())) {
        byAudience.computeIfAbsent(spec.audience(), a -> new ArrayList<>()).add(spec.usage());
      }
    }
    StringBuilder sb = new StringBuilder("可用命令（@我 后发送）：");
    byAudience.forEach(
        (audience, usages) ->
            sb.append("\n· ")
                .append(GROUPS.get(audience))
                .append("：")
                .append(String.join("；", usages)));
    sb.append("\n发送“帮助 <命令>”查看说明和例子，如：帮助 上报");
    return sb.toString();
  }

  private static final Map<Audience, String> GROUPS =
      Map.of(
          Audience.EVERYONE, "查询",
          Audience.REPORTER, "报送",
          Audience.LEADER, "领导",
          Audience.ADMIN, "管理员");

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
