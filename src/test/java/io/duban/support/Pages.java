package io.duban.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** A reply and every page 更多 gives after it (command/conversation/ReplyPager), each checked. */
public final class Pages {
  public static final String FOOTER = "回复“更多”查看其余";

  private Pages() {}

  /** The whole reply: every page phone-sized, footers removed. */
  public static String sayAll(String sender, String text) {
    List<String> lines = new ArrayList<>();
    String page = Chat.say(sender, text);
    for (int i = 0; i < 50; i++) {
      assertPhoneSized(text, page);
      boolean more = false;
      for (String line : page.split("\n", -1)) {
        if (line.startsWith(FOOTER)) {
          more = true;
        } else {
          lines.add(line);
        }
      }
      if (!more) {
        return String.join("\n", lines);
      }
      page = Chat.say(sender, "更多");
    }
    throw new AssertionError("更多 never ended for " + text);
  }

  /** At most 12 lines and 500 characters. */
  public static void assertPhoneSized(String asked, String reply) {
    assertThat(reply.length()).as(asked + " → " + reply).isLessThanOrEqualTo(500);
    assertThat(reply.split("\n", -1)).as(asked + " → " + reply).hasSizeLessThanOrEqualTo(12);
  }
}
