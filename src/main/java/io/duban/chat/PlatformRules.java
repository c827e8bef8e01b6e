package io.duban.chat;

import java.util.Map;

/**
 * What differs from one chat platform to the next outside its adapter: which values a bot must
 * have, its default pace, whether its user ids are per bot, and how its mentions are written in a
 * message text. Each platform package has one implementation, listed in {@code
 * META-INF/services/io.duban.chat.PlatformRules}; {@link #of} finds it without chat/ importing the
 * platform packages (and without CDI, so {@link BotsFile#parse} works in plain unit tests).
 */
public interface PlatformRules {

  /** The rules of a platform; every platform has them. */
  static PlatformRules of(Platform platform) {
    return LoadedPlatformRules.of(platform);
  }

  /** The platform these rules are for. */
  Platform platform();

  /**
   * Checks a bot's values (env references resolved, {@code platform} left out).
   *
   * @return the sentence saying what is missing or wrong (the bot is then disabled), or null
   */
  String missingRequired(Map<String, String> values);

  /** The pace of a bot that sets no {@code rate-limit} (docs/platforms.md). */
  RateLimit defaultRate();

  /**
   * Whether a user's id on this platform holds for one bot (app) only, so contacts list it per bot;
   * otherwise an id holds for every bot of the platform.
   */
  default boolean idsPerBot() {
    return false;
  }

  /**
   * The message text without this platform's own mention markup, each mention replaced by a space
   * (the bot's name written as "@name" is removed later, by the text normaliser).
   */
  default String removeMentions(String text) {
    return text;
  }

  /**
   * Whether a bot of this platform may set {@code mode: stream} (a long connection it opens
   * itself); its {@link #missingRequired} then checks the values that mode needs.
   */
  default boolean supportsStream() {
    return false;
  }

  /** Whether {@code key} is set to a non-empty value. */
  static boolean isSet(Map<String, String> values, String key) {
    String s = values.get(key);
    return s != null && !s.isEmpty();
  }
}
