package io.duban.chat;

import java.util.Locale;

/**
 * A platform's staff directory, asked which user holds a mobile number, as the given bot sees user
 * ids (DingTalk userid, WeCom userid, the Feishu app's open_id). Used to let the platform vouch for
 * a 绑定: the answer proves only what the platform says, so any doubt means "ask a person".
 */
public interface Directory {
  Platform platform();

  /**
   * Whether this bot has what a lookup needs (credentials) and the operator has not turned it off.
   */
  boolean available(BotSpec bot);

  /** The user holding {@code mobile}; never throws for platform or network errors. */
  Answer userByMobile(BotSpec bot, String mobile);

  /** What the directory said. */
  record Answer(Kind kind, String userId, String detail) {
    public static Answer found(String userId) {
      return new Answer(Kind.FOUND, userId, null);
    }

    public static Answer notFound() {
      return new Answer(Kind.NOT_FOUND, null, null);
    }

    public static Answer unavailable(String why) {
      return new Answer(Kind.UNAVAILABLE, null, why);
    }
  }

  /** Found a user, no user has that mobile, or the directory could not be asked (why in detail). */
  enum Kind {
    FOUND,
    NOT_FOUND,
    UNAVAILABLE
  }

  /** The bots.yaml switch {@code directory: off} turns lookups off for a bot (default on). */
  static boolean switchedOn(BotSpec bot) {
    String v = bot.valueOr("directory", "on").trim().toLowerCase(Locale.ROOT);
    return !(v.equals("off") || v.equals("false") || v.equals("no"));
  }
}
