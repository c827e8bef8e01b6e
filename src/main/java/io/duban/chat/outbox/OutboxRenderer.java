package io.duban.chat.outbox;

import java.util.Optional;

/**
 * Re-renders a message of some kind at the moment it is sent (a reminder lists what is still
 * unreported then); an empty result cancels it (the unit has reported since).
 */
public interface OutboxRenderer {
  boolean renders(MessageKind kind);

  /** The text to send now, or empty to cancel the message. */
  Optional<String> render(OutboxMessage message);
}
