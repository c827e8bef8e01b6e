package io.duban.command;

import io.duban.command.CommandSpec.Placement;

/**
 * A command's words and how its arguments are read: what the catalogue, 帮助 and the parser need.
 * Most commands also answer what they parse ({@link Command}); a few only parse into another
 * command's record (更正 into 上报's, 恢复提醒 into 暂停提醒's) and implement this alone.
 */
public interface CommandSyntax {

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
}
