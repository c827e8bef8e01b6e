package io.duban.command.conversation;

import io.duban.command.Command;
import io.duban.command.Guard;
import io.duban.command.ParsedCommand;
import io.duban.contact.Role;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends each parsed command to the command that answers it, after the guards of that command's spec
 * (registered, plan loaded, admin) passed in their order; two commands answering one parsed command
 * fail at start-up.
 */
@ApplicationScoped
public class CommandRouter {
  @Inject @Any Instance<Command<?>> commands;

  private final Map<Class<?>, Command<?>> byType = new HashMap<>();

  @PostConstruct
  void index() {
    for (Command<?> c : commands) {
      if (byType.put(c.handles(), c) != null) {
        throw new IllegalStateException("命令 " + c.handles().getSimpleName() + " 有两个处理器");
      }
    }
  }

  /** The reply to a command, or null when no command answers it (the caller answers those). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public String route(ParsedCommand parsed, ChatContext ctx) {
    Command command = byType.get(parsed.getClass());
    if (command == null) {
      return null;
    }
    String refusal = refusal(command.spec().guards(), ctx);
    return refusal != null ? refusal : command.handle(parsed, ctx);
  }

  /** The first failing guard's sentence, or null when all pass. */
  private static String refusal(Iterable<Guard> guards, ChatContext ctx) {
    for (Guard g : guards) {
      boolean passes =
          switch (g.kind()) {
            case REGISTERED -> ctx.registered();
            case PLAN_LOADED -> ctx.view() != null;
            case ADMIN -> ctx.is(Role.ADMIN);
            case DECIDER -> ctx.is(Role.ADMIN) || ctx.is(Role.LEADER);
          };
      if (!passes) {
        return g.refusal();
      }
    }
    return null;
  }
}
