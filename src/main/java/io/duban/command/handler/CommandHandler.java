package io.duban.command.handler;

import io.duban.command.ParsedCommand;

/** Answers one kind of command; the router finds the handler by the command's class. */
public interface CommandHandler<C extends ParsedCommand> {
  Class<C> handles();

  /** The reply text; writes happen inside the caller's transaction. */
  String handle(C command, ChatContext context);
}
