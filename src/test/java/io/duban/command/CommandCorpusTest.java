package io.duban.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus of realistic messages (typos, spaces, full-width, @mentions, emoji, long text,
 * script-looking text, mixed numerals) and the parse each must give.
 */
class CommandCorpusTest {
  record Case(String file, int line, String message, String expected) {}

  static List<Case> load(String name) throws IOException {
    List<Case> cases = new ArrayList<>();
    List<String> lines =
        Files.readAllLines(Path.of("src/test/resources/commands", name), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("# ")) {
        continue;
      }
      int tab = line.lastIndexOf('\t');
      cases.add(
          new Case(
              name,
              i + 1,
              line.substring(0, tab)
                  .replace("\\u200b", "\u200b")
                  .replace("\\t", "\t")
                  .replace("\\n", "\n"),
              line.substring(tab + 1)));
    }
    return cases;
  }

  /**
   * "@_user_N" is Feishu's mention markup: the conversation removes it (Feishu's platform rules)
   * before parsing, as it does for every Feishu message.
   */
  static String asTheConversationDoes(String message) {
    return message.contains("@_user_") || message.contains("@_all")
        ? PlatformRules.of(Platform.FEISHU).removeMentions(message)
        : message;
  }

  @Test
  void everyMessageParsesAsExpected() throws IOException {
    List<Case> cases = new ArrayList<>(load("corpus-base.tsv"));
    cases.addAll(load("corpus-variants.tsv"));
    cases.addAll(load("corpus-conversation.tsv"));
    List<String> wrong = new ArrayList<>();
    for (Case c : cases) {
      String actual = ParserFixture.PARSER.parse(asTheConversationDoes(c.message())).describe();
      if (!actual.equals(c.expected())) {
        wrong.add(
            c.file()
                + ":"
                + c.line()
                + " 「"
                + c.message()
                + "」 expected "
                + c.expected()
                + " but was "
                + actual);
      }
    }
    Files.write(Path.of("target/corpus-mismatches.txt"), wrong, StandardCharsets.UTF_8);
    assertThat(wrong).as("see target/corpus-mismatches.txt").isEmpty();
    assertThat(cases.size()).as("corpus size").isGreaterThanOrEqualTo(600);
  }
}
