package io.duban.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.MessageSplitter.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageSplitterTest {

  private static final String EMOJI = "😀"; // U+1F600: a surrogate pair, 4 UTF-8 bytes

  @Test
  void utf8Length() {
    assertThat(MessageSplitter.utf8Length("")).isZero();
    assertThat(MessageSplitter.utf8Length("a")).isEqualTo(1);
    assertThat(MessageSplitter.utf8Length("é")).isEqualTo(2);
    assertThat(MessageSplitter.utf8Length("督办")).isEqualTo(6);
    assertThat(MessageSplitter.utf8Length(EMOJI)).isEqualTo(4);
    assertThat(MessageSplitter.utf8Length("\uD83D")).isEqualTo(3);
    assertThat(MessageSplitter.utf8Length("\uDE00x")).isEqualTo(4);
    assertThat(MessageSplitter.utf8Length(new StringBuilder("a中😀"))).isEqualTo(8);
  }

  @Test
  void utf8LengthMatchesEncoderOnWellFormedText() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      String s = randomText(random, 300);
      assertThat(MessageSplitter.utf8Length(s))
          .isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void emptyTextGivesNoParts() {
    assertThat(MessageSplitter.split("", 2048)).isEmpty();
  }

  @Test
  void limitBelowFourRefused() {
    assertThatThrownBy(() -> MessageSplitter.split("x", 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shortTextIsOnePart() {
    String text = "请各单位上报进度。\n第二行";
    assertThat(MessageSplitter.split(text, 2048)).containsExactly(text);
  }

  @Test
  void exactBoundaryFitsInOnePart() {
    String line = "督".repeat(341); // 1023 bytes
    String text = line + "\n" + line + "\n"; // 1023 + 1 + 1023 + 1 = 2048 bytes
    assertThat(MessageSplitter.utf8Length(text)).isEqualTo(2048);
    assertThat(MessageSplitter.split(text, 2048)).containsExactly(text);
    List<Part> parts = MessageSplitter.splitParts(text, 2047);
    assertThat(parts).containsExactly(new Part(line, true), new Part(line + "\n", false));
    assertRebuilds(text, parts);
  }

  @Test
  void chineseLinesPackedAtLineBoundariesFor2048() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      sb.append("第").append(i).append("项：请于本周五前上报数字经济项目进度，逾期将通报。\n");
    }
    String text = sb.toString();
    List<Part> parts = MessageSplitter.splitParts(text, 2048);
    assertThat(parts).hasSizeGreaterThan(5);
    for (Part p : parts.subList(0, parts.size() - 1)) {
      assertThat(p.lineBreakAfter()).isTrue();
      assertThat(p.text()).startsWith("第").endsWith("。");
    }
    assertValid(text, parts, 2048);
  }

  @Test
  void longChineseLineCutAtCharacterBoundaries() {
    String text = "进".repeat(3000); // 9000 bytes in one line
    List<String> parts = MessageSplitter.split(text, 4096);
    assertThat(parts).extracting(String::length).containsExactly(1365, 1365, 270);
    assertThat(parts).allSatisfy(p -> assertThat(MessageSplitter.utf8Length(p) % 3).isZero());
    assertThat(String.join("", parts)).isEqualTo(text);
  }

  @Test
  void emojiNeverSplitAcrossSurrogatesOrBytes() {
    String text = "a" + EMOJI.repeat(1000);
    List<String> parts = MessageSplitter.split(text, 2048);
    // 1 + 511 * 4 = 2045; one more emoji would make 2049.
    assertThat(MessageSplitter.utf8Length(parts.get(0))).isEqualTo(2045);
    assertThat(MessageSplitter.utf8Length(parts.get(1))).isEqualTo(1956);
    assertThat(parts).hasSize(2);
    for (String p : parts) {
      assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
      assertThat(new String(p.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
          .isEqualTo(p);
    }
    assertThat(String.join("", parts)).isEqualTo(text);
  }

  @Test
  void longLineTailKeepsPackingFollowingLines() {
    String text = "x".repeat(10) + "\nab\ncd";
    List<Part> parts = MessageSplitter.splitParts(text, 8);
    assertThat(parts).containsExactly(new Part("xxxxxxxx", false), new Part("xx\nab\ncd", false));
    assertRebuilds(text, parts);
  }

  @Test
  void blankLineBetweenFullPartsTravelsWithNextLine() {
    String text = "abcde\n\nfghij";
    List<Part> parts = MessageSplitter.splitParts(text, 5);
    assertThat(parts)
        .containsExactly(new Part("abcde", true), new Part("\nfghi", false), new Part("j", false));
    assertRebuilds(text, parts);
    assertThat(MessageSplitter.split(text, 6)).containsExactly("abcde", "\nfghij");
  }

  @Test
  void trailingNewlineNeverLeftAlone() {
    List<Part> parts = MessageSplitter.splitParts("abcde\n", 5);
    assertThat(parts).containsExactly(new Part("abcd", false), new Part("e\n", false));
    assertThat(MessageSplitter.split("ab\ncd\n", 5)).containsExactly("ab", "cd\n");
    assertThat(MessageSplitter.split("督办\n\n", 6)).containsExactly("督", "办\n\n");
    assertThat(MessageSplitter.split(EMOJI + EMOJI + "\n", 8)).containsExactly(EMOJI, EMOJI + "\n");
  }

  @Test
  void onlyNewlines() {
    assertThat(MessageSplitter.split("\n", 4)).containsExactly("\n");
    assertThat(MessageSplitter.split("\n\n\n", 5)).containsExactly("\n\n\n");
    List<Part> parts = MessageSplitter.splitParts("\n".repeat(9), 4);
    assertThat(parts).allSatisfy(p -> assertThat(p.text()).isNotEmpty());
    assertRebuilds("\n".repeat(9), parts);
  }

  @ParameterizedTest
  @ValueSource(ints = {2048, 4096, 15000, 20000})
  void platformLimitsOnLargeMixedText(int limit) {
    Random random = new Random(limit);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 120_000) {
      sb.append(randomText(random, random.nextInt(10) == 0 ? 30_000 : 200));
      sb.append('\n');
      if (random.nextInt(5) == 0) {
        sb.append('\n');
      }
    }
    String text = sb.toString();
    assertValid(text, MessageSplitter.splitParts(text, limit), limit);
  }

  @Test
  void randomisedInvariants() {
    Random random = new Random(20180620);
    for (int round = 0; round < 3000; round++) {
      StringBuilder sb = new StringBuilder();
      int lines = random.nextInt(8);
      for (int i = 0; i <= lines; i++) {
        if (i > 0) {
          sb.append('\n');
        }
        sb.append(randomText(random, random.nextInt(4) == 0 ? 0 : random.nextInt(30)));
      }
      String text = sb.toString();
      int limit = 4 + random.nextInt(40);
      assertValid(text, MessageSplitter.splitParts(text, limit), limit);
    }
  }

  @Test
  void oneMegabyteIsFast() {
    StringBuilder sb = new StringBuilder();
    while (MessageSplitter.utf8Length(sb) < 1_000_000) {
      sb.append("第").append(sb.length()).append("项进度已上报 ✅ 完成率 46.8%\n");
    }
    String lines = sb.toString();
    String oneLine = "督".repeat(350_000);
    MessageSplitter.split(lines, 2048); // warm-up
    long start = System.nanoTime();
    List<String> a = MessageSplitter.split(lines, 2048);
    List<String> b = MessageSplitter.split(oneLine, 2048);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(a).hasSizeGreaterThan(480);
    assertThat(b).hasSize((350_000 + 681) / 682);
    assertThat(millis).as("split of 2 MB took %d ms", millis).isLessThan(2000);
  }

  /** Checks every documented property of a split. */
  private static void assertValid(String text, List<Part> parts, int limit) {
    assertRebuilds(text, parts);
    // Units as documented: blank lines belong to the next non-blank line, trailing blank lines to
    // the last one; a unit boundary is the first '\n' after a non-blank line, if text follows.
    int lastContent = text.length() - 1;
    while (lastContent >= 0 && text.charAt(lastContent) == '\n') {
      lastContent--;
    }
    int offset = 0;
    for (int i = 0; i < parts.size(); i++) {
      Part p = parts.get(i);
      assertThat(p.text()).isNotEmpty();
      assertThat(MessageSplitter.utf8Length(p.text())).isLessThanOrEqualTo(limit);
      assertThat(Character.isLowSurrogate(p.text().charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(p.text().charAt(p.text().length() - 1))).isFalse();
      int end = offset + p.text().length();
      if (p.lineBreakAfter()) {
        assertThat(text.charAt(end - 1)).isNotEqualTo('\n');
        assertThat(end).isLessThan(lastContent);
      } else if (i < parts.size() - 1) {
        // A cut not at a unit boundary is only allowed inside a unit that does not fit.
        int unitStart = end;
        while (unitStart > 0 && !isBoundary(text, unitStart - 1, lastContent)) {
          unitStart--;
        }
        int unitEnd = end;
        while (unitEnd < text.length() && !isBoundary(text, unitEnd, lastContent)) {
          unitEnd++;
        }
        assertThat(MessageSplitter.utf8Length(text.substring(unitStart, unitEnd)))
            .as("cut at %d inside a unit that fits", end)
            .isGreaterThan(limit);
      }
      offset = end + (p.lineBreakAfter() ? 1 : 0);
    }
  }

  private static boolean isBoundary(String text, int i, int lastContent) {
    return text.charAt(i) == '\n' && i > 0 && text.charAt(i - 1) != '\n' && i < lastContent;
  }

  private static void assertRebuilds(String text, List<Part> parts) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      sb.append(p.text());
      if (p.lineBreakAfter()) {
        sb.append('\n');
      }
    }
    assertThat(sb.toString()).isEqualTo(text);
    if (!parts.isEmpty()) {
      assertThat(parts.get(parts.size() - 1).lineBreakAfter()).isFalse();
    }
  }

  private static String randomText(Random random, int length) {
    String[] pool = {"a", "b", " ", "7", "é", "督", "办", "进", "度", EMOJI, "📈", "\t", "。"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(pool[random.nextInt(pool.length)]);
    }
    return sb.toString();
  }
}
