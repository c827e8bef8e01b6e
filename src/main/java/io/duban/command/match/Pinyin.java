package io.duban.command.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/** Toneless pinyin readings of Chinese text, cached per character and safe for concurrent use. */
public final class Pinyin {

  // Read-only after construction; pinyin4j only reads it.
  private static final HanyuPinyinOutputFormat FORMAT = format();

  // One slot per UTF-16 char: a flat array beats a boxed-key map on the hot path, and
  // AtomicReferenceArray gives safe publication of lazily computed, immutable values.
  private static final AtomicReferenceArray<Set<String>> READINGS =
      new AtomicReferenceArray<>(Character.MAX_VALUE + 1);
  private static final AtomicReferenceArray<int[]> CODES =
      new AtomicReferenceArray<>(Character.MAX_VALUE + 1);

  // Syllables (and literal non-Chinese characters) are interned to ints so that the matcher
  // compares readings with == instead of String.equals.
  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT_ID = new AtomicInteger();

  // Literal characters get their own namespace so that the ASCII letter "a" does not sound
  // like 啊 (reading "a").
  private static final char LITERAL = '\u0001';

  private Pinyin() {}

  /**
   * Readings of each significant character of {@code text}: all toneless readings for a Chinese
   * character (polyphones keep every reading, e.g. 行 → {xing, hang, heng}), the lower-cased
   * character itself otherwise; spaces and punctuation are skipped.
   */
  public static List<Set<String>> syllables(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<Set<String>> out = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); i++) {
      Set<String> r = readings(text.charAt(i));
      if (!r.isEmpty()) {
        out.add(r);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Readings of one character as described in {@link #syllables}; empty for spaces and punctuation.
   */
  public static Set<String> readings(char c) {
    char f = Text.fold(c);
    if (!Text.isSignificant(f)) {
      return Set.of();
    }
    Set<String> cached = READINGS.get(f);
    if (cached == null) {
      Set<String> chinese = chineseReadings(f);
      cached = chinese.isEmpty() ? Set.of(String.valueOf(f)) : chinese;
      READINGS.set(f, cached);
    }
    return cached;
  }

  /**
   * Interned reading codes of a folded significant character; two characters sound alike when their
   * code arrays intersect.
   */
  static int[] codes(char folded) {
    int[] cached = CODES.get(folded);
    if (cached == null) {
      Set<String> chinese = chineseReadings(folded);
      if (chinese.isEmpty()) {
        cached = new int[] {id(LITERAL + String.valueOf(folded))};
      } else {
        cached = chinese.stream().mapToInt(Pinyin::id).toArray();
      }
      CODES.set(folded, cached);
    }
    return cached;
  }

  private static int id(String syllable) {
    // computeIfAbsent runs the mapping function at most once per key, so ids stay unique.
    return IDS.computeIfAbsent(syllable, k -> NEXT_ID.incrementAndGet());
  }

  private static Set<String> chineseReadings(char c) {
    String[] raw;
    try {
      raw = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
    } catch (BadHanyuPinyinOutputFormatCombination e) {
      throw new IllegalStateException("pinyin4j rejected a fixed, valid format", e);
    }
    if (raw == null || raw.length == 0) {
      return Set.of();
    }
    // pinyin4j repeats readings that differ only in tone and has a few oddities such as "e^";
    // keep the distinct letter-only forms in dictionary order (most common reading first).
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String r : raw) {
      String clean = r.replaceAll("[^a-z]", "");
      if (!clean.isEmpty() && !clean.equals("none")) {
        out.add(clean);
      }
    }
    return out.isEmpty() ? Set.of() : Collections.unmodifiableSet(out);
  }

  private static HanyuPinyinOutputFormat format() {
    HanyuPinyinOutputFormat f = new HanyuPinyinOutputFormat();
    f.setCaseType(HanyuPinyinCaseType.LOWERCASE);
    f.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
    f.setVCharType(HanyuPinyinVCharType.WITH_V);
    return f;
  }
}
