package io.duban.chat;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The directory of each platform that has one (the console platform has none). */
@ApplicationScoped
public class Directories {
  @Inject @Any Instance<Directory> directories;

  private final Map<Platform, Directory> byPlatform = new EnumMap<>(Platform.class);

  @PostConstruct
  void index() {
    for (Directory d : directories) {
      if (byPlatform.put(d.platform(), d) != null) {
        throw new IllegalStateException("平台 " + d.platform() + " 有两个通讯录");
      }
    }
  }

  /** The directory that can answer for this bot now, if any. */
  public Optional<Directory> forBot(BotSpec bot) {
    Directory d = byPlatform.get(bot.platform());
    return d != null && bot.enabled() && d.available(bot) ? Optional.of(d) : Optional.empty();
  }
}
