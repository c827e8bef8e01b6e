package io.duban.chat;

/**
 * A text message addressed to Duban, in neutral form: every platform adapter and the chat simulator
 * produce this, and the same pipeline answers it.
 */
public record IncomingMessage(
    Platform platform,
    String botId,
    String chatId,
    String senderId,
    String senderName,
    String text,
    String messageId) {}
