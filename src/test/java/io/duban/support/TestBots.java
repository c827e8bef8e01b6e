package io.duban.support;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotsFile;
import io.duban.config.YamlNode;
import io.duban.plan.Unit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Installs a bots.yaml written by a test (pointing at MockWebServer), and puts the real one back.
 */
@ApplicationScoped
public class TestBots {
  @Inject BotRegistry registry;

  private BotsFile.Bots saved;

  public void install(String yaml, Map<String, String> env) {
    if (saved == null) {
      saved = registry.snapshot();
    }
    Set<String> units = new HashSet<>();
    QuarkusTransaction.requiringNew()
        .run(() -> Unit.<Unit>listAll().forEach(u -> units.add(u.name)));
    registry.set(
        BotsFile.parse(YamlNode.parse(new StringReader(yaml), "bots.yaml"), env::get, units));
  }

  public void restore() {
    if (saved != null) {
      registry.set(saved);
      saved = null;
    }
  }
}
