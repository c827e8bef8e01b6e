package io.duban.command.match;

/**
 * One item a query may refer to.
 *
 * @param item the configured item
 * @param name the item's canonical name
 * @param context the item's grouping label (e.g. its 工程), or {@code null}
 * @param matched the name or alias that matched
 * @param method how it matched
 * @param score confidence 0..100, comparable across methods
 * @param label text to show the user: the name, plus "（context）" when the name is not unique
 */
public record Candidate<T>(
    T item,
    String name,
    String context,
    String matched,
    MatchMethod method,
    int score,
    String label) {}
