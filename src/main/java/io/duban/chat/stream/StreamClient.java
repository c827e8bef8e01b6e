package io.duban.chat.stream;

/**
 * One bot's long connection to its platform (DingTalk Stream, Feishu 长连接, WeCom 智能机器人): it
 * connects, keeps the connection alive, reconnects after a loss, and hands every message it
 * receives to the same inbox as the HTTP callbacks, acknowledging a message only once it is stored.
 * It reports its state to its {@link ConnectionStatus}.
 */
public interface StreamClient {
  /** Starts connecting in the background; returns at once. */
  void start();

  /** Closes the connection and stops reconnecting (shutdown). */
  void stop();
}
