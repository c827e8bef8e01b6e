package io.duban.command.match;

/** How a query was recognised as a name, ordered from most to least trustworthy. */
public enum MatchMethod {
  /** The query equals the name (ignoring spaces, punctuation and case). */
  EXACT,
  /** The query equals one of the aliases. */
  ALIAS,
  /** The query starts the name or alias, e.g. "就业助推" for 就业助推工程. */
  PREFIX,
  /** The name contains the query, or the query contains the whole name among extra words. */
  CONTAINS,
  /** Same toneless syllables as the whole name or alias (homophone typo, e.g. "残连" → 残联). */
  PINYIN,
  /** Same toneless syllables as the start of a name or alias, e.g. "旧业助推" → 就业助推工程. */
  PINYIN_PREFIX,
  /** One syllable inserted, dropped or replaced, e.g. "慈善会" → 慈善总会. */
  FUZZY
}
