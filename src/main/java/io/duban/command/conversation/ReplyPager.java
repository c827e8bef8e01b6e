package io.duban.command.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into phone-sized pages: at most {@link #MAX_LINES} lines and {@link #MAX_CHARS}
 * characters each (line breaks counted), cut at line breaks (a line longer than a page is cut after
 * a comma or an enumeration mark). Every page but the last ends with {@code 回复“更多”查看其余 N 项}, N
 * being the lines still to come; nothing is dropped.
 */
public final class ReplyPager {
  public static final int MAX_LINES = 12;
  public static final int MAX_CHARS = 500;

  /** The word that asks for the next page. */
  public static final String MORE = "更多";

  private ReplyPager() {}

  /** The footer of a page that has more after it. */
  static String footer(int remaining) {
    return "回复“" + MORE + "”查看其余 " + remaining + " 项";
  }

  /** The pages of a reply; one page when it fits. */
  public static List<String> pages(String reply) {
    if (reply == null || fits(reply)) {
      return reply == null ? List.of() : List.of(reply);
    }
    List<String> lines = new ArrayList<>();
    for (String line : reply.split("\n", -1)) {
      lines.addAll(cut(line, MAX_CHARS - 40));
    }
    List<String> pages = new ArrayList<>();
    int at = 0;
    while (at < lines.size()) {
      if (fits(String.join("\n", lines.subList(at, lines.size())))) {
        pages.add(String.join("\n", lines.subList(at, lines.size())));
        break;
      }
      StringBuilder page = new StringBuilder();
      int count = 0;
      int end = at;
      // room for the footer: one line and its characters (the count has at most 6 digits)
      int room = MAX_CHARS - footer(999_999).length() - 1;
      while (end < lines.size()
          && count < MAX_LINES - 1
          && page.length() + (count == 0 ? 0 : 1) + lines.get(end).length() <= room) {
        page.append(count == 0 ? "" : "\n").append(lines.get(end));
        count++;
        end++;
      }
      at = end;
      page.append("\n").append(footer(lines.size() - at));
      pages.add(page.toString());
    }
    return pages;
  }

  /** Whether a text is one phone-sized page. */
  public static boolean fits(String text) {
    return text.length() <= MAX_CHARS && text.split("\n", -1).length <= MAX_LINES;
  }

  /** A line cut into pieces of at most {@code max} characters, after punctuation where possible. */
  static List<String> cut(String line, int max) {
    List<String> out = new ArrayList<>();
    String rest = line;
    while (rest.length() > max) {
      int at = -1;
      for (int i = max - 1; i > max / 2; i--) {
        if ("、，；。 ,;".indexOf(rest.charAt(i)) >= 0) {
          at = i + 1;
          break;
        }
      }
      if (at < 0) {
        at = Character.isHighSurrogate(rest.charAt(max - 1)) ? max - 1 : max;
      }
      out.add(rest.substring(0, at));
      rest = rest.substring(at);
    }
    out.add(rest);
    return out;
  }
}
