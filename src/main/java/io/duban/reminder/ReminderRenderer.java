package io.duban.reminder;

import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.chat.outbox.OutboxRenderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Re-checks reminders and escalations when they are sent: a unit that has reported is dropped. */
@ApplicationScoped
public class ReminderRenderer implements OutboxRenderer {
  @Inject ReminderService reminders;

  @Override
  public boolean renders(MessageKind kind) {
    return kind == MessageKind.REMINDER
        || kind == MessageKind.ESCALATION
        || kind == MessageKind.BULLETIN;
  }

  @Override
  public Optional<String> render(OutboxMessage message) {
    return reminders.rerender(message);
  }
}
