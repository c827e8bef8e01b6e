package io.duban.chat.feishu;

import java.util.Objects;

/** Rejection of a Feishu encrypted event body, with a machine-readable reason and no secrets. */
public final class FeishuCryptoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why an encrypted body was rejected. */
  public enum Reason {
    /** The {@code encrypt} value is not valid standard Base64. */
    BAD_BASE64,
    /** The decoded value is shorter than IV plus one block, or not block-aligned after the IV. */
    BAD_LENGTH,
    /** The PKCS#7 padding is invalid (usually a wrong Encrypt Key). */
    BAD_PADDING
  }

  private final Reason reason;

  /** Creates an exception; {@code message} must not contain keys or decrypted content. */
  public FeishuCryptoException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns the reason code. */
  public Reason reason() {
    return reason;
  }
}
