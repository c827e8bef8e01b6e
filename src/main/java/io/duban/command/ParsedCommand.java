package io.duban.command;

import java.util.List;

/**
 * What a chat message means: a command with its arguments (a record inside the command's class,
 * such as {@code ReportCommand.Report}), or one of the conversation's own results here: a numbered
 * choice, a question back, a refusal, or nothing understood.
 */
public interface ParsedCommand {

  /** A compact description for tests and logs ("REPORT jobs-new 12000"). */
  String describe();

  /** A bare number: the answer to a numbered question asked before. */
  record Choice(int number) implements ParsedCommand {
    @Override
    public String describe() {
      return "CHOICE " + number;
    }
  }

  /**
   * Two or more names are close: the numbered options, each with the unambiguous message it stands
   * for, so the next message may be just the number.
   */
  record Clarify(String question, List<Option> options) implements ParsedCommand {
    /** One numbered option. */
    public record Option(String label, String message) {}

    @Override
    public String describe() {
      return "CLARIFY " + options.size();
    }

    /** The question with its numbered options. */
    public String text() {
      StringBuilder sb = new StringBuilder(question);
      for (int i = 0; i < options.size(); i++) {
        sb.append('\n').append(i + 1).append(". ").append(options.get(i).label());
      }
      sb.append(options.size() == 1 ? "\n请回复 1 或“确认”。" : "\n请回复序号（如 1）。");
      return sb.toString();
    }
  }

  /** A command word with bad arguments: the reason and the command's usage. */
  record Invalid(CommandSpec command, String reason) implements ParsedCommand {
    @Override
    public String describe() {
      return "INVALID " + (command == null ? "" : command.name());
    }

    /** One line of reason plus the usage (none for a command that is only its word, as 审核). */
    public String text() {
      return command == null || command.usage().equals(command.name())
          ? reason
          : reason + "\n用法：" + command.usage() + "，例如：" + command.example();
    }
  }

  /** Nothing understood; a suggestion when something was close. */
  record Unknown(String suggestion) implements ParsedCommand {
    @Override
    public String describe() {
      return "UNKNOWN";
    }

    public String text() {
      return suggestion != null ? suggestion : "没看懂这条消息。发送“帮助”查看可用的命令。";
    }
  }
}
