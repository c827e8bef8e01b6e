package io.duban.config;

/**
 * A configuration file that cannot be used; the message is one line naming the file, the place
 * (line, column and path) and the field, so that start-up can print it without a stack trace.
 */
public class ConfigFileException extends RuntimeException {
  public ConfigFileException(String oneLineMessage) {
    super(oneLineMessage, null, false, false);
  }
}
