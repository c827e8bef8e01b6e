package io.duban;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the service. The HTTP layer's own URI check answers a malformed address with an empty 400;
 * it is switched off so that {@link io.duban.common.HttpEdge}, which makes the same check, answers
 * with a reason (an operator may still set the property explicitly).
 */
@QuarkusMain
public class DubanMain {
  private DubanMain() {}

  public static void main(String... args) {
    if (System.getProperty("vertx.disableURIValidation") == null) {
      System.setProperty("vertx.disableURIValidation", "true");
    }
    Quarkus.run(args);
  }
}
