package io.duban.chat.outbox;

import io.duban.chat.BotSpec;
import io.duban.chat.Mention;
import io.duban.chat.Offer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One send or one decision about a bot: the rows it covers (the first and those merged into it),
 * the parts to send (the last carries the offer to tap), and the moment the claim was complete (its
 * lease starts then).
 */
record Claim(
    BotSpec bot,
    long firstId,
    List<Long> ids,
    String chatId,
    List<String> parts,
    List<Mention> mentions,
    String idempotencyKey,
    String replyWebhook,
    Instant replyExpiresAt,
    Instant createdAt,
    boolean adminAlert,
    Instant claimedAt,
    Offer offer) {
  /** The claim of a message persisted after it was claimed (its id known only then). */
  Claim withFirstId(long id) {
    return with(id, List.of(id), claimedAt);
  }

  /** The claim stamped with the moment it was complete (its lease starts then). */
  Claim claimedAt(Instant at) {
    return with(firstId, ids, at);
  }

  private Claim with(long firstId, List<Long> ids, Instant claimedAt) {
    return new Claim(
        bot,
        firstId,
        ids,
        chatId,
        parts,
        mentions,
        idempotencyKey,
        replyWebhook,
        replyExpiresAt,
        createdAt,
        adminAlert,
        claimedAt,
        offer);
  }

  /** Whether a row still carries this claim (no other round took it over meanwhile). */
  boolean holds(OutboxMessage m, String instance) {
    return m.status == OutboxStatus.SENDING
        && instance.equals(m.claimedBy)
        && m.claimedAt != null
        && m.claimedAt
            .truncatedTo(ChronoUnit.MILLIS)
            .equals(claimedAt.truncatedTo(ChronoUnit.MILLIS));
  }
}
