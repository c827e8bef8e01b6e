package io.duban.chat.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Platform;
import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A long connection's state on /q/health and /q/metrics, and the admin route told once when it has
 * been down for 10 minutes, and once when it is back.
 */
@QuarkusTest
class StreamConnectionsTest {
  @Inject StreamConnections connections;
  @Inject TestData data;
  @Inject MutableClock wall;

  @BeforeEach
  void setUp() {
    data.resetOutbox();
    wall.set(MutableClock.START);
  }

  @Test
  void downTenMinutesIsToldOnceAndTheReturnOnce() {
    ConnectionStatus s = connections.status("stream-test-down", Platform.DINGTALK);
    s.connected();
    s.down("连接被关闭（1006）");
    connections.checkOutages(wall.instant().plus(Duration.ofMinutes(9)));
    assertThat(alerts()).isEmpty();
    connections.checkOutages(wall.instant().plus(Duration.ofMinutes(10)));
    connections.checkOutages(wall.instant().plus(Duration.ofMinutes(20)));
    assertThat(alerts()).hasSize(1);
    assertThat(alerts().get(0)).contains("stream-test-down", "断开", "连接被关闭（1006）");
    s.reconnecting();
    connections.checkOutages(wall.instant().plus(Duration.ofMinutes(21)));
    assertThat(alerts()).hasSize(1);
    s.connected();
    connections.checkOutages(wall.instant().plus(Duration.ofMinutes(22)));
    connections.checkOutages(wall.instant().plus(Duration.ofMinutes(23)));
    assertThat(alerts()).hasSize(2);
    assertThat(alerts().get(1)).contains("stream-test-down", "已恢复");
  }

  @Test
  void healthAndMetricsShowEachConnection() {
    ConnectionStatus s = connections.status("stream-test-health", Platform.FEISHU);
    s.connected();
    s.frame();
    s.reconnecting();
    s.down("握手被拒绝（514）");
    String health = RestAssured.get("/q/health").then().statusCode(200).extract().asString();
    assertThat(health)
        .contains("stream-connections", "stream-test-health", "feishu DOWN", "reconnects 1")
        .contains("握手被拒绝（514）");
    String live = RestAssured.get("/q/health/ready").then().extract().asString();
    assertThat(live).doesNotContain("stream-test-health");
    String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("duban_stream_connected{bot=\"stream-test-health\",platform=\"feishu\"} 0.0")
        .contains(
            "duban_stream_reconnects_total{bot=\"stream-test-health\",platform=\"feishu\"} 1.0");
  }

  /** The alerts about this test's bot (the registry outlives a test: other bots may be down). */
  private static List<String> alerts() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                OutboxMessage.<OutboxMessage>list("kind = ?1 order by id", MessageKind.ADMIN_ALERT)
                    .stream()
                    .map(m -> m.text)
                    .filter(t -> t.contains("stream-test-down"))
                    .toList());
  }
}
