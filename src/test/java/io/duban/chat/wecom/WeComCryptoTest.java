package io.duban.chat.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.wecom.WeComCryptoException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WeComCryptoTest {

  // Official set A (sbzhu/weworkapi_php callback/Sample.php; docs/platforms.md §2.4).
  static final String A_TOKEN = "QDG6eK";
  static final String A_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  static final String A_CORP = "wx5823bf96d3bd56c7";
  static final String A_ECHOSTR =
      "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
  static final String A_ENCRYPT =
      "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3Qczc"
          + "dCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLj"
          + "vd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMn"
          + "vw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k"
          + "22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2Yoy"
          + "yH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
  static final String A_PLAIN =
      "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
          + "<FromUserName><![CDATA[mycreate]]></FromUserName>\n"
          + "<CreateTime>1409659813</CreateTime>\n"
          + "<MsgType><![CDATA[text]]></MsgType>\n"
          + "<Content><![CDATA[hello]]></Content>\n"
          + "<MsgId>4561255354251345929</MsgId>\n"
          + "<AgentID>218</AgentID>\n"
          + "</xml>";
  static final String A_POST_BODY =
      "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA["
          + A_ENCRYPT
          + "]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";

  // Set D (binarywang/WxJava WxCryptUtilTest).
  static final String D_TOKEN = "pamtest";
  static final String D_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String D_APPID = "wxb11529c136998cb6";
  static final String D_ENCRYPT =
      "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

  private final WeComCrypto a = new WeComCrypto(A_TOKEN, A_KEY, A_CORP);

  @Nested
  class OfficialSetA {
    @Test
    void urlVerificationReturnsEcho() {
      assertThat(
              a.verifyUrl(
                  "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", A_ECHOSTR))
          .isEqualTo("1616140317555161061");
    }

    @Test
    void urlSignature() {
      assertThat(a.signature("1409659589", "263014780", A_ECHOSTR))
          .isEqualTo("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3");
    }

    @Test
    void messageSignatureAndDecrypt() {
      Map<String, String> envelope = WeComCrypto.parseXml(A_POST_BODY);
      assertThat(envelope).containsEntry("ToUserName", A_CORP).containsEntry("AgentID", "218");
      String encrypt = envelope.get("Encrypt");
      assertThat(encrypt).isEqualTo(A_ENCRYPT);
      assertThat(
              a.verify(
                  "477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149", encrypt))
          .isTrue();
      assertThat(a.decrypt(encrypt)).isEqualTo(A_PLAIN);
    }

    @Test
    void decryptedMessageParses() {
      Map<String, String> msg = WeComCrypto.parseXml(a.decrypt(A_ENCRYPT));
      assertThat(msg)
          .containsExactly(
              Map.entry("ToUserName", A_CORP),
              Map.entry("FromUserName", "mycreate"),
              Map.entry("CreateTime", "1409659813"),
              Map.entry("MsgType", "text"),
              Map.entry("Content", "hello"),
              Map.entry("MsgId", "4561255354251345929"),
              Map.entry("AgentID", "218"));
    }

    @Test
    void encryptWithOfficialRandomReproducesOfficialCiphertexts() {
      // The random prefixes and pad bytes (7 and 30) were recovered by decrypting set A.
      assertThat(a.encrypt("1616140317555161061", ascii("c41b64491c2468d0"))).isEqualTo(A_ECHOSTR);
      assertThat(a.encrypt(A_PLAIN, ascii("0960688932c47ef1"))).isEqualTo(A_ENCRYPT);
    }

    @Test
    void paddingByteIsThirtyProvingBlockSize32() throws Exception {
      byte[] plain = rawDecrypt(A_KEY, Base64.getDecoder().decode(A_ENCRYPT));
      assertThat(plain).hasSize(352);
      assertThat(plain[351]).isEqualTo((byte) 30);
    }
  }

  @Nested
  class SetD {
    private final WeComCrypto d = new WeComCrypto(D_TOKEN, D_KEY, D_APPID);

    @Test
    void deterministicEncrypt() {
      assertThat(d.encrypt("我是中文abcd123", ascii("aaaabbbbccccdddd"))).isEqualTo(D_ENCRYPT);
    }

    @Test
    void decryptBack() {
      assertThat(d.decrypt(D_ENCRYPT)).isEqualTo("我是中文abcd123");
    }
  }

  @Nested
  class OwnVectors {
    // tools/vectors.py: Python cryptography + hashlib, independent of this code.
    static final String AI_TEXT =
        "{\"msgid\":\"m1\",\"chattype\":\"group\",\"text\":{\"content\":\"@督办 上报数字 123 📈\"}}";
    static final String AI_ENCRYPT =
        "sKqRbbiSUnDhFHOvPjtUMVHL63AEDKuq6/cIVy/bj8YzIOlTPq6D7N3d/p7rj/1nReeOMUm9BraKeCy8f/8Cch6I"
            + "XfSOc8RE/p6Gg7nMEbbaYT9sKxTOOt+kq1oeMJEVonoAId+mNr3giRsCfOffgbCHDr7ieDgWPvCE+vI56/4=";

    private final WeComCrypto aiBot = new WeComCrypto(A_TOKEN, A_KEY, "");

    @Test
    void aiBotVectorWithEmptyReceiveId() {
      assertThat(AI_TEXT.length()).isNotEqualTo(AI_TEXT.getBytes(StandardCharsets.UTF_8).length);
      assertThat(aiBot.encrypt(AI_TEXT, ascii("0123456789abcdef"))).isEqualTo(AI_ENCRYPT);
      assertThat(aiBot.signature("1700000000", "nonce中", AI_ENCRYPT))
          .isEqualTo("77638e141161b12b16e95241e2df89c823927ef9");
      assertThat(aiBot.decrypt(AI_ENCRYPT)).isEqualTo(AI_TEXT);
    }

    @Test
    void corpConfiguredInstanceRefusesAiBotPayload() {
      assertReason(() -> a.decrypt(AI_ENCRYPT), Reason.RECEIVE_ID_MISMATCH);
    }
  }

  @Nested
  class RoundTrips {
    @Test
    void chineseAndEmojiWithCorpId() {
      String text = "请各单位于周五前上报“数字经济”项目进度。\n督办🚀 第2条\t完成率 46.8%";
      assertThat(a.decrypt(a.encrypt(text))).isEqualTo(text);
    }

    @Test
    void emptyReceiveIdAndEmptyMessage() {
      WeComCrypto bot = new WeComCrypto("tok", A_KEY, "");
      assertThat(bot.decrypt(bot.encrypt(""))).isEmpty();
      assertThat(bot.decrypt(bot.encrypt("中"))).isEqualTo("中");
    }

    @Test
    void everyPaddingLengthFrom1To32() {
      WeComCrypto bot = new WeComCrypto("tok", A_KEY, "");
      byte[] random = new byte[16];
      for (int len = 0; len < 64; len++) {
        String text = "x".repeat(len);
        String cipher = bot.encrypt(text, random);
        assertThat(Base64.getDecoder().decode(cipher).length % 32).isZero();
        assertThat(bot.decrypt(cipher)).isEqualTo(text);
      }
    }

    @Test
    void randomPrefixMakesCiphertextsDiffer() {
      assertThat(a.encrypt("hello")).isNotEqualTo(a.encrypt("hello"));
    }
  }

  @Nested
  class Rejections {
    @Test
    void wrongReceiveId() {
      WeComCrypto other = new WeComCrypto(A_TOKEN, A_KEY, "wwOtherCorp");
      assertReason(() -> other.decrypt(A_ENCRYPT), Reason.RECEIVE_ID_MISMATCH);
      WeComCrypto empty = new WeComCrypto(A_TOKEN, A_KEY, "");
      assertReason(() -> empty.decrypt(A_ENCRYPT), Reason.RECEIVE_ID_MISMATCH);
      // A receiveId that is a prefix of the real one must not pass either.
      WeComCrypto prefix = new WeComCrypto(A_TOKEN, A_KEY, "wx5823bf96d3bd56c");
      assertReason(() -> prefix.decrypt(A_ENCRYPT), Reason.RECEIVE_ID_MISMATCH);
    }

    @Test
    void badBase64() {
      assertReason(() -> a.decrypt("not base64 at all!"), Reason.BAD_BASE64);
      assertReason(() -> a.decrypt(A_ECHOSTR.replace('+', ' ')), Reason.BAD_BASE64);
      assertReason(() -> a.decrypt(null), Reason.BAD_BASE64);
    }

    @Test
    void badCipherLength() {
      assertReason(() -> a.decrypt(""), Reason.BAD_CIPHER_LENGTH);
      assertReason(() -> a.decrypt(A_ECHOSTR.substring(0, 40)), Reason.BAD_CIPHER_LENGTH);
      byte[] sixteen = Arrays.copyOf(Base64.getDecoder().decode(A_ECHOSTR), 16);
      assertReason(() -> a.decrypt(b64(sixteen)), Reason.BAD_CIPHER_LENGTH);
    }

    @Test
    void truncatedAtBlockBoundary() {
      // CBC decrypts a block-aligned prefix cleanly, so the last byte is message text, not padding.
      byte[] full = Base64.getDecoder().decode(A_ENCRYPT);
      assertReason(() -> a.decrypt(b64(Arrays.copyOf(full, 320))), Reason.BAD_PADDING);
    }

    @Test
    void wrongKeyGivesBadPadding() {
      WeComCrypto wrong = new WeComCrypto(A_TOKEN, D_KEY, A_CORP);
      assertReason(() -> wrong.decrypt(A_ENCRYPT), Reason.BAD_PADDING);
    }

    @Test
    void craftedPaddingErrors() throws Exception {
      byte[] good = framed(ascii("0123456789abcdef"), "hi", "");
      byte[] zeroPad = good.clone();
      zeroPad[zeroPad.length - 1] = 0;
      assertReason(() -> a.decrypt(rawEncrypt(A_KEY, zeroPad)), Reason.BAD_PADDING);
      byte[] pad33 = good.clone();
      pad33[pad33.length - 1] = 33;
      assertReason(() -> a.decrypt(rawEncrypt(A_KEY, pad33)), Reason.BAD_PADDING);
      byte[] inconsistent = good.clone();
      inconsistent[inconsistent.length - 2] = 1;
      assertReason(() -> a.decrypt(rawEncrypt(A_KEY, inconsistent)), Reason.BAD_PADDING);
    }

    @Test
    void craftedLengthErrors() throws Exception {
      WeComCrypto bot = new WeComCrypto(A_TOKEN, A_KEY, "");
      byte[] tooShort = new byte[32];
      Arrays.fill(tooShort, (byte) 32);
      assertReason(() -> bot.decrypt(rawEncrypt(A_KEY, tooShort)), Reason.BAD_LENGTH);

      byte[] tooLong = framed(new byte[16], "hi", "");
      ByteBuffer.wrap(tooLong).putInt(16, 3);
      assertReason(() -> bot.decrypt(rawEncrypt(A_KEY, tooLong)), Reason.BAD_LENGTH);

      byte[] negative = framed(new byte[16], "hi", "");
      ByteBuffer.wrap(negative).putInt(16, -1);
      assertReason(() -> bot.decrypt(rawEncrypt(A_KEY, negative)), Reason.BAD_LENGTH);

      // Sanity: the unmodified frame is accepted.
      assertThat(bot.decrypt(rawEncrypt(A_KEY, framed(new byte[16], "hi", "")))).isEqualTo("hi");
    }

    @Test
    void tamperedSignature() {
      assertThat(
              a.verify(
                  "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4", "1409659589", "263014780", A_ECHOSTR))
          .isFalse();
      assertThat(
              a.verify(
                  "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659590", "263014780", A_ECHOSTR))
          .isFalse();
      assertThat(a.verify(null, "1409659589", "263014780", A_ECHOSTR)).isFalse();
      assertReason(
          () ->
              a.verifyUrl(
                  "0000000000000000000000000000000000000000", "1409659589", "263014780", A_ECHOSTR),
          Reason.BAD_SIGNATURE);
      // The URL-encoded echostr (a missed decode) fails the signature, never reaching AES.
      assertReason(
          () ->
              a.verifyUrl(
                  "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
                  "1409659589",
                  "263014780",
                  A_ECHOSTR.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D")),
          Reason.BAD_SIGNATURE);
    }

    @Test
    void upperCaseSignatureAccepted() {
      assertThat(
              a.verify(
                  "5C45FF5E21C57E6AD56BAC8758B79B1D9AC89FD3", "1409659589", "263014780", A_ECHOSTR))
          .isTrue();
    }

    @Test
    void constructorRejectsBadKeyWithoutEchoingIt() {
      assertThatThrownBy(() -> new WeComCrypto("t", A_KEY.substring(1), ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(A_KEY.substring(1));
      String bad = A_KEY.substring(0, 42) + "!";
      assertThatThrownBy(() -> new WeComCrypto("t", bad, ""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(bad)
          .hasNoCause();
    }

    @Test
    void exceptionMessagesCarryNoSecretsOrPlaintext() {
      WeComCrypto other = new WeComCrypto(A_TOKEN, A_KEY, "wwOtherCorp");
      Throwable t = catchThrowable(() -> other.decrypt(A_ENCRYPT));
      assertThat(t.getMessage())
          .doesNotContain(A_KEY)
          .doesNotContain(A_TOKEN)
          .doesNotContain("mycreate")
          .doesNotContain("hello")
          .doesNotContain(A_CORP);
    }
  }

  @Nested
  class Replies {
    @Test
    void xmlReplyRoundTrips() {
      String xml =
          a.encryptedReplyXml(
              "<xml><Content><![CDATA[收到 ✅]]></Content></xml>", "1409659813", "n]]>ce");
      assertThat(xml).startsWith("<xml><Encrypt><![CDATA[").endsWith("]]></Nonce></xml>");
      Map<String, String> fields = WeComCrypto.parseXml(xml);
      assertThat(fields.keySet()).containsExactly("Encrypt", "MsgSignature", "TimeStamp", "Nonce");
      assertThat(fields.get("TimeStamp")).isEqualTo("1409659813");
      assertThat(fields.get("Nonce")).isEqualTo("n]]>ce");
      assertThat(
              a.verify(fields.get("MsgSignature"), "1409659813", "n]]>ce", fields.get("Encrypt")))
          .isTrue();
      assertThat(a.decrypt(fields.get("Encrypt")))
          .isEqualTo("<xml><Content><![CDATA[收到 ✅]]></Content></xml>");
    }

    @Test
    void jsonReplyShapeAndRoundTrip() {
      WeComCrypto bot = new WeComCrypto(A_TOKEN, A_KEY, "");
      String reply = "{\"msgtype\":\"text\",\"text\":{\"content\":\"已记录 123\"}}";
      String json = bot.encryptedReplyJson(reply, "1700000000", "nonce1");
      Matcher m =
          Pattern.compile(
                  "\\{\"encrypt\":\"([A-Za-z0-9+/=]+)\",\"msgsignature\":\"([0-9a-f]{40})\","
                      + "\"timestamp\":1700000000,\"nonce\":\"nonce1\"}")
              .matcher(json);
      assertThat(m.matches()).as(json).isTrue();
      assertThat(bot.verify(m.group(2), "1700000000", "nonce1", m.group(1))).isTrue();
      assertThat(bot.decrypt(m.group(1))).isEqualTo(reply);
    }

    @Test
    void jsonReplyEscapesNonce() {
      WeComCrypto bot = new WeComCrypto(A_TOKEN, A_KEY, "");
      String json = bot.encryptedReplyJson("x", "1", "a\"b\\c\n\u0001\u2028");
      assertThat(json).endsWith(",\"nonce\":\"a\\\"b\\\\c\\n\\u0001\\u2028\"}");
    }

    @Test
    void nonNumericTimestampRefused() {
      assertThatThrownBy(() -> a.encryptedReplyXml("x", "12</TimeStamp>", "n"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> a.encryptedReplyJson("x", "1,\"evil\":1", "n"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Xml {
    @Test
    void xxeExternalEntityRefused() {
      String xxe =
          "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
              + "<xml><Encrypt>&xxe;</Encrypt></xml>";
      assertReason(() -> WeComCrypto.parseXml(xxe), Reason.BAD_XML);
    }

    @Test
    void internalEntityExpansionRefused() {
      String lol =
          "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
              + "<xml><Content>&b;</Content></xml>";
      assertReason(() -> WeComCrypto.parseXml(lol), Reason.BAD_XML);
    }

    @Test
    void externalDtdRefused() {
      String dtd = "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\"><xml><A>1</A></xml>";
      assertReason(() -> WeComCrypto.parseXml(dtd), Reason.BAD_XML);
    }

    @Test
    void xincludeIsNotProcessed() {
      String xi =
          "<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
              + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/><A>1</A></xml>";
      Map<String, String> fields = WeComCrypto.parseXml(xi);
      assertThat(fields).containsEntry("A", "1").containsEntry("xi:include", "");
    }

    @Test
    void malformedWrongRootDuplicateAndOversizeRefused() {
      assertReason(() -> WeComCrypto.parseXml("<xml><A>1</xml>"), Reason.BAD_XML);
      assertReason(() -> WeComCrypto.parseXml("<root><A>1</A></root>"), Reason.BAD_XML);
      assertReason(
          () -> WeComCrypto.parseXml("<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>"),
          Reason.BAD_XML);
      assertReason(() -> WeComCrypto.parseXml(""), Reason.BAD_XML);
      assertReason(() -> WeComCrypto.parseXml(null), Reason.BAD_XML);
      String big = "<xml><A>" + "中".repeat(350_000) + "</A></xml>";
      assertReason(() -> WeComCrypto.parseXml(big), Reason.BAD_XML);
    }

    @Test
    void justUnderOneMebibyteAccepted() {
      String filler = "x".repeat(WeComCrypto.MAX_XML_BYTES - "<xml><A></A></xml>".length());
      assertThat(WeComCrypto.parseXml("<xml><A>" + filler + "</A></xml>").get("A"))
          .hasSize(filler.length());
    }

    @Test
    void textAndCdataAreJoinedAndNestedTextIsFlattened() {
      Map<String, String> f =
          WeComCrypto.parseXml("<xml><A>x<![CDATA[<y>]]>z</A><B><C>1</C><D>2</D></B><E/></xml>");
      assertThat(f)
          .containsExactly(Map.entry("A", "x<y>z"), Map.entry("B", "12"), Map.entry("E", ""));
    }
  }

  static void assertReason(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            WeComCryptoException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .message()
        .doesNotContain(A_KEY)
        .doesNotContain(D_KEY);
  }

  static Throwable catchThrowable(ThrowingCallable call) {
    return org.assertj.core.api.Assertions.catchThrowable(call);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /** Random ‖ length ‖ message ‖ receiveId ‖ 32-byte PKCS#7, built independently of the code. */
  static byte[] framed(byte[] random16, String msg, String receiveId) {
    byte[] m = msg.getBytes(StandardCharsets.UTF_8);
    byte[] id = receiveId.getBytes(StandardCharsets.UTF_8);
    int len = 20 + m.length + id.length;
    int pad = 32 - len % 32;
    ByteBuffer buf = ByteBuffer.allocate(len + pad).put(random16).putInt(m.length).put(m).put(id);
    while (buf.hasRemaining()) {
      buf.put((byte) pad);
    }
    return buf.array();
  }

  static String rawEncrypt(String encodingAesKey, byte[] padded) throws Exception {
    byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return b64(c.doFinal(padded));
  }

  static byte[] rawDecrypt(String encodingAesKey, byte[] cipher) throws Exception {
    byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return c.doFinal(cipher);
  }
}
