package io.duban.chat;

import java.util.List;

/**
 * A message addressed to Duban, in neutral form: every platform adapter and the chat simulator
 * produce this, and the same pipeline answers it. {@code text} is null for a message with only
 * pictures or files; {@code files} are those that came with it (evidence for a report).
 */
public record IncomingMessage(
    Platform platform,
    String botId,
    String chatId,
    String senderId,
    String senderName,
    String text,
    String messageId,
    List<InboundFile> files) {
  public IncomingMessage {
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** A message without pictures or files. */
  public IncomingMessage(
      Platform platform,
      String botId,
      String chatId,
      String senderId,
      String senderName,
      String text,
      String messageId) {
    this(platform, botId, chatId, senderId, senderName, text, messageId, List.of());
  }
}
