package io.duban.command.match;

import java.util.Arrays;

/** Package-private text folding shared by {@link Pinyin} and {@link NameMatcher}. */
final class Text {

  private Text() {}

  /**
   * Folds full-width ASCII to half-width and lower-cases, so that "ＡＢ" and "ab" compare equal even
   * when the upstream normaliser was bypassed.
   */
  static char fold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0);
    } else if (c == '\u3000') {
      c = ' ';
    }
    return Character.toLowerCase(c);
  }

  /**
   * Whether a (folded) character takes part in comparisons; spaces, punctuation and symbols do not,
   * so "就业 助推·工程" equals "就业助推工程". Surrogates are kept because rare characters in names must not
   * silently vanish.
   */
  static boolean isSignificant(char c) {
    return Character.isLetterOrDigit(c) || Character.isIdeographic(c) || Character.isSurrogate(c);
  }

  /** Folded significant characters of {@code raw}, with a map back to raw positions. */
  static Normalized normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      return new Normalized("", new int[0], new int[0][]);
    }
    StringBuilder sb = new StringBuilder(raw.length());
    int[] origin = new int[raw.length()];
    for (int i = 0; i < raw.length(); i++) {
      char c = fold(raw.charAt(i));
      if (isSignificant(c)) {
        origin[sb.length()] = i;
        sb.append(c);
      }
    }
    String text = sb.toString();
    int[][] codes = new int[text.length()][];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = Pinyin.codes(text.charAt(i));
    }
    return new Normalized(text, Arrays.copyOf(origin, text.length()), codes);
  }

  /**
   * A normalised text: {@code text} holds the significant characters, {@code origin[i]} the raw
   * index of {@code text.charAt(i)}, {@code codes[i]} its syllable codes.
   */
  record Normalized(String text, int[] origin, int[][] codes) {

    int length() {
      return text.length();
    }

    boolean isEmpty() {
      return text.isEmpty();
    }

    /** Sub-range {@code [from, to)} of this normalised text, keeping the raw origins. */
    Normalized slice(int from, int to) {
      return new Normalized(
          text.substring(from, to),
          Arrays.copyOfRange(origin, from, to),
          Arrays.copyOfRange(codes, from, to));
    }
  }

  /** Whether two characters share at least one reading (identical characters always do). */
  static boolean sameSound(int[] a, int[] b) {
    for (int x : a) {
      for (int y : b) {
        if (x == y) {
          return true;
        }
      }
    }
    return false;
  }
}
