package io.duban.chat.wecom;

import java.util.Objects;

/** Rejection of a WeCom callback payload, with a machine-readable reason and no secret material. */
public final class WeComCryptoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a payload was rejected. */
  public enum Reason {
    /** The ciphertext is not valid standard Base64. */
    BAD_BASE64,
    /** The decoded ciphertext is empty or not a whole number of 32-byte blocks. */
    BAD_CIPHER_LENGTH,
    /** The 32-byte-block PKCS#7 padding is invalid (usually a wrong EncodingAESKey). */
    BAD_PADDING,
    /** The embedded message length does not fit the decrypted buffer. */
    BAD_LENGTH,
    /** The trailing receiveId differs from the configured corpid / suite id / "". */
    RECEIVE_ID_MISMATCH,
    /** The msg_signature does not match token, timestamp, nonce and ciphertext. */
    BAD_SIGNATURE,
    /** The XML is malformed, too large, has a DOCTYPE, or is not a single {@code <xml>} root. */
    BAD_XML
  }

  private final Reason reason;

  /** Creates an exception; {@code message} must not contain keys or decrypted content. */
  public WeComCryptoException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an exception keeping the low-level cause (JCE or parser errors carry no secrets). */
  public WeComCryptoException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns the reason code. */
  public Reason reason() {
    return reason;
  }
}
