package io.duban.text;

import java.math.BigDecimal;

/**
 * Locates one number found in a longer text.
 *
 * @param start index of the first character in the original text
 * @param end index after the last character in the original text
 * @param text the characters between start and end, as written
 * @param value the number with any 万/亿 multiplier applied
 */
public record NumberSpan(int start, int end, String text, BigDecimal value) {}
