package io.duban.command;

import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of commands, built once at start-up from the {@link Command} beans and ordered by
 * their specs' {@code order}. Two commands claiming one word is a programming error and fails the
 * start (as hubot does), so a new alias can never silently steal another command's word.
 */
public final class CommandCatalog {
  private final List<CommandSyntax> commands;
  private final List<CommandSpec> specs;
  private final Map<CommandSpec, CommandSyntax> bySpec = new IdentityHashMap<>();
  private final Map<String, CommandSpec> byWord = new HashMap<>();

  public CommandCatalog(Collection<? extends CommandSyntax> commands) {
    List<CommandSyntax> sorted = new ArrayList<>(commands);
    sorted.sort(Comparator.comparingInt(c -> c.spec().order()));
    this.commands = List.copyOf(sorted);
    this.specs = sorted.stream().map(CommandSyntax::spec).toList();
    Map<Integer, CommandSpec> byOrder = new HashMap<>();
    for (CommandSyntax command : sorted) {
      CommandSpec spec = command.spec();
      CommandSpec sameOrder = byOrder.put(spec.order(), spec);
      if (sameOrder != null) {
        throw new IllegalStateException(
            "命令“" + sameOrder.name() + "”和“" + spec.name() + "”的排序号都是 " + spec.order());
      }
      bySpec.put(spec, command);
      for (String word : spec.words()) {
        CommandSpec other = byWord.put(key(word), spec);
        if (other != null) {
          throw new IllegalStateException(
              "命令词“" + word + "”同时属于“" + other.name() + "”和“" + spec.name() + "”");
        }
      }
    }
  }

  static String key(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  /** The specs in help order. */
  public List<CommandSpec> all() {
    return specs;
  }

  /** The commands in help order. */
  public List<CommandSyntax> commands() {
    return commands;
  }

  /** The command a spec of this catalogue describes. */
  public CommandSyntax command(CommandSpec spec) {
    return bySpec.get(spec);
  }

  public Optional<CommandSpec> byWord(String word) {
    return Optional.ofNullable(byWord.get(key(word)));
  }

  /**
   * The short command list for 帮助: one line per command the sender may use, so it never floods a
   * group (and stays well under WeCom's 2048-byte text limit).
   */
  public String help(Set<Audience> audiences) {
    StringBuilder sb = new StringBuilder("可用命令（@我 后发送）：");
    List<String> admin = new ArrayList<>();
    for (CommandSpec spec : specs) {
      if (!audiences.contains(spec.audience())) {
        continue;
      }
      if (spec.audience() == Audience.ADMIN) {
        admin.add(spec.usage());
      } else {
        sb.append("\n· ").append(spec.usage()).append("：").append(spec.summary());
      }
    }
    if (!admin.isEmpty()) {
      // the admins' commands share one line: 帮助 stays short in a group
      sb.append("\n· 管理员：").append(String.join("；", admin));
    }
    sb.append("\n发送“帮助 <命令>”查看例子，如：帮助 上报");
    return sb.toString();
  }

  /** Help about one command: usage, summary, other words for it, an example. */
  public String help(CommandSpec topic) {
    StringBuilder sb = new StringBuilder(topic.name()).append("：").append(topic.summary());
    sb.append("\n用法：").append(topic.usage());
    sb.append("\n例如：").append(topic.example());
    if (!topic.aliases().isEmpty()) {
      sb.append("\n也可以说：").append(String.join("、", topic.aliases()));
    }
    if (topic.placement() == Placement.START_OR_END) {
      sb.append("\n命令词也可以放在后面，如：就业助推工程进度");
    } else if (topic.placement() == Placement.START_OR_MIDDLE) {
      sb.append("\n命令词也可以放在中间，如：新增就业岗位上报1.2万");
    }
    return sb.toString();
  }
}
