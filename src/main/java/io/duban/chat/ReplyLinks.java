package io.duban.chat;

import okhttp3.HttpUrl;

/**
 * Reply links come inside callbacks (DingTalk sessionWebhook, WeCom response_url), so they are only
 * followed to the platform's own configured host: same scheme, host and port as the bot's base URL.
 * A link elsewhere is ignored and the message goes the bot's other way.
 */
public final class ReplyLinks {
  private ReplyLinks() {}

  public static boolean sameOrigin(String link, String configuredBase) {
    HttpUrl target = link == null ? null : HttpUrl.parse(link);
    HttpUrl base = configuredBase == null ? null : HttpUrl.parse(configuredBase);
    return target != null
        && base != null
        && target.scheme().equals(base.scheme())
        && target.host().equalsIgnoreCase(base.host())
        && target.port() == base.port();
  }

  /** A Feishu message id used as a path segment of the reply API: letters, digits, _ and - only. */
  public static boolean plainId(String id) {
    return id != null && !id.isEmpty() && id.length() <= 128 && id.matches("[A-Za-z0-9_-]+");
  }
}
