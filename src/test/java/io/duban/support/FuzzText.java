package io.duban.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated chat text for fuzz tests: random strings over the command alphabet (with emoji,
 * zero-width and arbitrary code points) and mutations of the realistic message corpus.
 */
public final class FuzzText {
  public static final String ALPHABET =
      "上报更正确认完成进展撤销代报进度全区未报排名我的帮助绑定新增就业岗位城镇慈善救助金万亿千百十两一二三四五六七八九零"
          + "0123456789.,+-%％：，；（）()【】 　@_#$*'\";<>/\\\n\t"
          + "０１２３４５６７８９ａｂｃＡＢＣ\u200b\u200d\uFEFF😀👍🎉🇨🇳 ️";

  private FuzzText() {}

  /** The messages of a corpus file under src/test/resources/commands (first column). */
  public static List<String> corpus(String name) {
    try {
      List<String> out = new ArrayList<>();
      for (String line :
          Files.readAllLines(
              Path.of("src/test/resources/commands", name), StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("# ")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        out.add(tab < 0 ? line : line.substring(0, tab));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String random(Random random) {
    int length = random.nextInt(random.nextInt(10) == 0 ? 2000 : 40);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (random.nextInt(20) == 0) {
        sb.appendCodePoint(random.nextInt(0x10FFFF));
      } else {
        sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  public static String mutate(String seed, Random random) {
    StringBuilder sb = new StringBuilder(seed);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
      switch (random.nextInt(7)) {
        case 0 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
        case 3 -> sb.insert(at, " ");
        case 4 -> sb.append(random.nextInt(100000));
        case 5 -> sb.insert(at, hugeNumber(random));
        default -> {
          // leave this one unchanged: the parse must still be right
        }
      }
    }
    return sb.toString();
  }

  /** Numbers no figure can hold: hundreds of digits, exponents, Chinese units stacked. */
  public static String hugeNumber(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> "9".repeat(20 + random.nextInt(400));
      case 1 -> "1e" + (300 + random.nextInt(1_000_000));
      case 2 -> "0." + "0".repeat(random.nextInt(300)) + "1";
      case 3 -> "九".repeat(1 + random.nextInt(50)) + "亿亿万万";
      default -> "-" + "8".repeat(1 + random.nextInt(60)) + "万亿";
    };
  }
}
