package io.duban.chat;

import java.util.function.BooleanSupplier;

/**
 * What the platforms hand a message to: the conversation (sender, parsing, commands) lives above
 * {@code chat/} and implements this, so platform I/O never imports it.
 */
public interface Conversation {
  /**
   * The reply to one message, with what it offers to tap, in its own transaction (never null, never
   * a stack trace).
   */
  Answer handle(IncomingMessage message);

  /**
   * The reply to a message unless {@code firstTime} (run in the same transaction) says it was seen
   * before; then {@code duplicate}. A failure rolls both back, so the message may be sent again.
   */
  Answer handleOnce(IncomingMessage message, BooleanSupplier firstTime, String duplicate);

  /** The reply, inside the caller's transaction (the inbox commits it with the reply). */
  Answer answer(IncomingMessage message);
}
