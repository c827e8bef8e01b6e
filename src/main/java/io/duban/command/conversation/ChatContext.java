package io.duban.command.conversation;

import io.duban.chat.IncomingMessage;
import io.duban.contact.Contact;
import io.duban.contact.Role;
import io.duban.plan.Unit;
import io.duban.progress.PlanView;
import io.duban.progress.PlanView.TargetView;
import io.duban.progress.ProgressService;
import io.duban.report.ReportService.Reporter;
import io.duban.report.ReportService.Source;
import java.util.EnumSet;
import java.util.Set;

/**
 * One message being answered: who sent it (null when the sender is not registered), in which unit
 * they act (the 代报 unit for an admin reporting on behalf), and the plan view, built once.
 */
public final class ChatContext {
  private final IncomingMessage message;
  private final Contact sender;
  private final Set<Role> roles;
  private final Unit actingUnit;
  private final boolean onBehalf;
  private final Views views;
  private PlanView view;

  /** Where the context reads the plan: the whole view, the plan's standing, one target now. */
  public interface Views {
    PlanView plan();

    ProgressService.Standing standing();

    TargetView target(long targetId);
  }

  public ChatContext(
      IncomingMessage message, Contact sender, Unit actingUnit, boolean onBehalf, Views views) {
    this.message = message;
    this.sender = sender;
    this.roles = sender == null ? EnumSet.noneOf(Role.class) : sender.roleSet();
    this.actingUnit = actingUnit;
    this.onBehalf = onBehalf;
    this.views = views;
  }

  /** The same message acted out by an admin for another unit (代报). */
  public ChatContext onBehalfOf(Unit unit) {
    ChatContext c = new ChatContext(message, sender, unit, true, views);
    c.view = view;
    return c;
  }

  public IncomingMessage message() {
    return message;
  }

  public Contact sender() {
    return sender;
  }

  public boolean registered() {
    return sender != null;
  }

  /** The unit the sender acts for: their own, or the unit an admin reports for. */
  public Unit unit() {
    return actingUnit;
  }

  public boolean onBehalf() {
    return onBehalf;
  }

  public boolean is(Role role) {
    return roles.contains(role);
  }

  /** Leaders and admins see everything, contacts included. */
  public boolean seesEverything() {
    return is(Role.LEADER) || is(Role.ADMIN);
  }

  /** The whole plan's view, built once per message (until {@link #refreshView}). */
  public PlanView view() {
    if (view == null) {
      view = views.plan();
    }
    return view;
  }

  /** The active plan and its phase today, without reading figures (null: no plan). */
  public ProgressService.Standing standing() {
    return view != null
        ? new ProgressService.Standing(view.plan(), view.phase())
        : views.standing();
  }

  /** One target as it stands now (read afresh: the reply after a write). */
  public TargetView targetNow(long targetId) {
    return views.target(targetId);
  }

  /** Forgets the view after a write, so the reply shows the new figures. */
  public void refreshView() {
    view = null;
  }

  public Reporter reporter() {
    return new Reporter(sender, sender == null ? "系统" : sender.name, onBehalf);
  }

  public Source source() {
    return new Source(
        message.platform().key(),
        message.botId(),
        message.chatId(),
        message.messageId(),
        message.text(),
        message.senderId());
  }
}
