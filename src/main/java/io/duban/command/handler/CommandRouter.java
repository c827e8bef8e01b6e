package io.duban.command.handler;

import io.duban.command.ParsedCommand;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/** Sends each parsed command to its handler; two handlers for one command fail at start-up. */
@ApplicationScoped
public class CommandRouter {
  @Inject @Any Instance<CommandHandler<?>> handlers;

  private final Map<Class<?>, CommandHandler<?>> byType = new HashMap<>();

  @PostConstruct
  void index() {
    for (CommandHandler<?> h : handlers) {
      if (byType.put(h.handles(), h) != null) {
        throw new IllegalStateException("命令 " + h.handles().getSimpleName() + " 有两个处理器");
      }
    }
  }

  /** The reply to a command, or null when no handler takes it (the caller answers those). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public String route(ParsedCommand command, ChatContext ctx) {
    CommandHandler handler = byType.get(command.getClass());
    if (handler == null) {
      return null;
    }
    return handler.handle(command, ctx);
  }
}
