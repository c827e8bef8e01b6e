package io.duban.command;

/** The commands Duban understands. */
public enum CommandType {
  REPORT,
  CORRECT,
  CONFIRM,
  COMPLETE,
  PROGRESS_NOTE,
  WITHDRAW,
  ON_BEHALF,
  QUERY,
  OVERALL,
  UNREPORTED,
  RANKING,
  MINE,
  HELP,
  BIND,
  PAUSE_REMINDERS,
  RESUME_REMINDERS,
  NEXT_REMINDER,
  APPROVE,
  REJECT,
  APPROVALS
}
