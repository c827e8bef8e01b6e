package io.duban.command;

import io.duban.command.conversation.ChatContext;

/**
 * One chat command, whole: its {@link CommandSpec}, how its arguments are read, and how it is
 * answered. Implementations are CDI beans in {@code io.duban.command.commands}; the catalogue, the
 * parser, 帮助 and the router find them there. The parse step must not use injected fields (tests
 * build the parser from the classes' no-arg constructors).
 *
 * @param <C> the parsed command this class answers
 */
public interface Command<C extends ParsedCommand> extends CommandSyntax {

  /** The parsed command this class answers. */
  Class<C> handles();

  /**
   * The reply text, after the spec's guards passed; writes happen inside the caller's transaction.
   */
  String handle(C command, ChatContext context);
}
