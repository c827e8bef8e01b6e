package io.duban.contact;

import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import java.util.Optional;

/**
 * Whom a platform id belongs to. An id is stored for every bot of its platform ({@link
 * ContactIdentity#ANY_BOT}) or, where the platform's ids are per bot (Feishu: an open_id differs
 * from one app to the next), for one bot; an id "holds for" a bot when it is stored for every bot
 * or for that one. The conversation, reminders' mentions and 绑定 all ask here.
 */
public final class Identities {

  private Identities() {}

  /**
   * The bot scope a new id of this platform is stored under: the bot where the platform's ids are
   * per bot (and the bot is known), otherwise {@link ContactIdentity#ANY_BOT}.
   */
  public static String botScope(Platform platform, String botId) {
    return PlatformRules.of(platform).idsPerBot() && botId != null
        ? botId
        : ContactIdentity.ANY_BOT;
  }

  /** Whether the stored id is on this platform and holds for this bot. */
  public static boolean holdsFor(ContactIdentity identity, Platform platform, String botId) {
    return identity.platform.equals(platform.key())
        && (identity.botId.equals(ContactIdentity.ANY_BOT) || identity.botId.equals(botId));
  }

  /** The contact's id to mention through this bot (the last one that holds for it), or null. */
  public static String idFor(Contact contact, Platform platform, String botId) {
    String id = null;
    for (ContactIdentity i : contact.identities) {
      if (holdsFor(i, platform, botId)) {
        id = i.externalId;
      }
    }
    return id;
  }

  /** Whether the contact has an id on this platform holding for this bot. */
  public static boolean hasIdFor(Contact contact, Platform platform, String botId) {
    return contact.identities.stream().anyMatch(i -> holdsFor(i, platform, botId));
  }

  /** The stored id with exactly this scope (see {@link #botScope}), whoever's contact it is. */
  public static Optional<ContactIdentity> stored(
      Platform platform, String scope, String externalId) {
    return ContactIdentity.<ContactIdentity>find(
            "platform = ?1 and botId = ?2 and externalId = ?3", platform.key(), scope, externalId)
        .firstResultOptional();
  }
}
