package io.duban.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Cleans a raw chat message (full-width forms, invisible characters, emoji, "@bot name" mentions,
 * spacing) so that the number parsers see plain text. A chat platform's own mention markup is not
 * known here: the conversation removes it first, through that platform's rules.
 */
public final class TextNormalizer {

  private TextNormalizer() {}

  /**
   * Normalises a chat message.
   *
   * @param raw the message as delivered by the chat platform, may be null
   * @param botNames names the bot is addressed by; a leading "@name" is removed
   * @return the cleaned text, never null
   */
  public static String normalize(String raw, Collection<String> botNames) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String mapped = mapCharacters(raw);
    return stripMentionsAndCollapse(mapped, prepareNames(botNames));
  }

  private static String mapCharacters(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (isDropped(cp)) {
        continue;
      }
      // The heavy plus and minus emoji are used as signs, and a sign changes the meaning.
      if (cp == 0x2795 || cp == 0x2796) {
        sb.append(cp == 0x2795 ? '+' : '-');
        continue;
      }
      if (isPictograph(cp)) {
        // A space rather than nothing, so "1200👍3000" does not become one invented number.
        sb.append(' ');
        continue;
      }
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        sb.append((char) (cp - 0xFEE0));
        continue;
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85) {
        sb.append(' ');
        continue;
      }
      if (Character.getType(cp) == Character.CONTROL) {
        continue;
      }
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  /** Invisible characters are dropped outright, so "1\u200B2000" is read as 12000. */
  private static boolean isDropped(int cp) {
    if (cp == 0x00AD || cp == 0xFEFF || cp == 0x20E3 || cp == 0x180E) {
      return true;
    }
    if ((cp >= 0x200B && cp <= 0x200F)
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x206F)
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0000 && cp <= 0xE007F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.FORMAT || type == Character.SURROGATE;
  }

  private static boolean isPictograph(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF)
        || (cp >= 0x2600 && cp <= 0x27BF)
        || (cp >= 0x2B00 && cp <= 0x2BFF)
        || cp == 0x231A
        || cp == 0x231B
        || (cp >= 0x23E9 && cp <= 0x23FA)
        || cp == 0x3030
        || cp == 0x303D
        || cp == 0x3297
        || cp == 0x3299;
  }

  private static List<String> prepareNames(Collection<String> botNames) {
    List<String> names = new ArrayList<>();
    if (botNames == null) {
      return names;
    }
    for (String name : botNames) {
      if (name == null) {
        continue;
      }
      String cleaned = mapCharacters(name).strip();
      while (cleaned.startsWith("@")) {
        cleaned = cleaned.substring(1).strip();
      }
      if (!cleaned.isEmpty()) {
        names.add(cleaned.toLowerCase(Locale.ROOT));
      }
    }
    // Longest first, so "督办助手" wins over "督办".
    names.sort(Comparator.comparingInt(String::length).reversed());
    return names;
  }

  private static String stripMentionsAndCollapse(String s, List<String> names) {
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    int lastMentionEnd = -1;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '@' && (i == 0 || s.charAt(i - 1) == ' ' || lastMentionEnd == i)) {
        int end = botMentionEnd(s, i, names);
        if (end > 0) {
          appendSpace(out);
          lastMentionEnd = end;
          i = end;
          continue;
        }
      }
      if (c == ' ') {
        appendSpace(out);
      } else {
        out.append(c);
      }
      i++;
    }
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) == ' ') {
      out.setLength(len - 1);
    }
    return out.toString();
  }

  private static void appendSpace(StringBuilder out) {
    int len = out.length();
    if (len > 0 && out.charAt(len - 1) != ' ') {
      out.append(' ');
    }
  }

  private static int botMentionEnd(String s, int at, List<String> names) {
    for (String name : names) {
      int from = at + 1;
      if (s.regionMatches(true, from, name, 0, name.length())) {
        int end = from + name.length();
        if (end == s.length() || isNameBoundary(name.charAt(name.length() - 1), s.charAt(end))) {
          return end;
        }
      }
    }
    return -1;
  }

  /**
   * Requires the name to end at a word boundary so that "@督办" does not eat the start of another
   * name such as "@督办助手"; digits and punctuation may follow directly.
   */
  private static boolean isNameBoundary(char lastOfName, char next) {
    if (next == ' ' || !Character.isLetter(next)) {
      return true;
    }
    return isAsciiLetter(lastOfName) && !isAsciiLetter(next);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
