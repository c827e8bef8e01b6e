package io.duban.support;

import io.duban.chat.outbox.MessageKind;
import io.duban.chat.outbox.OutboxMessage;
import io.duban.report.Report;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;

/** Reads what the tests' actions left in the outbox and the report history. */
public final class Outboxes {
  private Outboxes() {}

  public static List<OutboxMessage> of(MessageKind kind) {
    return QuarkusTransaction.requiringNew()
        .call(() -> OutboxMessage.list("kind = ?1 order by id", kind));
  }

  public static long reports() {
    return QuarkusTransaction.requiringNew().call(() -> Report.count());
  }

  public static long inbox() {
    return QuarkusTransaction.requiringNew().call(() -> io.duban.chat.inbox.InboxMessage.count());
  }
}
