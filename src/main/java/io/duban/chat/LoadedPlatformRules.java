package io.duban.chat;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The {@link PlatformRules} found by {@link ServiceLoader}, one per platform, loaded once. */
final class LoadedPlatformRules {
  private static final Map<Platform, PlatformRules> RULES = load();

  private LoadedPlatformRules() {}

  static PlatformRules of(Platform platform) {
    PlatformRules rules = RULES.get(platform);
    if (rules == null) {
      throw new IllegalStateException("no PlatformRules for " + platform);
    }
    return rules;
  }

  private static Map<Platform, PlatformRules> load() {
    Map<Platform, PlatformRules> out = new EnumMap<>(Platform.class);
    for (PlatformRules r :
        ServiceLoader.load(PlatformRules.class, PlatformRules.class.getClassLoader())) {
      PlatformRules other = out.put(r.platform(), r);
      if (other != null) {
        throw new IllegalStateException(
            "two PlatformRules for "
                + r.platform()
                + ": "
                + other.getClass()
                + ", "
                + r.getClass());
      }
    }
    for (Platform p : Platform.values()) {
      if (!out.containsKey(p)) {
        throw new IllegalStateException("no PlatformRules for " + p + " in META-INF/services");
      }
    }
    return out;
  }
}
