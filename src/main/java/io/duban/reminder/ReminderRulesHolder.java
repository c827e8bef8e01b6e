package io.duban.reminder;

import jakarta.inject.Singleton;

/** The reminder rules loaded from reminders.yaml at start-up. */
@Singleton
public class ReminderRulesHolder {
  private volatile ReminderRules rules = ReminderRules.defaults();

  public ReminderRules get() {
    return rules;
  }

  public void set(ReminderRules rules) {
    this.rules = rules;
  }
}
