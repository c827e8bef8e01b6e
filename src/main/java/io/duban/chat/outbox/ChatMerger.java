package io.duban.chat.outbox;

import io.duban.chat.ChatAdapter;
import io.duban.chat.MessageSplitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges a chat's pending messages into one send, in the claiming transaction: the messages after
 * the first one to the same chat are locked (SKIP LOCKED) and joined while the joined text, as the
 * platform receives it, stays within one message's bytes and the merge window ({@code
 * duban.outbox.merge-limit}). Replies are never merged.
 */
@ApplicationScoped
class ChatMerger {
  /** Messages of one chat locked at a time while merging them into one send. */
  private static final int SIBLING_PAGE = 8;

  @Inject EntityManager em;
  @Inject OutboxConfig config;
  @Inject Rerenderer rerenderer;

  /** The text of one send, the mentions it carries and the messages merged into the first. */
  record Merge(String text, Set<String> mentions, List<OutboxMessage> merged) {}

  /** The first message with what may join it (nothing joins a reply). */
  Merge merge(OutboxMessage first, ChatAdapter adapter, int maxBytes, Instant now) {
    // measured and split as the platform will receive it: escaping may lengthen it
    StringBuilder text = new StringBuilder(adapter.escape(first.text));
    Set<String> mentions = new LinkedHashSet<>(Rerenderer.lines(first.mentions));
    List<OutboxMessage> merged = new ArrayList<>();
    if (first.replyWebhook == null) {
      // siblings are locked a few at a time: a long queue of large messages (which cannot be
      // merged) does not lock and load the whole merge window on every claim
      long after = first.id;
      int room = Math.max(0, config.mergeLimit() - 1);
      boolean full = false;
      while (!full && room > 0) {
        int page = Math.min(SIBLING_PAGE, room);
        List<OutboxMessage> siblings = lockSiblings(first, after, page, now);
        for (OutboxMessage sibling : siblings) {
          after = sibling.id;
          room--;
          if (!rerenderer.rerender(sibling)) {
            continue;
          }
          String joined = text + "\n\n" + adapter.escape(sibling.text);
          if (MessageSplitter.utf8Length(joined) > maxBytes) {
            full = true;
            break;
          }
          text.setLength(0);
          text.append(joined);
          mentions.addAll(Rerenderer.lines(sibling.mentions));
          merged.add(sibling);
        }
        full |= siblings.size() < page;
      }
    }
    return new Merge(text.toString(), mentions, merged);
  }

  /** Locks the next {@code limit} messages after {@code after} that could join {@code first}. */
  private List<OutboxMessage> lockSiblings(
      OutboxMessage first, long after, int limit, Instant now) {
    String sql =
        "SELECT id FROM outbox_message WHERE bot_id = :bot AND status = 'PENDING' AND next_attempt_at <= :now"
            + " AND id > :after AND reply_webhook IS NULL AND "
            + (first.chatId == null ? "chat_id IS NULL" : "chat_id = :chat")
            + " ORDER BY id FETCH FIRST "
            + limit
            + " ROWS ONLY FOR UPDATE SKIP LOCKED";
    var q =
        em.createNativeQuery(sql)
            .setParameter("bot", first.botId)
            .setParameter("now", now)
            .setParameter("after", after);
    if (first.chatId != null) {
      q.setParameter("chat", first.chatId);
    }
    List<OutboxMessage> out = new ArrayList<>();
    for (Object id : q.getResultList()) {
      OutboxMessage m = em.find(OutboxMessage.class, ((Number) id).longValue());
      em.refresh(m);
      out.add(m);
    }
    return out;
  }
}
