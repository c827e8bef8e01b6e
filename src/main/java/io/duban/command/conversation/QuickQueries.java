package io.duban.command.conversation;

import io.duban.chat.Offer;
import io.duban.command.ParsedCommand;
import io.duban.command.commands.BehindCommand.Behind;
import io.duban.command.commands.BulletinCommand.Bulletin;
import io.duban.command.commands.OverallCommand.Overall;
import io.duban.command.commands.OverdueCommand.Overdue;
import io.duban.command.commands.RankingCommand.Ranking;
import io.duban.command.commands.ReportCommand.Report;
import io.duban.command.commands.UnreportedCommand.Unreported;
import java.util.Arrays;
import java.util.List;

/**
 * The follow-up queries a reply offers to tap when it asks nothing: after 全区进度 the usual next
 * questions (未报, 慢序时, 排名), after a recorded figure the unit's own list. Each is a command word
 * every registered sender may use, sent as typed; two or three, so a phone shows them on one line.
 */
final class QuickQueries {
  private QuickQueries() {}

  /** {@code hasUnit}: the sender reports for a unit (a leader's 我的 would list nothing). */
  static Offer after(ParsedCommand parsed, boolean hasUnit) {
    if (parsed instanceof Overall) {
      return of("未报", "慢序时", "排名");
    }
    if (parsed instanceof Unreported || parsed instanceof Bulletin) {
      return of("逾期", "慢序时");
    }
    if (parsed instanceof Behind || parsed instanceof Ranking) {
      return of("未报", "逾期");
    }
    if (parsed instanceof Overdue) {
      return of("未报", "通报");
    }
    if (parsed instanceof Report && hasUnit) {
      return of("我的");
    }
    return Offer.NONE;
  }

  private static Offer of(String... words) {
    List<Offer.Choice> choices = Arrays.stream(words).map(w -> new Offer.Choice(w, w)).toList();
    return Offer.followUps(choices);
  }
}
