package io.duban.imports;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The files previewed on the import page, kept in memory until the admin presses 确认导入 (the form
 * carries a random key, never the file): at most {@link #MAX_FILES} files and {@link #MAX_TOTAL}
 * bytes, each for {@link #LIFETIME}; the oldest goes first. One instance's memory: behind a load
 * balancer without sticky sessions the apply may land elsewhere and asks for the file again.
 */
@ApplicationScoped
public class PendingUploads {
  static final int MAX_FILES = 4;
  static final long MAX_TOTAL = 12L * 1024 * 1024;
  static final Duration LIFETIME = Duration.ofMinutes(30);

  /** A file waiting for its apply. */
  record Upload(String fileName, byte[] bytes, Instant at) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Upload> uploads = new LinkedHashMap<>();
  private final Clock clock = Clock.systemUTC();

  /** Keeps a file and answers the key the apply form carries. */
  synchronized String keep(String fileName, byte[] bytes) {
    expire();
    byte[] key = new byte[16];
    random.nextBytes(key);
    String k = HexFormat.of().formatHex(key);
    uploads.put(k, new Upload(fileName, bytes, clock.instant()));
    long total = uploads.values().stream().mapToLong(u -> u.bytes().length).sum();
    Iterator<Map.Entry<String, Upload>> it = uploads.entrySet().iterator();
    while ((uploads.size() > MAX_FILES || total > MAX_TOTAL) && it.hasNext()) {
      Map.Entry<String, Upload> oldest = it.next();
      if (oldest.getKey().equals(k)) {
        break;
      }
      total -= oldest.getValue().bytes().length;
      it.remove();
    }
    return k;
  }

  /** The file kept under a key (still there and not expired). */
  synchronized Optional<Upload> get(String key) {
    expire();
    return key == null ? Optional.empty() : Optional.ofNullable(uploads.get(key));
  }

  synchronized void forget(String key) {
    if (key != null) {
      uploads.remove(key);
    }
  }

  private void expire() {
    Instant oldest = clock.instant().minus(LIFETIME);
    uploads.values().removeIf(u -> u.at().isBefore(oldest));
  }
}
