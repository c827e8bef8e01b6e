package io.duban.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a configuration load depended on: the contents of every file in the configuration folder,
 * the application's version and build, and the settings that pick the plan file. Stored in the
 * {@code app_setting} row {@link #KEY} after a full load; a start that finds the same value skips
 * re-syncing the files into the database. Anything that edits the synced rows outside the files
 * (the contacts API) removes the row, so that the next start applies the files again.
 */
public final class ConfigFingerprint {
  /** The app setting holding the fingerprint of the last full load. */
  public static final String KEY = "config.fingerprint";

  /** The value that matches no folder: the next start loads the files again. */
  public static final String NONE = "none";

  private ConfigFingerprint() {}

  /** SHA-256 over {@code build}, {@code extra} and each file's relative path and contents. */
  public static String of(Path dir, String build, String extra) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      update(sha, "build=" + build);
      update(sha, "extra=" + extra);
      for (Path file : files(dir)) {
        update(sha, "file=" + dir.relativize(file).toString().replace('\\', '/'));
        byte[] content = Files.readAllBytes(file);
        update(sha, "size=" + content.length);
        sha.update(content);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new ConfigFileException(dir + ": 无法读取（" + e.getMessage() + "）");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The application version and, when it runs from a jar, that jar's size and modification time: a
   * rebuild with the same version number still counts as a new application.
   */
  public static String build() {
    String version =
        ConfigProvider.getConfig()
            .getOptionalValue("quarkus.application.version", String.class)
            .orElse("?");
    CodeSource source = ConfigFingerprint.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return version;
    }
    try {
      Path jar = Path.of(source.getLocation().toURI());
      if (Files.isRegularFile(jar)) {
        return version + "@" + Files.size(jar) + "/" + Files.getLastModifiedTime(jar).toMillis();
      }
      return version + "@" + jar;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return version + "@" + source.getLocation();
    }
  }

  /** Every regular file under {@code dir}, in a stable order. */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .sorted((a, b) -> dir.relativize(a).toString().compareTo(dir.relativize(b).toString()))
          .collect(Collectors.toList());
    }
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
