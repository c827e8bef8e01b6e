package io.duban.chat.outbox;

/** Why a message is sent; reminders and escalations are re-checked when they are sent. */
public enum MessageKind {
  /** An answer sent later than the platform's synchronous callback. */
  REPLY,
  /** A unit's reminder before or on its deadline, or overdue. */
  REMINDER,
  /** Overdue units escalated to the leaders' route. */
  ESCALATION,
  /** The monthly 通报 to the leaders. */
  BULLETIN,
  /** Delivery failures, requests waiting for a yes, configuration warnings for the admins. */
  ADMIN_ALERT,
  /** A notice an admin pushed through the API. */
  NOTICE,
  /** The outcome of a request (a 绑定) told to the person who made it. */
  APPROVAL
}
