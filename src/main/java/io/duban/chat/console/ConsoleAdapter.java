package io.duban.chat.console;

import io.duban.chat.BotSpec;
import io.duban.chat.ChatAdapter;
import io.duban.chat.OutgoingMessage;
import io.duban.chat.Platform;
import io.duban.chat.SendResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The built-in text platform: nothing leaves the service; a message is "sent" by being recorded (it
 * stays visible in /api/messages and on the dashboard) and written to the log at debug level.
 */
@ApplicationScoped
public class ConsoleAdapter implements ChatAdapter {
  /** Large enough never to split a reminder round; there is no platform limit. */
  static final int MAX_BYTES = 64 * 1024;

  private static final Logger LOG = Logger.getLogger(ConsoleAdapter.class);

  @Override
  public Platform platform() {
    return Platform.CONSOLE;
  }

  @Override
  public int maxBytes(BotSpec bot, OutgoingMessage message) {
    return MAX_BYTES;
  }

  @Override
  public SendResult send(BotSpec bot, OutgoingMessage message) {
    LOG.debugf(
        "[%s → %s] %s",
        bot.id(), message.chatId() == null ? "群" : message.chatId(), message.text());
    return SendResult.sent();
  }
}
