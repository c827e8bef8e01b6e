package io.duban.chat.outbox;

/** Where an outbound message stands (docs/contract.md §7 codes). */
public enum OutboxStatus {
  PENDING,
  SENDING,
  SENT,
  FAILED,
  CANCELLED
}
