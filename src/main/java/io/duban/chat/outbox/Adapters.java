package io.duban.chat.outbox;

import io.duban.chat.ChatAdapter;
import io.duban.chat.Platform;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;

/** The adapter of each platform; a platform without one fails at start-up. */
@ApplicationScoped
public class Adapters {
  @Inject @Any Instance<ChatAdapter> adapters;

  private final Map<Platform, ChatAdapter> byPlatform = new EnumMap<>(Platform.class);

  @PostConstruct
  void index() {
    for (ChatAdapter a : adapters) {
      if (byPlatform.put(a.platform(), a) != null) {
        throw new IllegalStateException("平台 " + a.platform() + " 有两个适配器");
      }
    }
  }

  public ChatAdapter of(Platform platform) {
    ChatAdapter a = byPlatform.get(platform);
    if (a == null) {
      throw new IllegalStateException("平台 " + platform + " 没有适配器");
    }
    return a;
  }
}
