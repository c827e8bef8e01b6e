package io.duban.command.match;

import io.duban.command.match.FormIndex.Form;
import io.duban.command.match.Text.Normalized;

/** The small comparisons {@link NameMatcher} scores with: syllable edits, dropped characters. */
final class Similarity {
  private Similarity() {}

  /** "的" and "之" join a context to a name ("生态共建光彩工程的募集光彩基金"). */
  static boolean isLinker(char c) {
    return c == '的' || c == '之';
  }

  static int score(int base, int span, double coverage) {
    return (int) Math.round(base + span * Math.min(1.0, coverage));
  }

  /** Syllable edit distance exactly 1 (distance 0 is PINYIN's business). */
  static boolean oneEditApart(Normalized q, Form f) {
    int[][] a = q.codes();
    int[][] b = f.codes;
    if (a.length == b.length) {
      int diff = 0;
      for (int i = 0; i < a.length && diff <= 1; i++) {
        if (!Text.sameSound(a[i], b[i])) {
          diff++;
        }
      }
      return diff == 1;
    }
    int[][] shorter = a.length < b.length ? a : b;
    int[][] longer = a.length < b.length ? b : a;
    if (longer.length - shorter.length != 1) {
      return false;
    }
    int p = 0;
    while (p < shorter.length && Text.sameSound(shorter[p], longer[p])) {
      p++;
    }
    int s = 0;
    while (s < shorter.length
        && Text.sameSound(shorter[shorter.length - 1 - s], longer[longer.length - 1 - s])) {
      s++;
    }
    return p + s >= shorter.length;
  }

  /** Whether {@code query} is {@code name} with exactly one character left out. */
  static boolean omitsOneChar(String query, String name) {
    if (name.length() != query.length() + 1) {
      return false;
    }
    int p = 0;
    while (p < query.length() && query.charAt(p) == name.charAt(p)) {
      p++;
    }
    return query.regionMatches(p, name, p + 1, query.length() - p);
  }
}
