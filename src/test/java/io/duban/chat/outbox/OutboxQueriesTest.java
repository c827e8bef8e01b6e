package io.duban.chat.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.Route;
import io.duban.support.MutableClock;
import io.duban.support.TestData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox's query API for reminders and the dashboard. The messages are held until tomorrow, so
 * the dispatcher leaves them alone; their statuses are set by hand.
 */
@QuarkusTest
class OutboxQueriesTest {
  @Inject Outbox outbox;
  @Inject OutboxQueries queries;
  @Inject TestData data;
  @Inject MutableClock wall;

  @BeforeEach
  void setUp() {
    data.resetOutbox();
    wall.set(MutableClock.START);
  }

  @AfterEach
  void tearDown() {
    data.resetOutbox();
    wall.set(MutableClock.START);
  }

  /** A message about unit 7, held until tomorrow, in the given status. */
  long held(MessageKind kind, String key, OutboxStatus status) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              OutboxMessage m =
                  outbox.enqueue(
                      Outbox.Draft.of(new Route("nobody", "c1"), kind, "text " + key)
                          .dedupe(key)
                          .about(7L, "2018-06", "r1")
                          .at(wall.instant().plusSeconds(86_400)));
              m.status = status;
              return m.id;
            });
  }

  <T> T inTx(Supplier<T> query) {
    return QuarkusTransaction.requiringNew().call(query::get);
  }

  @Test
  void pendingForAUnitCountsOnlyItsPendingMessagesOfTheKinds() {
    held(MessageKind.REMINDER, "k1", OutboxStatus.PENDING);
    held(MessageKind.ESCALATION, "k2", OutboxStatus.PENDING);
    held(MessageKind.REMINDER, "k3", OutboxStatus.SENT);
    held(MessageKind.BULLETIN, "k4", OutboxStatus.PENDING);
    List<MessageKind> kinds = List.of(MessageKind.REMINDER, MessageKind.ESCALATION);
    assertThat(inTx(() -> queries.pendingForUnit(7L, kinds))).isEqualTo(2L);
    assertThat(inTx(() -> queries.pendingForUnit(8L, kinds))).isZero();
    assertThat(inTx(() -> queries.pendingForUnit(7L, List.of(MessageKind.BULLETIN)))).isEqualTo(1L);
  }

  @Test
  void dedupeKeysInAnyStatusAreUsedAcrossPages() {
    held(MessageKind.REMINDER, "a", OutboxStatus.PENDING);
    held(MessageKind.REMINDER, "b", OutboxStatus.CANCELLED);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < OutboxQueries.KEY_PAGE + 10; i++) {
      keys.add("none-" + i);
    }
    keys.add("b");
    keys.add(0, "a");
    assertThat(inTx(() -> queries.usedDedupeKeys(keys))).containsExactlyInAnyOrder("a", "b");
    assertThat(inTx(() -> queries.usedDedupeKeys(List.of()))).isEmpty();
  }

  @Test
  void existsAndLeftQueue() {
    held(MessageKind.REMINDER, "p", OutboxStatus.PENDING);
    held(MessageKind.REMINDER, "s", OutboxStatus.SENT);
    held(MessageKind.REMINDER, "f", OutboxStatus.FAILED);
    assertThat(inTx(() -> queries.exists("p"))).isTrue();
    assertThat(inTx(() -> queries.exists("x"))).isFalse();
    assertThat(inTx(() -> queries.leftQueue("p"))).isFalse();
    assertThat(inTx(() -> queries.leftQueue("s"))).isTrue();
    assertThat(inTx(() -> queries.leftQueue("f"))).isTrue();
    assertThat(inTx(() -> queries.leftQueue("x"))).isFalse();
  }

  @Test
  void recentIsNewestFirstAndLimited() {
    long first = held(MessageKind.NOTICE, "n1", OutboxStatus.PENDING);
    long second = held(MessageKind.NOTICE, "n2", OutboxStatus.SENT);
    long third = held(MessageKind.NOTICE, "n3", OutboxStatus.FAILED);
    assertThat(inTx(() -> queries.recent(2)).stream().map(m -> m.id))
        .containsExactly(third, second);
    assertThat(inTx(() -> queries.recent(30)).stream().map(m -> m.id))
        .containsExactly(third, second, first);
  }
}
