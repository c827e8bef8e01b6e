package io.duban.chat;

/** Where a message goes: a bot, and for app bots the chat (group) id; null chat = the bot's own. */
public record Route(String botId, String chatId) {
  @Override
  public String toString() {
    return chatId == null ? botId : botId + "/" + chatId;
  }
}
