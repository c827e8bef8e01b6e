package io.duban.chat.outbox;

/** Where an outbound message stands (contract codes). */
public enum OutboxStatus {
  PENDING,
  SENDING,
  SENT,
  FAILED,
  CANCELLED
}
