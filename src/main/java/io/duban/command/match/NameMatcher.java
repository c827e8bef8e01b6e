package io.duban.command.match;

import io.duban.command.match.FormIndex.Form;
import io.duban.command.match.FormIndex.Hit;
import io.duban.command.match.FormIndex.Source;
import io.duban.command.match.Text.Normalized;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Immutable, thread-safe recogniser of forgivingly typed names (exact, alias, prefix, containment,
 * pinyin homophone and one-syllable typos) over a fixed set of entries.
 *
 * <p>Scores (0..100; {@code c} is coverage 0..1, measured against the name without its common
 * suffix when the match stays inside that part):
 *
 * <pre>
 * EXACT          100           query equals the name
 * ALIAS           95           query equals an alias
 * PREFIX          65 + 20c     query starts a name/alias; = 85 when it is the name minus 工程/局/中心
 * CONTAINS        60 + 20c     name contains the query (not at its start), query >= 2 chars
 * CONTAINS        65 + 15c     query contains a whole name among extra words, c = |name| / |query|
 * PINYIN          70           same syllables as a whole name/alias
 * PINYIN_PREFIX   55 + 15c     same syllables as the start of a name/alias (70 for name minus suffix)
 * PINYIN          60 + 10c     query contains a homophone of a whole name, c = |name| / |query|
 * FUZZY           60 / 55      one syllable edit on names of >= 4 chars; 60 if the query is the name
 *                              with one character left out ("慈善会" → 慈善总会), else 55
 * </pre>
 *
 * <p>Results below {@value #MIN_SCORE} are dropped; the result is AMBIGUOUS when the best two
 * distinct items are within {@value #AMBIGUITY_MARGIN} points.
 */
public final class NameMatcher<T> {

  /** Lowest score that still counts as a match. */
  public static final int MIN_SCORE = 50;

  /** Two items closer than this (inclusive) are reported as ambiguous. */
  public static final int AMBIGUITY_MARGIN = 10;

  /** Most candidates returned in a result. */
  public static final int MAX_CANDIDATES = 5;

  /** Suffixes users commonly leave out ("就业助推" for 就业助推工程, "人社" for 人社局). */
  public static final List<String> DEFAULT_SUFFIXES = List.of("工程", "中心", "局");

  private static final IntPredicate ALL = i -> true;

  /**
   * One configurable name.
   *
   * @param item what the caller gets back
   * @param name canonical name
   * @param aliases other accepted spellings (abbreviations, old names)
   * @param context optional grouping label such as the 工程 a target belongs to; tells apart items
   *     whose names repeat, and may prefix a query ("阳光帮扶 募集光彩基金")
   */
  public record Entry<T>(T item, String name, List<String> aliases, String context) {

    public Entry {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(name, "name");
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
      context = context == null || context.isBlank() ? null : context;
    }

    public static <T> Entry<T> of(T item, String name) {
      return new Entry<>(item, name, List.of(), null);
    }

    public static <T> Entry<T> of(T item, String name, String context) {
      return new Entry<>(item, name, List.of(), context);
    }
  }

  /**
   * A name found at the start (or end) of a text, with the text left over.
   *
   * @param candidate the name found
   * @param matched the raw text that matched
   * @param rest the raw remainder, whitespace-trimmed
   * @param alternatives other items matching the same span equally well (empty unless ambiguous)
   */
  public record Prefix<T>(
      Candidate<T> candidate, String matched, String rest, List<Candidate<T>> alternatives) {

    public Prefix {
      alternatives = List.copyOf(alternatives);
    }

    public T item() {
      return candidate.item();
    }

    public boolean ambiguous() {
      return !alternatives.isEmpty();
    }
  }

  /**
   * A name found inside a text.
   *
   * @param candidate the name found
   * @param matched the raw text that matched
   * @param start raw start index (inclusive)
   * @param end raw end index (exclusive)
   * @param alternatives other items matching the same span equally well (empty unless ambiguous)
   */
  public record Found<T>(
      Candidate<T> candidate, String matched, int start, int end, List<Candidate<T>> alternatives) {

    public Found {
      alternatives = List.copyOf(alternatives);
    }

    public T item() {
      return candidate.item();
    }

    public boolean ambiguous() {
      return !alternatives.isEmpty();
    }
  }

  private final List<Entry<T>> entries;
  private final String[] labels;
  private final int[] contextOf; // entry -> context id, -1 if none
  private final FormIndex names;
  private final FormIndex contexts;
  private final Set<String> suffixes;

  private NameMatcher(Collection<Entry<T>> entries, List<String> suffixes) {
    this.entries = List.copyOf(entries);
    // Longest suffix first so that e.g. "中心" is tried before a shorter suffix it ends with.
    List<String> sfx = new ArrayList<>();
    for (String s : suffixes) {
      String n = Text.normalize(s).text();
      if (!n.isEmpty()) {
        sfx.add(n);
      }
    }
    sfx.sort(Comparator.comparingInt(String::length).reversed());
    this.suffixes = Set.copyOf(sfx);

    Map<String, Integer> nameCounts = new HashMap<>();
    for (Entry<T> e : this.entries) {
      nameCounts.merge(Text.normalize(e.name()).text(), 1, Integer::sum);
    }
    labels = new String[this.entries.size()];
    contextOf = new int[this.entries.size()];
    List<Source> nameSources = new ArrayList<>();
    Map<String, Integer> contextIds = new LinkedHashMap<>();
    List<Source> contextSources = new ArrayList<>();
    for (int i = 0; i < this.entries.size(); i++) {
      Entry<T> e = this.entries.get(i);
      boolean repeated = nameCounts.get(Text.normalize(e.name()).text()) > 1;
      labels[i] = repeated && e.context() != null ? e.name() + "（" + e.context() + "）" : e.name();
      nameSources.add(new Source(i, e.name(), false));
      for (String alias : e.aliases()) {
        nameSources.add(new Source(i, alias, true));
      }
      contextOf[i] = -1;
      if (e.context() != null) {
        String key = Text.normalize(e.context()).text();
        if (!key.isEmpty()) {
          Integer id = contextIds.get(key);
          if (id == null) {
            id = contextIds.size();
            contextIds.put(key, id);
            contextSources.add(new Source(id, e.context(), false));
          }
          contextOf[i] = id;
        }
      }
    }
    names = new FormIndex(nameSources, sfx);
    contexts = new FormIndex(contextSources, sfx);
  }

  /** Builds a matcher with the {@link #DEFAULT_SUFFIXES}. */
  public static <T> NameMatcher<T> of(Collection<Entry<T>> entries) {
    return new NameMatcher<>(entries, DEFAULT_SUFFIXES);
  }

  /** Builds a matcher whose names may be typed without any of {@code omittableSuffixes}. */
  public static <T> NameMatcher<T> of(
      Collection<Entry<T>> entries, List<String> omittableSuffixes) {
    return new NameMatcher<>(entries, omittableSuffixes);
  }

  public List<Entry<T>> entries() {
    return entries;
  }

  /** Recognises the single name a query refers to. */
  public MatchResult<T> match(String query) {
    Normalized q = Text.normalize(query);
    if (q.isEmpty()) {
      return MatchResult.none();
    }
    Optional<MatchResult<T>> scoped = matchWithinContext(q);
    return scoped.orElseGet(() -> MatchResult.classify(rank(q, ALL)));
  }

  /**
   * Handles "阳光帮扶 募集光彩基金" / "募集光彩基金（生态共建光彩工程）": if the query starts or ends with a context label
   * and the rest matches an item of that context, only such items are considered.
   */
  private Optional<MatchResult<T>> matchWithinContext(Normalized q) {
    if (q.length() < 3) {
      return Optional.empty();
    }
    for (boolean atStart : new boolean[] {true, false}) {
      List<Hit> hits =
          atStart ? contexts.longestAt(q, 0, ALL) : contexts.longestEndingAt(q, q.length(), ALL);
      if (hits.isEmpty()) {
        continue;
      }
      int from = atStart ? hits.get(0).end() : 0;
      int to = atStart ? q.length() : hits.get(0).start();
      // "生态共建光彩工程的募集光彩基金": the possessive joins context and name.
      if (atStart && from < to && Similarity.isLinker(q.text().charAt(from))) {
        from++;
      } else if (!atStart && from < to && Similarity.isLinker(q.text().charAt(to - 1))) {
        to--;
      }
      if (from >= to) {
        continue;
      }
      Set<Integer> ids = new HashSet<>();
      for (Hit h : hits) {
        ids.add(h.form().owner);
      }
      List<Candidate<T>> ranked = rank(q.slice(from, to), i -> ids.contains(contextOf[i]));
      if (!ranked.isEmpty()) {
        return Optional.of(MatchResult.classify(ranked));
      }
    }
    return Optional.empty();
  }

  /** Mutable best score of one entry while ranking a query. */
  private static final class Best {
    Form form;
    MatchMethod method;
    int score;
  }

  private List<Candidate<T>> rank(Normalized q, IntPredicate allowed) {
    Map<Integer, Best> best = new HashMap<>();
    Scorer offer =
        (form, method, score) -> {
          if (!allowed.test(form.owner)) {
            return;
          }
          Best b = best.computeIfAbsent(form.owner, k -> new Best());
          if (b.form == null
              || score > b.score
              || (score == b.score && method.ordinal() < b.method.ordinal())) {
            b.form = form;
            b.method = method;
            b.score = score;
          }
        };
    String text = q.text();
    int n = q.length();

    for (Form f : names.exact(text)) {
      if (f.stripped) {
        offer.accept(f, MatchMethod.PREFIX, 85);
      } else {
        offer.accept(f, f.alias ? MatchMethod.ALIAS : MatchMethod.EXACT, f.alias ? 95 : 100);
      }
    }
    // One character, or a bare "工程"/"局", says too little for anything looser than equality.
    if (n >= 2 && !suffixes.contains(text)) {
      scoreLoosely(q, allowed, offer);
    }

    List<Map.Entry<Integer, Best>> sorted = new ArrayList<>(best.entrySet());
    sorted.sort(
        Comparator.<Map.Entry<Integer, Best>>comparingInt(e -> -e.getValue().score)
            .thenComparingInt(e -> e.getValue().method.ordinal())
            .thenComparingInt(Map.Entry::getKey));
    List<Candidate<T>> out = new ArrayList<>();
    Set<T> seen = new HashSet<>();
    for (Map.Entry<Integer, Best> e : sorted) {
      Best b = e.getValue();
      if (b.score < MIN_SCORE) {
        break;
      }
      if (seen.add(entries.get(e.getKey()).item())) {
        out.add(candidate(e.getKey(), b.form, b.method, b.score));
      }
    }
    return out;
  }

  private interface Scorer {
    void accept(Form form, MatchMethod method, int score);
  }

  private void scoreLoosely(Normalized q, IntPredicate allowed, Scorer offer) {
    String text = q.text();
    int n = q.length();
    names.forEachStartingWith(
        text,
        f -> {
          if (f.length() > n) {
            offer.accept(f, MatchMethod.PREFIX, Similarity.score(65, 20, f.coverage(n, n)));
          }
        });
    names.forEachContainingInside(
        text,
        (f, pos) ->
            offer.accept(
                f, MatchMethod.CONTAINS, Similarity.score(60, 20, f.coverage(n, pos + n))));
    // The user typed extra words around a name: "全区就业助推工程的".
    for (List<Hit> hits : names.findAll(q, allowed)) {
      for (Hit h : hits) {
        int len = h.end() - h.start();
        if (len < n) {
          double c = (double) len / n;
          if (h.exact()) {
            offer.accept(h.form(), MatchMethod.CONTAINS, Similarity.score(65, 15, c));
          } else {
            offer.accept(h.form(), MatchMethod.PINYIN, Similarity.score(60, 10, c));
          }
        }
      }
    }
    for (Form f : names.startingLike(q, 0)) {
      if (f.length() < n || !FormIndex.soundsLike(q, 0, f, n)) {
        continue;
      }
      if (f.length() == n) {
        offer.accept(f, f.stripped ? MatchMethod.PINYIN_PREFIX : MatchMethod.PINYIN, 70);
      } else if (!f.stripped) {
        offer.accept(f, MatchMethod.PINYIN_PREFIX, Similarity.score(55, 15, f.coverage(n, n)));
      }
    }
    if (n >= 3) {
      for (int len = Math.max(4, n - 1); len <= n + 1; len++) {
        for (Form f : names.ofLength(len)) {
          if (allowed.test(f.owner) && Similarity.oneEditApart(q, f)) {
            offer.accept(f, MatchMethod.FUZZY, Similarity.omitsOneChar(text, f.norm) ? 60 : 55);
          }
        }
      }
    }
  }

  private Candidate<T> candidate(int entry, Form form, MatchMethod method, int score) {
    Entry<T> e = entries.get(entry);
    return new Candidate<>(
        e.item(), e.name(), e.context(), form.label, method, score, labels[entry]);
  }

  /** The score a whole-span scan hit is worth, as if the span had been the query. */
  private Candidate<T> candidate(Hit h) {
    Form f = h.form();
    MatchMethod m;
    int score;
    if (h.exact()) {
      m = f.stripped ? MatchMethod.PREFIX : f.alias ? MatchMethod.ALIAS : MatchMethod.EXACT;
      score = f.stripped ? 85 : f.alias ? 95 : 100;
    } else {
      m = f.stripped ? MatchMethod.PINYIN_PREFIX : MatchMethod.PINYIN;
      score = 70;
    }
    return candidate(f.owner, f, m, score);
  }

  /**
   * The longest name or alias (literal, without its common suffix, or a homophone) that starts
   * {@code text}, e.g. "就业助推工程进度" → (就业助推工程, "进度").
   */
  public Optional<Prefix<T>> longestNameAtStart(String text) {
    Normalized t = Text.normalize(text);
    List<Hit> hits = names.longestAt(t, 0, ALL);
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    List<Candidate<T>> cands = resolve(hits, t);
    int rawEnd = t.origin()[hits.get(0).end() - 1] + 1;
    return Optional.of(
        new Prefix<>(
            cands.get(0),
            text.substring(t.origin()[0], rawEnd),
            text.substring(rawEnd).strip(),
            cands.subList(1, cands.size())));
  }

  /**
   * The longest name or alias that ends {@code text}, e.g. "进度就业助推" → (就业助推工程, "进度"); the rest is
   * the text before it.
   */
  public Optional<Prefix<T>> longestNameAtEnd(String text) {
    Normalized t = Text.normalize(text);
    List<Hit> hits = names.longestEndingAt(t, t.length(), ALL);
    if (hits.isEmpty()) {
      return Optional.empty();
    }
    List<Candidate<T>> cands = resolve(hits, t);
    int rawStart = t.origin()[hits.get(0).start()];
    int rawEnd = t.origin()[t.length() - 1] + 1;
    return Optional.of(
        new Prefix<>(
            cands.get(0),
            text.substring(rawStart, rawEnd),
            text.substring(0, rawStart).strip(),
            cands.subList(1, cands.size())));
  }

  /** Non-overlapping names occurring anywhere in {@code text}, leftmost-longest first. */
  public List<Found<T>> findAll(String text) {
    Normalized t = Text.normalize(text);
    List<Found<T>> out = new ArrayList<>();
    for (List<Hit> hits : names.findAll(t, ALL)) {
      List<Candidate<T>> cands = resolve(hits, t);
      int rawStart = t.origin()[hits.get(0).start()];
      int rawEnd = t.origin()[hits.get(0).end() - 1] + 1;
      out.add(
          new Found<>(
              cands.get(0),
              text.substring(rawStart, rawEnd),
              rawStart,
              rawEnd,
              cands.subList(1, cands.size())));
    }
    return out;
  }

  /**
   * Turns tied hits into distinct-item candidates, best first; when the names repeat across
   * contexts and the text also mentions exactly one of those contexts, keeps only that one.
   */
  private List<Candidate<T>> resolve(List<Hit> hits, Normalized t) {
    List<Hit> sorted = new ArrayList<>(hits);
    sorted.sort(
        Comparator.<Hit>comparingInt(h -> h.form().stripped ? 1 : 0)
            .thenComparingInt(h -> h.form().alias ? 1 : 0)
            .thenComparingInt(h -> h.form().owner));
    // One candidate per item; owners.get(k) is the entry behind cands.get(k).
    List<Candidate<T>> cands = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    Set<T> seen = new HashSet<>();
    for (Hit h : sorted) {
      if (seen.add(entries.get(h.form().owner).item())) {
        cands.add(candidate(h));
        owners.add(h.form().owner);
      }
    }
    if (cands.size() > 1) {
      Hit span = hits.get(0);
      Set<Integer> mentioned = new HashSet<>();
      for (List<Hit> ctx : contexts.findAll(t, ALL)) {
        for (Hit c : ctx) {
          // Only a mention outside the name's own span counts as a context.
          if (c.end() <= span.start() || c.start() >= span.end()) {
            mentioned.add(c.form().owner);
          }
        }
      }
      List<Candidate<T>> narrowed = new ArrayList<>();
      for (int k = 0; k < cands.size(); k++) {
        if (mentioned.contains(contextOf[owners.get(k)])) {
          narrowed.add(cands.get(k));
        }
      }
      if (!narrowed.isEmpty() && narrowed.size() < cands.size()) {
        return narrowed;
      }
    }
    return cands;
  }
}
