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
