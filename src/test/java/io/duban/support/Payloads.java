package io.duban.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Recorded platform payloads under src/test/resources/payloads/&lt;platform&gt;/. */
public final class Payloads {
  private Payloads() {}

  public static String read(String platform, String name) {
    try {
      return Files.readString(
          Path.of("src/test/resources/payloads", platform, name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** key=value lines of a vector file (comments start with #). */
  public static Map<String, String> vector(String platform, String name) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : read(platform, name).split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      out.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return out;
  }
}
