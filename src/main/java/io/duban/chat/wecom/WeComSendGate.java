package io.duban.chat.wecom;

import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.SendGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A WeCom 智能机器人 in stream mode sends over its one connection, which only the lease holder has: the
 * outbox of every other instance leaves the bot's messages (replies included) to the holder.
 */
@ApplicationScoped
public class WeComSendGate implements SendGate {
  @Inject WeComLeases leases;

  @Override
  public boolean mayClaim(BotSpec bot) {
    return allows(leases.local(), bot);
  }

  static boolean allows(WeComLeases.Holder holder, BotSpec bot) {
    return bot.platform() != Platform.WECOM || !bot.stream() || holder.holds(bot.id());
  }
}
