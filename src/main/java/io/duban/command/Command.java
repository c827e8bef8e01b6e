package io.duban.command;

import io.duban.command.CommandSpec.Placement;
import io.duban.command.conversation.ChatContext;

/**
 * One chat command, whole: its {@link CommandSpec}, how its arguments are read, and how it is
 * answered. Implementations are CDI beans in {@code io.duban.command.commands}; the catalogue, the
 * parser, 帮助 and the router find them there. The parse step must not use injected fields (tests
 * build the parser from the classes' no-arg constructors).
 *
 * @param <C> the parsed command this class answers
 */
public interface Command<C extends ParsedCommand> {

  /** Name, words, usage, help text, placement, audience, guards and help order. */
  CommandSpec spec();

  /**
   * Reads the arguments after (or, for {@link Placement#START_OR_END}, before) the command word.
   *
   * @param args the arguments, trimmed; empty when the message was the word alone
   * @param where {@link Placement#ALONE}, {@link Placement#START} or {@link Placement#START_OR_END}
   *     for where the word stood
   */
  ParsedCommand parse(String args, Placement where, ParseKit kit);

  /**
   * Reads a message whose command word stood between a name and a value ({@link
   * Placement#START_OR_MIDDLE} commands only).
   */
  default ParsedCommand parseAround(String before, String after, ParseKit kit) {
    return parse((before + " " + after).trim(), Placement.START, kit);
  }

  /**
   * The parsed command this class answers; null when another command answers what this one parses
   * (更正 is answered by 上报).
   */
  Class<C> handles();

  /**
   * The reply text, after the spec's guards passed; writes happen inside the caller's transaction.
   */
  String handle(C command, ChatContext context);
}
