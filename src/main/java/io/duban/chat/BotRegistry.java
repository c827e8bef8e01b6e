package io.duban.chat;

import io.duban.chat.BotsFile.Bots;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bots and routes loaded from bots.yaml at start-up. */
@Singleton
public class BotRegistry {
  private volatile Bots bots =
      new Bots(
          Map.of(),
          new Route(BotsFile.CONSOLE_BOT, null),
          new Route(BotsFile.CONSOLE_BOT, null),
          new Route(BotsFile.CONSOLE_BOT, null),
          Map.of(),
          List.of());

  public void set(Bots bots) {
    this.bots = bots;
  }

  /** The current bots and routes (to restore after a temporary change). */
  public Bots snapshot() {
    return bots;
  }

  public Optional<BotSpec> bot(String id) {
    return Optional.ofNullable(bots.bots().get(id));
  }

  public Collection<BotSpec> all() {
    return bots.bots().values();
  }

  public Route defaultRoute() {
    return bots.defaultRoute();
  }

  public Route leadersRoute() {
    return bots.leadersRoute();
  }

  public Route adminRoute() {
    return bots.adminRoute();
  }

  /** The route of a unit's reminders: its own, else the default route. */
  public Route unitRoute(String unitName) {
    return bots.unitRoutes().getOrDefault(unitName, bots.defaultRoute());
  }

  public List<String> warnings() {
    return bots.warnings();
  }
}
