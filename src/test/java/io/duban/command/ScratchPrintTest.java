package io.duban.command;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchPrintTest {
  @Test
  void print() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (String m0 : Files.readAllLines(Path.of("/tmp/scratch/in.txt"))) {
      String m = m0.replace("\\n", "\n");
      ParsedCommand p = ParserFixture.PARSER.parse(m);
      String extra =
          p instanceof ParsedCommand.Clarify c
              ? " | " + c.text().replace("\n", " / ")
              : p instanceof ParsedCommand.Invalid i
                  ? " | " + i.text().replace("\n", " / ")
                  : p instanceof ParsedCommand.Unknown u
                      ? " | " + u.text().replace("\n", " / ")
                      : "";
      sb.append(m0).append("\t").append(p.describe()).append(extra).append("\n");
    }
    Files.writeString(Path.of("/tmp/scratch/out.txt"), sb.toString());
  }
}
