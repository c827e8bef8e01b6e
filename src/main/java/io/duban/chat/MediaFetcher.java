package io.duban.chat;

/**
 * Downloads a picture or file a platform message referred to ({@link InboundFile#ref}), through the
 * platform's API (docs/attachments.md): one implementation per platform, found by {@link
 * #platform}. Runs outside any transaction (a download may take seconds).
 */
public interface MediaFetcher {
  Platform platform();

  /**
   * The file's bytes, at most {@code maxBytes} (stop reading beyond it and refuse); never throws
   * anything but {@link MediaException} for platform or network errors.
   */
  Fetched fetch(BotSpec bot, InboundFile file, long maxBytes) throws MediaException;

  /** What a download gave: the bytes, the type the platform declared (may be null), its name. */
  record Fetched(byte[] bytes, String contentType, String fileName) {}

  /**
   * A download that failed: a short Chinese reason for the sender (no secret, no URL), and whether
   * trying again later may succeed (network, rate limit) or not (expired code, too large).
   */
  class MediaException extends Exception {
    private final boolean retryable;

    public MediaException(String reason, boolean retryable) {
      super(reason);
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
