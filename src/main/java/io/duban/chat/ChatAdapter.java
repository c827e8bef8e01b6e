package io.duban.chat;

/**
 * One platform behind one small interface: it declares its limits and sends a neutral message; wire
 * formats, signing and error codes stay inside the platform's package (the codes as a table read on
 * the shared {@link ResultLadder}). Pacing, retries, merging and splitting live once, in the
 * outbox.
 */
public interface ChatAdapter {
  Platform platform();

  /** Largest UTF-8 body text the channel this message would use accepts. */
  int maxBytes(BotSpec bot, OutgoingMessage message);

  /**
   * The text as this platform must receive it so that nothing in it becomes markup (mentions,
   * links, formatting) unless Duban adds it: idempotent, applied before the text is measured and
   * split, and again by {@link #send}.
   */
  default String escape(String text) {
    return text;
  }

  /**
   * Whether this platform shows an offer of follow-up queries only ({@link Offer#followUps}); where
   * buttons need a card or a second message, a plain answer stays plain text.
   */
  default boolean showsFollowUps() {
    return false;
  }

  /** Sends one message (already within {@link #maxBytes}); never throws for platform errors. */
  SendResult send(BotSpec bot, OutgoingMessage message);
}
