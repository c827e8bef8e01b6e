package io.duban.command.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PinyinTest {

  @Test
  void plainCharactersHaveOneTonelessReading() {
    assertThat(Pinyin.syllables("就业助推"))
        .containsExactly(Set.of("jiu"), Set.of("ye"), Set.of("zhu"), Set.of("tui"));
  }

  @Test
  void polyphonesKeepAllReadings() {
    assertThat(Pinyin.readings('行')).contains("xing", "hang");
    assertThat(Pinyin.readings('长')).contains("chang", "zhang");
    assertThat(Pinyin.readings('重')).contains("zhong", "chong");
  }

  @Test
  void umlautIsWrittenAsV() {
    assertThat(Pinyin.readings('绿')).contains("lv");
    assertThat(Pinyin.readings('女')).contains("nv");
  }

  @Test
  void nonChineseMapsToItselfAndPunctuationIsSkipped() {
    assertThat(Pinyin.syllables("A1，就 业！"))
        .containsExactly(Set.of("a"), Set.of("1"), Set.of("jiu"), Set.of("ye"));
    assertThat(Pinyin.syllables("")).isEmpty();
    assertThat(Pinyin.syllables(null)).isEmpty();
  }

  @Test
  void homophonesShareCodes() {
    assertThat(Text.sameSound(Pinyin.codes('积'), Pinyin.codes('基'))).isTrue();
    assertThat(Text.sameSound(Pinyin.codes('联'), Pinyin.codes('连'))).isTrue();
    assertThat(Text.sameSound(Pinyin.codes('就'), Pinyin.codes('业'))).isFalse();
    // The ASCII letter is not the interjection 啊 (reading "a").
    assertThat(Text.sameSound(Pinyin.codes('a'), Pinyin.codes('啊'))).isFalse();
  }

  @Test
  void concurrentLookupsAgree() {
    // Characters no other test touches, so the cache is filled concurrently.
    String text = "鑫淼犇骉羴猋麤靐";
    List<List<Set<String>>> results =
        IntStream.range(0, 200).parallel().mapToObj(i -> Pinyin.syllables(text)).toList();
    assertThat(results).allSatisfy(r -> assertThat(r).isEqualTo(results.get(0)));
    assertThat(results.get(0)).hasSize(8).allSatisfy(r -> assertThat(r).isNotEmpty());
  }
}
