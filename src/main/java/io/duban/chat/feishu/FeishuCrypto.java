package io.duban.chat.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu / Lark crypto: Encrypt Key event decryption, the {@code X-Lark-Signature} request check,
 * and the custom-bot webhook signature.
 *
 * <p>Sources: open.feishu.cn "encrypt-key-encryption-configuration-case" and the custom-bot guide;
 * larksuite/oapi-sdk-java {@code Decryptor} and {@code EventDispatcher}.
 */
public final class FeishuCrypto {

  private static final int IV_LENGTH = 16;
  private static final HexFormat HEX = HexFormat.of();

  private FeishuCrypto() {}

  /**
   * Decrypts the {@code encrypt} field of an event body.
   *
   * <p>Padding is checked strictly (standard 16-byte PKCS#7); the official SDK's {@code Decryptor}
   * instead strips any trailing bytes ≤ 16, which accepts corrupted input.
   *
   * @throws FeishuCryptoException on malformed input or a wrong key
   */
  public static String decrypt(String encryptKey, String base64) {
    Objects.requireNonNull(encryptKey, "encryptKey");
    if (base64 == null) {
      throw new FeishuCryptoException(FeishuCryptoException.Reason.BAD_BASE64, "value is missing");
    }
    byte[] buf;
    try {
      buf = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new FeishuCryptoException(
          FeishuCryptoException.Reason.BAD_BASE64, "value is not valid Base64");
    }
    if (buf.length < IV_LENGTH + 16 || (buf.length - IV_LENGTH) % 16 != 0) {
      throw new FeishuCryptoException(
          FeishuCryptoException.Reason.BAD_LENGTH,
          "decoded length " + buf.length + " is not IV plus whole AES blocks");
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(aesKey(encryptKey), "AES"),
          new IvParameterSpec(buf, 0, IV_LENGTH));
      plain = cipher.doFinal(buf, IV_LENGTH, buf.length - IV_LENGTH);
    } catch (BadPaddingException e) {
      throw new FeishuCryptoException(
          FeishuCryptoException.Reason.BAD_PADDING, "padding is invalid (wrong Encrypt Key?)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/PKCS5Padding unavailable", e);
    }
    try {
      return new String(plain, StandardCharsets.UTF_8);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Encrypts like Feishu does: Base64(iv ‖ AES-256-CBC-PKCS7(plaintext)); for tests and fixtures.
   */
  public static String encrypt(String encryptKey, String plaintext, byte[] iv16) {
    Objects.requireNonNull(encryptKey, "encryptKey");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(iv16, "iv16");
    if (iv16.length != IV_LENGTH) {
      throw new IllegalArgumentException("IV must be 16 bytes");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(aesKey(encryptKey), "AES"),
          new IvParameterSpec(iv16));
      byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_LENGTH + ciphertext.length];
      System.arraycopy(iv16, 0, out, 0, IV_LENGTH);
      System.arraycopy(ciphertext, 0, out, IV_LENGTH, ciphertext.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/PKCS5Padding unavailable", e);
    }
  }

  /**
   * Returns lower-hex SHA256(timestamp + nonce + encryptKey + rawBody).
   *
   * <p>Hash the request bytes exactly as received: re-serialised JSON never matches, and the
   * official Java SDK's use of the platform default charset is a known pitfall.
   */
  public static String requestSignature(
      String timestamp, String nonce, String encryptKey, byte[] rawBody) {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(encryptKey, "encryptKey");
    Objects.requireNonNull(rawBody, "rawBody");
    MessageDigest sha256 = sha256();
    sha256.update((timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8));
    sha256.update(rawBody);
    return HEX.formatHex(sha256.digest());
  }

  /**
   * Checks the {@code X-Lark-Signature} header in constant time; false for any missing value.
   *
   * <p>This does not judge the timestamp's age; apply your own window to {@code
   * X-Lark-Request-Timestamp} (seconds).
   */
  public static boolean verifyRequest(
      String signatureHeader, String timestamp, String nonce, String encryptKey, byte[] rawBody) {
    if (signatureHeader == null || timestamp == null || nonce == null || rawBody == null) {
      return false;
    }
    Objects.requireNonNull(encryptKey, "encryptKey");
    byte[] expected =
        requestSignature(timestamp, nonce, encryptKey, rawBody).getBytes(StandardCharsets.US_ASCII);
    byte[] actual =
        signatureHeader.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Returns the custom-bot webhook {@code sign}: Base64(HmacSHA256(key = timestamp + "\n" + secret,
   * msg = empty)).
   *
   * <p>The timestamp is in SECONDS and goes into the JSON body next to {@code sign}; reusing the
   * DingTalk shape (key = secret, milliseconds, query string) yields code 19021.
   */
  public static String webhookSign(long timestampSeconds, String secret) {
    Objects.requireNonNull(secret, "secret");
    byte[] key = (timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(new byte[0]));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] aesKey(String encryptKey) {
    return sha256().digest(encryptKey.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
