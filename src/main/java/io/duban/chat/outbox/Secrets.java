package io.duban.chat.outbox;

import java.util.regex.Pattern;

/**
 * Removes secrets from text meant for logs and the API (tokens and keys in URLs, bearer values).
 */
public final class Secrets {
  private static final Pattern QUERY_SECRET =
      Pattern.compile("(?i)((?:access_token|key|token|sign|secret|session|ticket)=)[^&\\s\"']+");
  private static final Pattern HOOK_PATH = Pattern.compile("(?i)(/hook/)[A-Za-z0-9-]+");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");

  private Secrets() {}

  public static String scrub(String text) {
    if (text == null) {
      return null;
    }
    String s = QUERY_SECRET.matcher(text).replaceAll("$1***");
    s = HOOK_PATH.matcher(s).replaceAll("$1***");
    s = BEARER.matcher(s).replaceAll("$1***");
    return s.length() > 1000 ? s.substring(0, 1000) : s;
  }
}
