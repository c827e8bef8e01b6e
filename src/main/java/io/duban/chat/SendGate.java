package io.duban.chat;

/**
 * Whether this instance may claim a bot's outgoing messages now. Every instance may, except where a
 * platform's bot keeps one connection for the whole cluster (WeCom 智能机器人 in stream mode sends over
 * the connection only its lease holder has): that platform's gate, a CDI bean, says no on the other
 * instances, and their outboxes leave the bot's messages to the holder.
 */
public interface SendGate {
  boolean mayClaim(BotSpec bot);
}
