package io.duban.command.conversation;

import io.duban.chat.Answer;
import io.duban.chat.Conversation;
import io.duban.chat.IncomingMessage;
import io.duban.chat.Offer;
import io.duban.chat.PlatformRules;
import io.duban.command.CommandParser;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Choice;
import io.duban.command.ParsedCommand.Clarify;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.ParsedCommand.Unknown;
import io.duban.command.VocabularyService;
import io.duban.command.commands.BindCommand;
import io.duban.command.commands.ConfirmCommand.Confirm;
import io.duban.command.commands.HelpCommand;
import io.duban.command.commands.MoreCommand;
import io.duban.command.commands.ReportCommand;
import io.duban.common.RetryableConflict;
import io.duban.contact.Contact;
import io.duban.contact.Role;
import io.duban.contact.SenderDirectory;
import io.duban.evidence.Evidence;
import io.duban.plan.TargetKind;
import io.duban.progress.PlanView;
import io.duban.progress.PlanYears;
import io.duban.progress.ProgressService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The conversation pipeline shared by every platform and the simulator: identify the sender, parse,
 * answer open questions (numbered choices, 确认), route to the command that answers it, reply. Each
 * message is one transaction; a failure rolls it back and the sender gets a sentence.
 */
@ApplicationScoped
public class ChatService implements Conversation {
  private static final Logger LOG = Logger.getLogger(ChatService.class);

  @Inject VocabularyService vocabulary;
  @Inject CommandRouter router;
  @Inject PendingQuestions pending;
  @Inject ProgressService progress;
  @Inject SenderDirectory directory;
  @Inject Evidence evidence;
  @Inject YearQuestions years;
  @Inject PlanYears planYears;

  @Override
  public Answer handle(IncomingMessage message) {
    try {
      return retrying(() -> QuarkusTransaction.requiringNew().call(() -> answer(message)));
    } catch (RuntimeException e) {
      LOG.errorf(e, "处理消息失败（%s %s）", message.platform().key(), message.messageId());
      return Answer.text("处理这条消息时出错了，没有记录任何数据。请稍后再试，或联系管理员。");
    }
  }

  @Override
  public Answer handleOnce(IncomingMessage message, BooleanSupplier firstTime, String duplicate) {
    try {
      return retrying(
          () ->
              QuarkusTransaction.requiringNew()
                  .call(() -> firstTime.getAsBoolean() ? answer(message) : Answer.text(duplicate)));
    } catch (RuntimeException e) {
      LOG.errorf(e, "处理消息失败（%s %s）", message.platform().key(), message.messageId());
      return Answer.text("处理这条消息时出错了，没有记录任何数据。请稍后再试，或联系管理员。");
    }
  }

  /** Runs a message's transaction again when a write found its figures changed meanwhile. */
  private static Answer retrying(Supplier<Answer> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (RuntimeException e) {
        if (attempt >= 5 || !RetryableConflict.among(e)) {
          throw e;
        }
      }
    }
  }

  /**
   * The reply, phone-sized: a reply longer than one page ({@link ReplyPager}) is answered with its
   * first page, and the rest wait for the sender's {@code 更多}.
   */
  @Override
  public Answer answer(IncomingMessage message) {
    pending.takeOffered(); // nothing left over from an attempt rolled back on this thread
    String reply = answerWhole(message);
    Offer offer = pending.takeOffered();
    if (reply == null || ReplyPager.fits(reply)) {
      return new Answer(reply, offer);
    }
    // a reply that asks (numbered choices, 确认 of held figures) stays whole: pages would replace
    // the open question, and with it the figures it carries; such replies are kept short
    if (pending.has(message, PendingQuestions.HOLD)
        || pending.has(message, PendingQuestions.CHOICE)) {
      return new Answer(reply, offer);
    }
    List<String> pages = ReplyPager.pages(reply);
    pending.offerPages(message, pages.subList(1, pages.size()));
    return new Answer(pages.get(0), pending.takeOffered());
  }

  /**
   * 确认 sent to an open question with one option ("要上报吗？ 1. 上报 …") picks it, as 1 would; with
   * several options it asks for the number; with no choice open (or figures held for 确认) null: 确认
   * is the held report's. A choice and held figures are never open together (a new question clears
   * the older one).
   */
  private YearQuestions.Resolved confirmAsChoice(IncomingMessage message, CommandParser parser) {
    if (pending.has(message, PendingQuestions.HOLD)) {
      return null;
    }
    Optional<PendingQuestions.Choice> asked = pending.takeChoice(message);
    if (asked.isEmpty()) {
      return null;
    }
    List<String> messages = asked.get().messages();
    if (messages.size() == 1) {
      return years.resolve(messages.get(0), parser);
    }
    pending.askChoice(message, asked.get());
    return new YearQuestions.Resolved(
        new Invalid(null, "有 " + messages.size() + " 个选项，请回复序号（1 到 " + messages.size() + "）。"),
        null,
        null);
  }

  /**
   * A message with pictures or files: its text answered as any, and the files attached to the
   * sender's report of this message or of the last {@code duban.attachments.window} ({@link
   * Evidence}); only registered senders' files are kept.
   */
  private String answerWhole(IncomingMessage message) {
    if (message.files().isEmpty()) {
      return answerText(message);
    }
    String text =
        message.text() == null
            ? ""
            : PlatformRules.of(message.platform()).removeMentions(message.text()).strip();
    Contact sender = sender(message);
    if (sender == null) {
      return "您还没有登记为督办联系人，图片和文件未保存。请发送“绑定 <手机号>”（手机号须已登记在通讯录中），或请管理员把您加入联系人。";
    }
    // words that are no command ("这是城镇就业的台账") are the files' caption, not a question
    boolean caption = !text.isEmpty() && vocabulary.parser().parse(text) instanceof Unknown;
    String reply = text.isEmpty() || caption ? "" : answerText(message);
    Optional<PendingQuestions.Attach> named = pending.takeAttach(message);
    String attached =
        named.isPresent()
            ? evidence.attach(message, refs(named.get()))
            : evidence.attachToRecent(message, sender);
    return reply.isEmpty() ? attached : reply + "\n" + attached;
  }

  /** The reports 附件 named, as the evidence core takes them. */
  private static List<Evidence.ReportRef> refs(PendingQuestions.Attach a) {
    List<Evidence.ReportRef> out = new ArrayList<>();
    for (int i = 0; i < a.reportIds().size(); i++) {
      out.add(new Evidence.ReportRef(a.reportIds().get(i), a.targets().get(i), a.periods().get(i)));
    }
    return out;
  }

  private String answerText(IncomingMessage message) {
    if (message.text() == null) {
      return "目前只能处理文字消息，请用文字发送命令（发送“帮助”查看用法）。";
    }
    CommandParser parser = vocabulary.parser();
    Contact sender = sender(message);
    YearQuestions.Resolved resolved =
        years.resolve(PlatformRules.of(message.platform()).removeMentions(message.text()), parser);
    ParsedCommand parsed = resolved.parsed();
    if (parsed instanceof Choice choice) {
      Optional<PendingQuestions.Choice> asked = pending.takeChoice(message);
      if (asked.isEmpty()) {
        return "没有需要选择的问题（选择 30 分钟内有效）。请重新发送命令。";
      }
      List<String> messages = asked.get().messages();
      if (choice.number() < 1 || choice.number() > messages.size()) {
        pending.askChoice(message, asked.get());
        return "请回复 1 到 " + messages.size() + " 之间的序号。";
      }
      resolved = years.resolve(messages.get(choice.number() - 1), parser);
      parsed = resolved.parsed();
    } else if (parsed instanceof Confirm) {
      YearQuestions.Resolved chosen = confirmAsChoice(message, parser);
      if (chosen != null && chosen.parsed() instanceof Invalid refused) {
        return refused.text();
      }
      resolved = chosen == null ? resolved : chosen;
      parsed = resolved.parsed();
    } else if (!(parsed instanceof MoreCommand.More)) {
      pending.clear(message);
    }
    if (!(parsed instanceof HelpCommand.Help)
        && !(parsed instanceof BindCommand.Bind)
        && sender == null) {
      if (parsed instanceof Invalid || parsed instanceof Clarify) {
        return text(parsed);
      }
      return "您还没有登记为督办联系人。请发送“绑定 <手机号>”（手机号须已登记在通讯录中），或请管理员把您加入联系人。";
    }
    if (resolved.refusal() != null) {
      return resolved.refusal();
    }
    if (parsed instanceof Clarify clarify) {
      pending.askChoice(
          message,
          new PendingQuestions.Choice(
              clarify.options().stream().map(Clarify.Option::label).toList(),
              clarify.options().stream().map(Clarify.Option::message).toList()));
      return clarify.text();
    }
    String reply = router.route(parsed, context(message, sender, resolved.year()));
    if (reply == null && sender != null && sender.unit != null && bareReport(parsed, message)) {
      pending.offer(Offer.form(reportableTargets(sender)));
    } else if (reply != null && resolved.year() == null) {
      // the usual next queries (未报, 慢序时, 排名) are the active plan's: none after a past year's
      pending.offerIfNone(
          QuickQueries.after(
              parsed, sender != null && sender.unit != null && sender.has(Role.REPORTER)));
    }
    return reply != null ? reply : text(parsed);
  }

  /**
   * The context a command is answered in: the active plan, or with {@code year} (a question about a
   * past year, read-only) that year's plan.
   */
  private ChatContext context(IncomingMessage message, Contact sender, Integer year) {
    return new ChatContext(
        message,
        sender,
        sender == null ? null : sender.unit,
        false,
        new ChatContext.Views() {
          @Override
          public PlanView plan() {
            return year == null ? progress.today() : planYears.view(year);
          }

          @Override
          public ProgressService.Standing standing() {
            if (year == null) {
              return progress.standingToday();
            }
            PlanView view = planYears.view(year);
            return view == null ? null : new ProgressService.Standing(view.plan(), view.phase());
          }

          @Override
          public PlanView.TargetView target(long targetId) {
            if (year == null) {
              return progress.targetToday(targetId);
            }
            PlanView view = planYears.view(year);
            return view == null ? null : view.target(targetId);
          }
        });
  }

  /** {@code 上报} (or a synonym) and nothing else: the usage answer may carry a report form. */
  private static boolean bareReport(ParsedCommand parsed, IncomingMessage message) {
    if (!(parsed instanceof Invalid invalid) || invalid.command() != ReportCommand.SPEC) {
      return false;
    }
    String text = PlatformRules.of(message.platform()).removeMentions(message.text()).strip();
    return text.equals(ReportCommand.SPEC.name()) || ReportCommand.SPEC.aliases().contains(text);
  }

  /** The sender's unit's numeric targets, by name, for a report form's picker. */
  private List<String> reportableTargets(Contact sender) {
    PlanView view = progress.today();
    return view.units().stream()
        .filter(u -> u.unit().id.equals(sender.unit.id))
        .flatMap(u -> u.targets().stream())
        .map(PlanView.TargetView::target)
        .filter(t -> t.kind == TargetKind.NUMERIC && !t.retired)
        .map(t -> t.name)
        .distinct()
        .toList();
  }

  private static String text(ParsedCommand parsed) {
    if (parsed instanceof Invalid i) {
      return i.text();
    }
    if (parsed instanceof Unknown u) {
      return u.text();
    }
    if (parsed instanceof Clarify c) {
      return c.text();
    }
    return "这个命令现在不能使用。发送“帮助”查看可用的命令。";
  }

  /** The active contact behind a platform id (see {@link SenderDirectory#activeContact}). */
  Contact sender(IncomingMessage m) {
    return directory.activeContact(m.platform(), m.botId(), m.senderId());
  }
}
