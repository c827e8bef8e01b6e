package io.duban.command.match;

import io.duban.command.match.Text.Normalized;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Package-private lookup structures over the normalised spellings ("forms") of a set of names, so
 * that a query touches only the few forms that can possibly match instead of all entries.
 */
final class FormIndex {

  /** A name or alias, as given or with its common suffix removed. */
  static final class Form {
    final int owner; // index of the entry (or context) this spelling belongs to
    final String label; // the name/alias as configured, for display
    final boolean alias;
    final boolean stripped; // this spelling is the name minus 工程/局/中心
    final String norm;
    final int[][] codes;
    final int coreLen; // length without the common suffix; equals norm.length() if none

    Form(
        int owner,
        String label,
        boolean alias,
        boolean stripped,
        String norm,
        int[][] codes,
        int coreLen) {
      this.owner = owner;
      this.label = label;
      this.alias = alias;
      this.stripped = stripped;
      this.norm = norm;
      this.codes = codes;
      this.coreLen = coreLen;
    }

    int length() {
      return norm.length();
    }

    /**
     * Coverage of a match of {@code n} characters ending at {@code end}: measured against the core
     * length when the match stays inside the core, so "就业助推" fully covers 就业助推工程.
     */
    double coverage(int n, int end) {
      return (double) n / (end <= coreLen ? coreLen : norm.length());
    }
  }

  /** A spelling found inside a text at {@code [start, end)} of the normalised text. */
  record Hit(Form form, int start, int end, boolean exact) {}

  /** A source spelling to index. */
  record Source(int owner, String label, boolean alias) {}

  private record Posting(Form form, int pos) {}

  private final Map<String, List<Form>> exact = new HashMap<>();
  private final Form[] sorted; // full spellings by norm, for prefix range scans
  private final String[] sortedNorms;
  private final Map<String, List<Posting>> bigrams = new HashMap<>();
  private final Map<Long, List<Form>> heads = new HashMap<>();
  private final Map<Long, List<Form>> tails = new HashMap<>();
  private final Map<Integer, List<Form>> byLength = new HashMap<>();

  FormIndex(List<Source> sources, List<String> suffixes) {
    List<Form> full = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Source s : sources) {
      Normalized n = Text.normalize(s.label());
      if (n.isEmpty() || !seen.add(s.owner() + "\u0000" + n.text())) {
        continue;
      }
      int core = coreLength(n.text(), suffixes);
      Form f = new Form(s.owner(), s.label(), s.alias(), false, n.text(), n.codes(), core);
      full.add(f);
      add(f);
      if (core < n.length()) {
        add(
            new Form(
                s.owner(),
                s.label(),
                s.alias(),
                true,
                n.text().substring(0, core),
                Arrays.copyOf(n.codes(), core),
                core));
      }
    }
    full.sort(Comparator.comparing(f -> f.norm));
    sorted = full.toArray(new Form[0]);
    sortedNorms = full.stream().map(f -> f.norm).toArray(String[]::new);
    for (Form f : full) {
      for (int p = 1; p + 2 <= f.length(); p++) {
        bigrams
            .computeIfAbsent(f.norm.substring(p, p + 2), k -> new ArrayList<>())
            .add(new Posting(f, p));
      }
    }
  }

  private void add(Form f) {
    exact.computeIfAbsent(f.norm, k -> new ArrayList<>()).add(f);
    int n = f.length();
    if (n >= 2) {
      for (long key : pairKeys(f.codes[0], f.codes[1])) {
        heads.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
      }
      for (long key : pairKeys(f.codes[n - 2], f.codes[n - 1])) {
        tails.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
      }
    }
    if (n >= 4) {
      byLength.computeIfAbsent(n, k -> new ArrayList<>()).add(f);
    }
  }

  /** Length of {@code norm} without a trailing common suffix, if at least 2 characters remain. */
  static int coreLength(String norm, List<String> suffixes) {
    for (String suffix : suffixes) {
      if (norm.endsWith(suffix) && norm.length() - suffix.length() >= 2) {
        return norm.length() - suffix.length();
      }
    }
    return norm.length();
  }

  private static long[] pairKeys(int[] a, int[] b) {
    long[] keys = new long[a.length * b.length];
    int k = 0;
    for (int x : a) {
      for (int y : b) {
        keys[k++] = ((long) x << 32) | (y & 0xffffffffL);
      }
    }
    return keys;
  }

  List<Form> exact(String norm) {
    return exact.getOrDefault(norm, List.of());
  }

  /** Full spellings that start with {@code q} (including {@code q} itself). */
  void forEachStartingWith(String q, Consumer<Form> action) {
    int i = Arrays.binarySearch(sortedNorms, q);
    for (i = i < 0 ? -i - 1 : i; i < sortedNorms.length && sortedNorms[i].startsWith(q); i++) {
      action.accept(sorted[i]);
    }
  }

  /** Full spellings containing {@code q} at a position after the first character. */
  void forEachContainingInside(String q, ContainsAction action) {
    for (Posting p : bigrams.getOrDefault(q.substring(0, 2), List.of())) {
      if (p.form().norm.startsWith(q, p.pos())) {
        action.accept(p.form(), p.pos());
      }
    }
  }

  /** Receives a spelling and the position where the query occurs in it. */
  interface ContainsAction {
    void accept(Form form, int pos);
  }

  /** Spellings whose first two characters sound like {@code t[i], t[i+1]}. */
  List<Form> startingLike(Normalized t, int i) {
    return lookup(heads, t.codes()[i], t.codes()[i + 1]);
  }

  private static List<Form> lookup(Map<Long, List<Form>> map, int[] a, int[] b) {
    if (a.length == 1 && b.length == 1) {
      return map.getOrDefault(pairKeys(a, b)[0], List.of());
    }
    // Polyphonic characters on either side: several keys may list the same spelling.
    List<Form> out = new ArrayList<>();
    Set<Form> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (long key : pairKeys(a, b)) {
      for (Form f : map.getOrDefault(key, List.of())) {
        if (seen.add(f)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** Spellings of exactly {@code len} characters ({@code len >= 4}). */
  List<Form> ofLength(int len) {
    return byLength.getOrDefault(len, List.of());
  }

  /** Whether {@code f} sounds like {@code t} over {@code len} characters from {@code at}. */
  static boolean soundsLike(Normalized t, int at, Form f, int len) {
    int[][] tc = t.codes();
    for (int k = 0; k < len; k++) {
      if (!Text.sameSound(tc[at + k], f.codes[k])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The longest spellings (at least 2 characters) starting at {@code i}; literal matches beat
   * homophones of the same length, and all spellings tied on both are returned.
   */
  List<Hit> longestAt(Normalized t, int i, IntPredicate allowed) {
    if (i + 2 > t.length()) {
      return List.of();
    }
    List<Hit> best = new ArrayList<>();
    for (Form f : startingLike(t, i)) {
      int end = i + f.length();
      if (end > t.length() || !allowed.test(f.owner) || !soundsLike(t, i, f, f.length())) {
        continue;
      }
      best = better(best, new Hit(f, i, end, t.text().startsWith(f.norm, i)));
    }
    return best;
  }

  /** Like {@link #longestAt} for spellings ending exactly at {@code end}. */
  List<Hit> longestEndingAt(Normalized t, int end, IntPredicate allowed) {
    if (end < 2) {
      return List.of();
    }
    List<Hit> best = new ArrayList<>();
    for (Form f : lookup(tails, t.codes()[end - 2], t.codes()[end - 1])) {
      int start = end - f.length();
      if (start < 0 || !allowed.test(f.owner) || !soundsLike(t, start, f, f.length())) {
        continue;
      }
      best = better(best, new Hit(f, start, end, t.text().startsWith(f.norm, start)));
    }
    return best;
  }

  /** Leftmost-longest, non-overlapping spellings anywhere in {@code t}; one tie list per place. */
  List<List<Hit>> findAll(Normalized t, IntPredicate allowed) {
    List<List<Hit>> out = new ArrayList<>();
    int i = 0;
    while (i + 2 <= t.length()) {
      List<Hit> hits = longestAt(t, i, allowed);
      if (hits.isEmpty()) {
        i++;
      } else {
        out.add(hits);
        i = hits.get(0).end();
      }
    }
    return out;
  }

  private static List<Hit> better(List<Hit> best, Hit h) {
    if (best.isEmpty()) {
      best.add(h);
      return best;
    }
    Hit b = best.get(0);
    int len = h.end() - h.start();
    int bestLen = b.end() - b.start();
    if (len > bestLen || (len == bestLen && h.exact() && !b.exact())) {
      List<Hit> fresh = new ArrayList<>();
      fresh.add(h);
      return fresh;
    }
    if (len == bestLen && h.exact() == b.exact()) {
      best.add(h);
    }
    return best;
  }
}
