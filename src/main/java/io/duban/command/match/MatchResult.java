package io.duban.command.match;

import java.util.List;
import java.util.Optional;

/**
 * Outcome of {@link NameMatcher#match}: no match, one clear winner, or several close candidates to
 * offer the user.
 *
 * @param kind NONE, UNIQUE or AMBIGUOUS
 * @param candidates best first; for AMBIGUOUS only those within the ambiguity margin of the best
 */
public record MatchResult<T>(Kind kind, List<Candidate<T>> candidates) {

  /** Whether and how clearly a query identified an item. */
  public enum Kind {
    NONE,
    UNIQUE,
    AMBIGUOUS
  }

  public MatchResult {
    candidates = List.copyOf(candidates);
  }

  static <T> MatchResult<T> none() {
    return new MatchResult<>(Kind.NONE, List.of());
  }

  /**
   * The result of ranked candidates (best first): AMBIGUOUS when the best two are within {@link
   * NameMatcher#AMBIGUITY_MARGIN}, at most {@link NameMatcher#MAX_CANDIDATES} kept.
   */
  static <T> MatchResult<T> classify(List<Candidate<T>> ranked) {
    if (ranked.isEmpty()) {
      return MatchResult.none();
    }
    int top = ranked.get(0).score();
    if (ranked.size() > 1 && top - ranked.get(1).score() <= NameMatcher.AMBIGUITY_MARGIN) {
      List<Candidate<T>> close =
          ranked.stream()
              .filter(c -> top - c.score() <= NameMatcher.AMBIGUITY_MARGIN)
              .limit(NameMatcher.MAX_CANDIDATES)
              .toList();
      return new MatchResult<>(Kind.AMBIGUOUS, close);
    }
    return new MatchResult<>(
        Kind.UNIQUE, ranked.subList(0, Math.min(NameMatcher.MAX_CANDIDATES, ranked.size())));
  }

  /** The highest-scoring candidate, present for UNIQUE and AMBIGUOUS. */
  public Optional<Candidate<T>> best() {
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
  }

  public boolean isUnique() {
    return kind == Kind.UNIQUE;
  }

  public boolean isAmbiguous() {
    return kind == Kind.AMBIGUOUS;
  }
}
