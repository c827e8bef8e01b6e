package io.duban.chat.inbox;

import io.duban.common.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Logs refused callbacks at most once a minute per bot: the first refusal of a minute is written at
 * once, the others are counted and the count goes with the next line. A flood of forged requests
 * cannot fill the log, and no line carries a secret (only the reason).
 */
@ApplicationScoped
public class RefusalLog {
  static final Duration EVERY = Duration.ofMinutes(1);
  private static final Logger LOG = Logger.getLogger(RefusalLog.class);

  @Inject Clock wall;

  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /** The current minute of one bot: when it started and how many refusals went unlogged. */
  private static final class Window {
    Instant started;
    int suppressed;
  }

  /** Records one refusal; returns whether it was written to the log. */
  public boolean refused(String platform, String rawBotId, int status, String reason) {
    // the bot id comes from the request path: no line breaks or control characters into the log
    String botId = LogText.printable(rawBotId, 64);
    String key = platform + "/" + botId;
    Instant now = wall.instant();
    Window w = windows.computeIfAbsent(key, k -> new Window());
    int earlier;
    synchronized (w) {
      if (w.started != null && now.isBefore(w.started.plus(EVERY))) {
        w.suppressed++;
        return false;
      }
      earlier = w.suppressed;
      w.started = now;
      w.suppressed = 0;
    }
    if (windows.size() > 10_000) {
      windows.clear(); // unknown bot ids from a scan: forget them rather than grow
    }
    LOG.warnf(
        "拒绝 %s 回调（机器人 %s）：%d %s%s",
        platform,
        botId,
        status,
        reason,
        earlier == 0 ? "" : "（上一分钟内另有 " + earlier + " 次被拒绝，未逐条记录）");
    return true;
  }
}
