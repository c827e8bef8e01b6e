package io.duban.command;

import io.duban.command.Ref.ItemRef;
import io.duban.command.Ref.TargetRef;
import io.duban.command.Ref.UnitRef;
import io.duban.text.Quantity;
import java.util.List;

/** What a chat message means: a command with its arguments, a question back, or a refusal. */
public sealed interface ParsedCommand {

  /** A compact description for tests and logs ("REPORT jobs-new 12000"). */
  String describe();

  /** 上报 / 更正: a cumulative figure (or an increment) for a target. */
  record Report(TargetRef target, Quantity quantity, boolean correction) implements ParsedCommand {
    @Override
    public String describe() {
      return (correction ? "CORRECT " : "REPORT ")
          + target.code()
          + " "
          + (quantity.additive() ? "+" : "")
          + quantity.value().toPlainString()
          + (quantity.unit().isEmpty() ? "" : " " + quantity.unit())
          + (quantity.multiplierWritten() ? " (multiplier)" : "");
    }
  }

  /** 确认 a held report. */
  record Confirm() implements ParsedCommand {
    @Override
    public String describe() {
      return "CONFIRM";
    }
  }

  /** 完成 a checklist item. */
  record Complete(ItemRef item) implements ParsedCommand {
    @Override
    public String describe() {
      return "COMPLETE " + item.targetCode() + "/" + item.name();
    }
  }

  /** 进展 of a task (or of a project's tasks): a note and an optional state. */
  record ProgressNote(Ref subject, String note, String state) implements ParsedCommand {
    @Override
    public String describe() {
      String s = subject instanceof TargetRef t ? t.code() : subject.label();
      return "PROGRESS "
          + s
          + (state == null ? "" : " [" + state + "]")
          + (note.isEmpty() ? "" : " " + note);
    }
  }

  /** 撤销 the sender's last report of the period, optionally of one target. */
  record Withdraw(TargetRef target) implements ParsedCommand {
    @Override
    public String describe() {
      return "WITHDRAW" + (target == null ? "" : " " + target.code());
    }
  }

  /** 代报: an admin reporting for a unit. */
  record OnBehalf(UnitRef unit, ParsedCommand inner) implements ParsedCommand {
    @Override
    public String describe() {
      return "ONBEHALF " + unit.name() + " " + inner.describe();
    }
  }

  /** 进度 of one thing of the plan. */
  record Query(Ref subject) implements ParsedCommand {
    @Override
    public String describe() {
      String kind;
      if (subject instanceof Ref.CategoryRef) {
        kind = "category";
      } else if (subject instanceof Ref.ProjectRef) {
        kind = "project";
      } else if (subject instanceof TargetRef) {
        kind = "target";
      } else if (subject instanceof ItemRef) {
        kind = "item";
      } else {
        kind = "unit";
      }
      return "QUERY " + kind + ":" + (subject instanceof TargetRef t ? t.code() : subject.label());
    }
  }

  /** 全区进度. */
  record Overall() implements ParsedCommand {
    @Override
    public String describe() {
      return "OVERALL";
    }
  }

  /** 未报, optionally narrowed to a unit or project. */
  record Unreported(Ref scope) implements ParsedCommand {
    @Override
    public String describe() {
      return "UNREPORTED" + (scope == null ? "" : " " + scope.label());
    }
  }

  /** 排名. */
  record Ranking() implements ParsedCommand {
    @Override
    public String describe() {
      return "RANKING";
    }
  }

  /** 我的. */
  record Mine() implements ParsedCommand {
    @Override
    public String describe() {
      return "MINE";
    }
  }

  /** 帮助, optionally about one command. */
  record Help(CommandSpec topic) implements ParsedCommand {
    @Override
    public String describe() {
      return "HELP" + (topic == null ? "" : " " + topic.name());
    }
  }

  /** 绑定 a platform id to the contact with this mobile. */
  record Bind(String mobile) implements ParsedCommand {
    @Override
    public String describe() {
      return "BIND " + mobile;
    }
  }

  /** 暂停提醒 / 恢复提醒 for a unit, or for all when {@code unit} is null. */
  record Reminders(boolean pause, UnitRef unit) implements ParsedCommand {
    @Override
    public String describe() {
      return (pause ? "PAUSE" : "RESUME") + (unit == null ? " ALL" : " " + unit.name());
    }
  }

  /** 下次提醒, optionally for a unit. */
  record NextReminder(UnitRef unit) implements ParsedCommand {
    @Override
    public String describe() {
      return "NEXT" + (unit == null ? "" : " " + unit.name());
    }
  }

  /** 批准 request number {@code number}. */
  record Approve(long number) implements ParsedCommand {
    @Override
    public String describe() {
      return "APPROVE " + number;
    }
  }

  /** 驳回 request number {@code number}, with the reason the requester is told. */
  record Reject(long number, String reason) implements ParsedCommand {
    @Override
    public String describe() {
      return "REJECT " + number + (reason.isEmpty() ? "" : " " + reason);
    }
  }

  /** 待审批: the pending requests. */
  record Approvals() implements ParsedCommand {
    @Override
    public String describe() {
      return "APPROVALS";
    }
  }

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
      sb.append("\n请回复序号（如 1）。");
      return sb.toString();
    }
  }

  /** A command word with bad arguments: the reason and the command's usage. */
  record Invalid(CommandSpec command, String reason) implements ParsedCommand {
    @Override
    public String describe() {
      return "INVALID " + (command == null ? "" : command.name());
    }

    /** One line of reason plus the usage. */
    public String text() {
      return command == null
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
