package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.feishu.FeishuCryptoException.Reason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class FeishuCryptoTest {

  // Community-published vector said to come from the Feishu doc (docs/platforms.md §3.3).
  private static final String OFFICIAL = "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=";
  private static final byte[] LARK_BODY =
      ("{\"encrypt\":\"" + OFFICIAL + "\"}").getBytes(StandardCharsets.UTF_8);

  // tools/vectors.py: Python cryptography + hashlib + hmac, independent of this code.
  private static final String OWN_KEY = "督办密钥";
  private static final String OWN_PLAIN =
      "{\"challenge\":\"督办挑战\",\"token\":\"t\",\"type\":\"url_verification\"}";
  private static final String OWN_ENCRYPT =
      "AAECAwQFBgcICQoLDA0OD7k7IKxpTbxzrv59mK2CIzEANQnH5nkHbAKYNpFxDTPmPu8zTHAg8lDpKAsx6yqC88aiNiMg"
          + "LLyh/gX34B5GsXtzBBlNETsU1tov/PV4oFnt";
  private static final byte[] OWN_BODY =
      ("{\"encrypt\":\"" + OWN_ENCRYPT + "\",\"备注\":\"中文\"}").getBytes(StandardCharsets.UTF_8);

  @Test
  void decryptsDocVector() {
    assertThat(FeishuCrypto.decrypt("test key", OFFICIAL)).isEqualTo("hello world");
  }

  @Test
  void larkSignatureDocVector() {
    assertThat(FeishuCrypto.requestSignature("1600000000", "nonce123", "test key", LARK_BODY))
        .isEqualTo("c614215b4d337efe9d1a48fb05dfd8a5b210245ea83508441942fe4b952333f7");
    assertThat(
            FeishuCrypto.verifyRequest(
                "c614215b4d337efe9d1a48fb05dfd8a5b210245ea83508441942fe4b952333f7",
                "1600000000",
                "nonce123",
                "test key",
                LARK_BODY))
        .isTrue();
  }

  @Test
  void webhookSignDocVector() {
    assertThat(FeishuCrypto.webhookSign(1599360473L, "demo"))
        .isEqualTo("l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
  }

  @Test
  void ownChineseVectors() {
    byte[] iv = new byte[16];
    for (int i = 0; i < 16; i++) {
      iv[i] = (byte) i;
    }
    assertThat(FeishuCrypto.encrypt(OWN_KEY, OWN_PLAIN, iv)).isEqualTo(OWN_ENCRYPT);
    assertThat(FeishuCrypto.decrypt(OWN_KEY, OWN_ENCRYPT)).isEqualTo(OWN_PLAIN);
    assertThat(FeishuCrypto.requestSignature("1700000000", "随机nonce", OWN_KEY, OWN_BODY))
        .isEqualTo("3643b4802def6b45aef534307fa231fdb5ca7a7f2b1c479540f791626f44e91f");
    assertThat(FeishuCrypto.webhookSign(1700000000L, "督办秘密"))
        .isEqualTo("TmghCU0cNrYeo6cXBngTkChFWrxlOUiYHNEF5a2irLk=");
  }

  @Test
  void verifyRejectsTamperingAndReEncodedBody() {
    String sig = FeishuCrypto.requestSignature("1700000000", "随机nonce", OWN_KEY, OWN_BODY);
    assertThat(FeishuCrypto.verifyRequest(sig, "1700000000", "随机nonce", OWN_KEY, OWN_BODY))
        .isTrue();
    assertThat(
            FeishuCrypto.verifyRequest(
                sig.toUpperCase(), "1700000000", "随机nonce", OWN_KEY, OWN_BODY))
        .isTrue();
    byte[] tampered = OWN_BODY.clone();
    tampered[tampered.length - 2] ^= 1;
    assertThat(FeishuCrypto.verifyRequest(sig, "1700000000", "随机nonce", OWN_KEY, tampered))
        .isFalse();
    assertThat(FeishuCrypto.verifyRequest(sig, "1700000001", "随机nonce", OWN_KEY, OWN_BODY))
        .isFalse();
    assertThat(FeishuCrypto.verifyRequest(sig, "1700000000", "随机nonce", "other", OWN_BODY))
        .isFalse();
    // The same JSON text in another charset is different bytes, hence a different signature.
    byte[] gbk = new String(OWN_BODY, StandardCharsets.UTF_8).getBytes(Charset.forName("GBK"));
    assertThat(FeishuCrypto.verifyRequest(sig, "1700000000", "随机nonce", OWN_KEY, gbk)).isFalse();
    // Re-serialised JSON (extra space) no longer matches.
    byte[] reformatted =
        new String(OWN_BODY, StandardCharsets.UTF_8)
            .replace("\":\"", "\": \"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(FeishuCrypto.verifyRequest(sig, "1700000000", "随机nonce", OWN_KEY, reformatted))
        .isFalse();
    assertThat(FeishuCrypto.verifyRequest(null, "1700000000", "随机nonce", OWN_KEY, OWN_BODY))
        .isFalse();
    assertThat(FeishuCrypto.verifyRequest(sig, null, "随机nonce", OWN_KEY, OWN_BODY)).isFalse();
  }

  @Test
  void badBase64() {
    assertReason(() -> FeishuCrypto.decrypt("test key", "%%%not-base64"), Reason.BAD_BASE64);
    assertReason(() -> FeishuCrypto.decrypt("test key", null), Reason.BAD_BASE64);
  }

  @Test
  void badLength() {
    assertReason(() -> FeishuCrypto.decrypt("test key", ""), Reason.BAD_LENGTH);
    // Truncated value: 40 Base64 chars = 30 bytes, not IV plus whole blocks.
    assertReason(
        () -> FeishuCrypto.decrypt("test key", OFFICIAL.substring(0, 40)), Reason.BAD_LENGTH);
    byte[] ivOnly = Arrays.copyOf(Base64.getDecoder().decode(OFFICIAL), 16);
    assertReason(
        () -> FeishuCrypto.decrypt("test key", Base64.getEncoder().encodeToString(ivOnly)),
        Reason.BAD_LENGTH);
  }

  @Test
  void badPadding() {
    assertReason(() -> FeishuCrypto.decrypt("wrong key", OFFICIAL), Reason.BAD_PADDING);
    byte[] flipped = Base64.getDecoder().decode(OFFICIAL);
    flipped[flipped.length - 1] ^= 0x55;
    assertReason(
        () -> FeishuCrypto.decrypt("test key", Base64.getEncoder().encodeToString(flipped)),
        Reason.BAD_PADDING);
    byte[] garbage = new byte[48];
    Arrays.fill(garbage, (byte) 7);
    assertReason(
        () -> FeishuCrypto.decrypt("test key", Base64.getEncoder().encodeToString(garbage)),
        Reason.BAD_PADDING);
  }

  @Test
  void encryptRejectsWrongIvLength() {
    assertThatThrownBy(() -> FeishuCrypto.encrypt("k", "x", new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundTripWithRandomishIvs() {
    for (int i = 0; i < 40; i++) {
      byte[] iv = new byte[16];
      Arrays.fill(iv, (byte) (i * 7));
      String text = "第" + i + "条 📌 " + "进度".repeat(i);
      assertThat(FeishuCrypto.decrypt("k" + i, FeishuCrypto.encrypt("k" + i, text, iv)))
          .isEqualTo(text);
    }
  }

  private static void assertReason(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            FeishuCryptoException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .message()
        .doesNotContain("test key")
        .doesNotContain("wrong key")
        .doesNotContain("hello");
  }
}
