package io.duban.chat.feishu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Split data frames put together in seq order, and what is dropped to keep memory bounded. */
class FeishuPartsTest {
  static final long TTL = 1_000;

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void partsInAnyOrderMakeTheWholeOnce() {
    FeishuParts parts = new FeishuParts(TTL);
    assertThat(parts.add("m", 3, 2, b("丙"), 0)).isNull();
    assertThat(parts.add("m", 3, 0, b("甲"), 1)).isNull();
    assertThat(parts.add("other", 2, 0, b("x"), 1)).isNull();
    assertThat(new String(parts.add("m", 3, 1, b("乙"), 2), StandardCharsets.UTF_8))
        .isEqualTo("甲乙丙");
    assertThat(parts.open()).isEqualTo(1);
  }

  @Test
  void incompleteMessagesExpireAndBadNumbersAreDropped() {
    FeishuParts parts = new FeishuParts(TTL);
    parts.add("m", 2, 0, b("a"), 0);
    assertThat(parts.add("m", 2, 1, b("b"), TTL + 1)).as("first part expired").isNull();
    assertThat(parts.add("m", 2, 0, b("a"), TTL + 2)).isNotNull();
    assertThat(parts.add("n", 2, 2, b("a"), 0)).isNull();
    assertThat(parts.add("n", 2, -1, b("a"), 0)).isNull();
    assertThat(parts.add("n", FeishuParts.MAX_PARTS + 1, 0, b("a"), 0)).isNull();
    assertThat(parts.add(null, 2, 0, b("a"), 0)).isNull();
    assertThat(parts.open()).isZero();
  }

  @Test
  void openMessagesAndTheirSizeAreBounded() {
    FeishuParts parts = new FeishuParts(TTL);
    for (int i = 0; i < FeishuParts.MAX_OPEN * 3; i++) {
      parts.add("m" + i, 2, 0, b("a"), 0);
    }
    assertThat(parts.open()).isEqualTo(FeishuParts.MAX_OPEN);
    byte[] half = new byte[FeishuParts.MAX_BYTES / 2 + 1];
    parts.add("big", 3, 0, half, 0);
    assertThat(parts.add("big", 3, 1, half, 0)).isNull();
    assertThat(parts.add("big", 3, 2, b("z"), 0)).as("dropped when too large").isNull();
  }
}
