package io.duban.chat.wecom;

import io.duban.chat.wecom.WeComCryptoException.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * WeCom callback crypto (WXBizMsgCrypt): msg_signature, AES-256-CBC with 32-byte PKCS#7, and the
 * receiveId check; also used for DingTalk event callbacks and the WeCom 智能机器人 JSON callback.
 *
 * <p>Algorithm: developer.work.weixin.qq.com/document/path/91144 and the official samples
 * (sbzhu/weworkapi_python callback/WXBizMsgCrypt.py). Instances are immutable and thread-safe.
 * Always check the signature ({@link #verify}) before calling {@link #decrypt}, so that padding and
 * length errors are only ever reported for authentic ciphertext.
 */
public final class WeComCrypto {

  /** Largest XML document {@link #parseXml} accepts, in UTF-8 bytes (1 MiB). */
  public static final int MAX_XML_BYTES = 1024 * 1024;

  // PKCS#7 over 32-byte blocks, not the AES block size: the pad byte is 30 in the official sample.
  private static final int BLOCK_SIZE = 32;
  private static final int RANDOM_LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  // The JDK parser otherwise prints "[Fatal Error]" lines to stderr before throwing.
  private static final ErrorHandler RETHROW =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  private final String token;
  private final byte[] aesKey;
  private final byte[] iv;
  private final byte[] receiveIdBytes;

  /**
   * Creates the crypto for one callback configuration.
   *
   * @param token the callback Token
   * @param encodingAesKey the 43-character EncodingAESKey
   * @param receiveId corpid for self-built apps, suite_id for third-party apps, "" for 智能机器人
   */
  public WeComCrypto(String token, String encodingAesKey, String receiveId) {
    this.token = Objects.requireNonNull(token, "token");
    Objects.requireNonNull(encodingAesKey, "encodingAesKey");
    Objects.requireNonNull(receiveId, "receiveId");
    if (encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("EncodingAESKey must be 43 characters");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encodingAesKey + "=");
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character; do not chain it.
      throw new IllegalArgumentException("EncodingAESKey is not valid Base64");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("EncodingAESKey must decode to 32 bytes");
    }
    this.aesKey = key;
    this.iv = Arrays.copyOf(key, 16);
    this.receiveIdBytes = receiveId.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns lower-hex SHA1 of token, timestamp, nonce and encrypt, sorted and concatenated. */
  public String signature(String timestamp, String nonce, String encrypt) {
    String[] parts = {
      token,
      Objects.requireNonNull(timestamp, "timestamp"),
      Objects.requireNonNull(nonce, "nonce"),
      Objects.requireNonNull(encrypt, "encrypt")
    };
    Arrays.sort(parts);
    MessageDigest sha1 = digest("SHA-1");
    for (String part : parts) {
      sha1.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return HEX.formatHex(sha1.digest());
  }

  /** Checks a msg_signature in constant time; false for any null argument. */
  public boolean verify(String msgSignature, String timestamp, String nonce, String encrypt) {
    if (msgSignature == null || timestamp == null || nonce == null || encrypt == null) {
      return false;
    }
    byte[] expected = signature(timestamp, nonce, encrypt).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = msgSignature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * Decrypts an {@code Encrypt} value or {@code echostr} and checks the embedded receiveId.
   *
   * @throws WeComCryptoException with the reason for any malformed or foreign ciphertext
   */
  public String decrypt(String base64Cipher) {
    if (base64Cipher == null) {
      throw new WeComCryptoException(Reason.BAD_BASE64, "ciphertext is missing");
    }
    byte[] cipherBytes;
    try {
      cipherBytes = Base64.getDecoder().decode(base64Cipher.trim());
    } catch (IllegalArgumentException e) {
      throw new WeComCryptoException(Reason.BAD_BASE64, "ciphertext is not valid Base64");
    }
    if (cipherBytes.length == 0 || cipherBytes.length % BLOCK_SIZE != 0) {
      throw new WeComCryptoException(
          Reason.BAD_CIPHER_LENGTH,
          "ciphertext length " + cipherBytes.length + " is not a positive multiple of 32");
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
      plain = cipher.doFinal(cipherBytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/NoPadding unavailable", e);
    }
    try {
      return unpackPlaintext(plain);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private String unpackPlaintext(byte[] plain) {
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK_SIZE) {
      throw new WeComCryptoException(Reason.BAD_PADDING, "padding byte out of range");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new WeComCryptoException(Reason.BAD_PADDING, "padding bytes are inconsistent");
      }
    }
    int contentEnd = plain.length - pad;
    int header = RANDOM_LENGTH + 4;
    if (contentEnd < header) {
      throw new WeComCryptoException(Reason.BAD_LENGTH, "decrypted buffer too short");
    }
    // Length prefix counts UTF-8 bytes of the message, in network byte order.
    int msgLength = ByteBuffer.wrap(plain, RANDOM_LENGTH, 4).getInt();
    if (msgLength < 0 || msgLength > contentEnd - header) {
      throw new WeComCryptoException(Reason.BAD_LENGTH, "message length exceeds buffer");
    }
    int idStart = header + msgLength;
    byte[] actualId = Arrays.copyOfRange(plain, idStart, contentEnd);
    // The official SDKs check this; WxJava has the check commented out.
    if (!MessageDigest.isEqual(actualId, receiveIdBytes)) {
      throw new WeComCryptoException(
          Reason.RECEIVE_ID_MISMATCH, "receiveId does not match the configured one");
    }
    return new String(plain, header, msgLength, StandardCharsets.UTF_8);
  }

  /** Encrypts a reply with a fresh random 16-byte prefix. */
  public String encrypt(String plaintext) {
    byte[] random16 = new byte[RANDOM_LENGTH];
    RANDOM.nextBytes(random16);
    return encrypt(plaintext, random16);
  }

  /** Encrypts with a caller-chosen 16-byte prefix; deterministic, for tests and fixtures. */
  public String encrypt(String plaintext, byte[] random16) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(random16, "random16");
    if (random16.length != RANDOM_LENGTH) {
      throw new IllegalArgumentException("random prefix must be 16 bytes");
    }
    byte[] msg = plaintext.getBytes(StandardCharsets.UTF_8);
    int unpadded = RANDOM_LENGTH + 4 + msg.length + receiveIdBytes.length;
    int pad = BLOCK_SIZE - (unpadded % BLOCK_SIZE);
    ByteBuffer buf = ByteBuffer.allocate(unpadded + pad);
    buf.put(random16).putInt(msg.length).put(msg).put(receiveIdBytes);
    for (int i = 0; i < pad; i++) {
      buf.put((byte) pad);
    }
    byte[] padded = buf.array();
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
      return Base64.getEncoder().encodeToString(cipher.doFinal(padded));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/NoPadding unavailable", e);
    } finally {
      Arrays.fill(padded, (byte) 0);
    }
  }

  /**
   * Handles the GET URL check: verifies msg_signature over {@code echostr}, then decrypts it.
   *
   * <p>Pass the already URL-decoded query values, decoded exactly once (a second decode turns
   * {@code +} into a space). Answer with the returned text as the raw {@code text/plain} body: no
   * quotes, no BOM, no trailing newline.
   *
   * @throws WeComCryptoException with {@link Reason#BAD_SIGNATURE} or a decryption reason
   */
  public String verifyUrl(String msgSignature, String timestamp, String nonce, String echostr) {
    if (!verify(msgSignature, timestamp, nonce, echostr)) {
      throw new WeComCryptoException(Reason.BAD_SIGNATURE, "msg_signature does not match");
    }
    return decrypt(echostr);
  }

  /** Builds the encrypted passive-reply XML envelope of a self-built app callback. */
  public String encryptedReplyXml(String replyPlaintext, String timestamp, String nonce) {
    requireDigits(timestamp);
    Objects.requireNonNull(nonce, "nonce");
    String encrypt = encrypt(replyPlaintext);
    String signature = signature(timestamp, nonce, encrypt);
    return "<xml><Encrypt>"
        + cdata(encrypt)
        + "</Encrypt><MsgSignature>"
        + cdata(signature)
        + "</MsgSignature><TimeStamp>"
        + timestamp
        + "</TimeStamp><Nonce>"
        + cdata(nonce)
        + "</Nonce></xml>";
  }

  /**
   * Builds the encrypted passive-reply JSON of a 智能机器人 callback.
   *
   * <p>Shape from the 智能机器人 doc "加密与被动回复" (path/101033): {@code timestamp} is a JSON number of
   * seconds and {@code nonce} should be the nonce of the callback URL. The older callback_json
   * sample quotes the timestamp as a string; this follows the newer doc.
   */
  public String encryptedReplyJson(String replyPlaintext, String timestamp, String nonce) {
    requireDigits(timestamp);
    Objects.requireNonNull(nonce, "nonce");
    String encrypt = encrypt(replyPlaintext);
    String signature = signature(timestamp, nonce, encrypt);
    return "{\"encrypt\":"
        + jsonString(encrypt)
        + ",\"msgsignature\":"
        + jsonString(signature)
        + ",\"timestamp\":"
        + timestamp
        + ",\"nonce\":"
        + jsonString(nonce)
        + "}";
  }

  /**
   * Parses a WeCom {@code <xml>} document into its top-level child elements' text (CDATA
   * unwrapped), in document order.
   *
   * <p>The parser refuses DOCTYPE declarations (so no entities, internal or external), XInclude and
   * external DTD or schema access. A repeated top-level element name is refused too, so that
   * signature checks and decryption can never read different {@code Encrypt} values.
   *
   * @throws WeComCryptoException with {@link Reason#BAD_XML}
   */
  public static Map<String, String> parseXml(String xml) {
    if (xml == null) {
      throw new WeComCryptoException(Reason.BAD_XML, "document is missing");
    }
    if (utf8LengthExceeds(xml, MAX_XML_BYTES)) {
      throw new WeComCryptoException(Reason.BAD_XML, "document larger than 1 MiB");
    }
    Document document;
    try {
      DocumentBuilder builder = hardenedFactory().newDocumentBuilder();
      builder.setErrorHandler(RETHROW);
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
          });
      document = builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException | IOException e) {
      throw new WeComCryptoException(Reason.BAD_XML, "document is not acceptable XML", e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser cannot be hardened", e);
    }
    if (document.getDoctype() != null) {
      throw new WeComCryptoException(Reason.BAD_XML, "DOCTYPE is not allowed");
    }
    Element root = document.getDocumentElement();
    if (root == null || !"xml".equals(root.getNodeName())) {
      throw new WeComCryptoException(Reason.BAD_XML, "root element must be <xml>");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    NodeList children = root.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child.getNodeType() != Node.ELEMENT_NODE) {
        continue;
      }
      String name = child.getNodeName();
      if (fields.putIfAbsent(name, child.getTextContent()) != null) {
        throw new WeComCryptoException(Reason.BAD_XML, "repeated element <" + name + ">");
      }
    }
    return Collections.unmodifiableMap(fields);
  }

  // OWASP XXE prevention cheat sheet, DocumentBuilderFactory section.
  private static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    factory.setValidating(false);
    factory.setCoalescing(true);
    return factory;
  }

  private static boolean utf8LengthExceeds(String s, int limit) {
    if (s.length() > limit) {
      return true;
    }
    if ((long) s.length() * 3 <= limit) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
      if (bytes > limit) {
        return true;
      }
    }
    return false;
  }

  private static void requireDigits(String timestamp) {
    Objects.requireNonNull(timestamp, "timestamp");
    if (timestamp.isEmpty()
        || timestamp.length() > 19
        || !timestamp.chars().allMatch(WeComCrypto::isDigit)) {
      throw new IllegalArgumentException("timestamp must be decimal epoch seconds");
    }
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  // A literal "]]>" would close the section early, so it is split across two sections.
  private static String cdata(String text) {
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }

  private static String jsonString(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          // Control characters must be escaped (RFC 8259 §7); U+2028/2029 break JavaScript eval.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }
}
