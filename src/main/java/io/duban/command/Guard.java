package io.duban.command;

/**
 * A check the router makes before a command's handler runs, with the sentence the sender gets when
 * it fails. A spec lists its guards in the order they are checked.
 */
public record Guard(Kind kind, String refusal) {

  /** What is checked. */
  public enum Kind {
    /** The sender is a registered contact. */
    REGISTERED,
    /** A plan is loaded (its view can be built). */
    PLAN_LOADED,
    /** The sender is an admin. */
    ADMIN,
    /** The sender is an admin or a leader (who decide some kinds of requests, like 延期). */
    DECIDER
  }

  /** The sender must be a registered contact. */
  public static final Guard REGISTERED =
      new Guard(
          Kind.REGISTERED, "您还没有登记为督办联系人。请发送“绑定 <手机号>”（手机号须已登记在通讯录中），或请管理员把您加入联系人。发送“帮助”查看说明。");

  /** A plan must be loaded. */
  public static final Guard PLAN_LOADED = new Guard(Kind.PLAN_LOADED, "计划尚未加载，请联系管理员。");

  /** The sender must be an admin or a leader; {@code refusal} says who may. */
  public static Guard decider(String refusal) {
    return new Guard(Kind.DECIDER, refusal);
  }

  /** The sender must be an admin; {@code refusal} says what only admins may do. */
  public static Guard admin(String refusal) {
    return new Guard(Kind.ADMIN, refusal);
  }
}
