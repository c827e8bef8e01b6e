package io.duban.chat.stream;

import io.duban.chat.BotSpec;
import io.duban.chat.Platform;

/**
 * Makes the {@link StreamClient} of a platform's bots in {@code mode: stream}; each platform
 * package that supports the mode has one, as a CDI bean ({@link StreamConnections} finds them).
 */
public interface StreamClientFactory {
  Platform platform();

  /** The client of an enabled stream bot, reporting to {@code status}. */
  StreamClient create(BotSpec bot, ConnectionStatus status);
}
