package io.duban.security;

import io.duban.config.DubanConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The local data folder ({@code DUBAN_DATA_DIR}, default ./data): the generated admin token, the
 * session secret and, by default, the H2 database live there, all readable by the service's own
 * user only (folder 0700, files 0600). H2 creates its files with the process umask on the very
 * first start, before any data is in them; they are narrowed at every start.
 */
@ApplicationScoped
public class DataFiles {
  private static final Logger LOG = Logger.getLogger(DataFiles.class);
  static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

  @Inject DubanConfig config;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  Optional<String> jdbcUrl;

  public Path dir() {
    return Path.of(config.dataDir()).toAbsolutePath();
  }

  /** Creates the data folder owner-only, and narrows it and the H2 files if they exist already. */
  public void secure() {
    Path dir = dir();
    try {
      Files.createDirectories(dir);
      restrict(dir, OWNER_DIR);
    } catch (IOException e) {
      throw new IllegalStateException("无法创建数据目录 " + dir + "：" + e.getMessage(), e);
    }
    h2Files().ifPresent(this::restrictDatabaseFiles);
  }

  /** The folder and base name of the H2 file database, when the service runs on one. */
  Optional<Path> h2Files() {
    String url = jdbcUrl.orElse("");
    if (!url.startsWith("jdbc:h2:file:")) {
      return Optional.empty();
    }
    String path = url.substring("jdbc:h2:file:".length());
    int semi = path.indexOf(';');
    return Optional.of(Path.of(semi >= 0 ? path.substring(0, semi) : path).toAbsolutePath());
  }

  private void restrictDatabaseFiles(Path base) {
    Path folder = base.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return;
    }
    String name = base.getFileName().toString();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, name + ".*")) {
      for (Path f : files) {
        restrict(f, OWNER_FILE);
      }
      if (folder.equals(dir())) {
        restrict(folder, OWNER_DIR);
      }
    } catch (IOException e) {
      LOG.warnf("无法收紧数据库文件的权限（%s）：%s", folder, e.getMessage());
    }
  }

  /**
   * Writes a new secret file readable by the owner only (created 0600 before anything is in it).
   */
  public void writeSecret(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    restrict(file.getParent(), OWNER_DIR);
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file); // not a POSIX file system: the folder's own permissions apply
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
    try {
      if (!Files.getPosixFilePermissions(p).equals(perms)) {
        Files.setPosixFilePermissions(p, perms);
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }
}
