package io.duban.chat;

import io.duban.config.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads bots.yaml: bots with secrets as {@code ${ENV}} references, and the routes (default,
 * leaders, admin, per unit). Bots whose required values are unset are disabled with a warning;
 * which values a platform requires, and its default pace, are its {@link PlatformRules}.
 */
public final class BotsFile {
  /**
   * Keys a bot may set (docs/contract.md §5), plus {@code name}: the bot's display name in groups.
   */
  public static final List<String> KEYS =
      List.of(
          "platform",
          "name",
          "webhook-url",
          "secret",
          "app-key",
          "app-secret",
          "robot-code",
          "token",
          "encoding-aes-key",
          "receive-id",
          "corp-id",
          "corp-secret",
          "agent-id",
          "encrypt-key",
          "api-base-url",
          "oapi-base-url",
          "timestamp-window",
          "rate-limit",
          "gov-api-key",
          "gov-secret-key",
          "directory",
          "allowed-ips",
          "mode",
          "bot-id",
          "ws-url");

  /** How a bot receives: HTTP callbacks to this service, or a connection it opens itself. */
  public static final List<String> MODES = List.of("webhook", "stream");

  /** Console bot every installation has, for local use and the simulator. */
  public static final String CONSOLE_BOT = "console";

  /** Longest accepted timestamp window (the inbox keeps used signatures for 3 days). */
  static final Duration MAX_WINDOW = Duration.ofHours(24);

  private static final Pattern BOT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)");

  private BotsFile() {}

  /** Bots, routes and warnings. */
  public record Bots(
      Map<String, BotSpec> bots,
      Route defaultRoute,
      Route leadersRoute,
      Route adminRoute,
      Map<String, Route> unitRoutes,
      List<String> warnings) {}

  /**
   * Reads the file; a value in the wrong shape throws, an unset or missing one disables its bot.
   */
  public static Bots parse(YamlNode root, Function<String, String> env, Set<String> knownUnits) {
    root.allowOnly("bots", "routes");
    Map<String, BotSpec> bots = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (Map.Entry<String, YamlNode> e : root.get("bots").entries().entrySet()) {
      BotSpec bot = bot(e.getKey(), e.getValue(), env);
      bots.put(bot.id(), bot);
      if (!bot.enabled()) {
        warnings.add(
            "机器人 " + bot.id() + "（" + bot.platform().label() + "）已停用：" + bot.disabledReason());
      }
    }
    if (!bots.containsKey(CONSOLE_BOT)) {
      bots.put(
          CONSOLE_BOT,
          new BotSpec(
              CONSOLE_BOT,
              Platform.CONSOLE,
              Map.of(),
              Duration.ofHours(1),
              RateLimit.UNPACED,
              true,
              null));
    }
    YamlNode routes = root.get("routes").allowOnly("default", "leaders", "admin", "units");
    Route defaultRoute =
        route(routes.get("default"), bots, warnings).orElse(new Route(CONSOLE_BOT, null));
    Route leaders = route(routes.get("leaders"), bots, warnings).orElse(defaultRoute);
    Route admin = route(routes.get("admin"), bots, warnings).orElse(defaultRoute);
    Map<String, Route> units = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> u : routes.get("units").entries().entrySet()) {
      if (!knownUnits.contains(u.getKey())) {
        throw u.getValue().error("单位“" + u.getKey() + "”不存在");
      }
      route(u.getValue(), bots, warnings).ifPresent(r -> units.put(u.getKey(), r));
    }
    return new Bots(bots, defaultRoute, leaders, admin, units, warnings);
  }

  /** One bot: disabled (with the reason) when an env value is unset or a required value missing. */
  private static BotSpec bot(String id, YamlNode b, Function<String, String> env) {
    if (!BOT_ID.matcher(id).matches()) {
      throw b.error("机器人编号只能用小写字母、数字、下划线和连字符");
    }
    b.allowOnly(KEYS.toArray(new String[0]));
    Platform platform =
        Platform.fromKey(b.string("platform"))
            .orElseThrow(() -> b.get("platform").error("平台应为 dingtalk、wecom、feishu 或 console"));
    PlatformRules rules = PlatformRules.of(platform);
    Map<String, String> values = new HashMap<>();
    List<String> unset = new ArrayList<>();
    for (String key : KEYS) {
      Optional<String> raw = b.optString(key);
      if (raw.isEmpty() || key.equals("platform")) {
        continue;
      }
      for (String name : YamlNode.envNames(raw.get())) {
        String v = env.apply(name);
        if (v == null || v.isEmpty()) {
          unset.add(name);
        }
      }
      values.put(key, YamlNode.resolveEnv(raw.get(), env));
    }
    Duration window = duration(b, values.get("timestamp-window"), Duration.ofHours(1));
    if (window.compareTo(MAX_WINDOW) > 0) {
      // used DingTalk signatures are remembered with the inbox rows (3 days): a pair stays
      // acceptable for up to twice the window, so the window must end well before that
      throw b.get("timestamp-window").error("时间窗口最长 24h");
    }
    RateLimit rate = rate(b, values.get("rate-limit"), rules.defaultRate());
    String mode = values.getOrDefault("mode", "webhook");
    if (!MODES.contains(mode)) {
      throw b.get("mode").error("mode 应为 webhook（默认，平台回调本服务）或 stream（本服务主动连接平台）");
    }
    if (mode.equals("stream") && !rules.supportsStream()) {
      throw b.get("mode").error(platform.label() + "机器人不支持 stream 模式");
    }
    if (values.containsKey("allowed-ips") && !values.get("allowed-ips").isBlank()) {
      try {
        IpRanges.parse(values.get("allowed-ips"));
      } catch (IllegalArgumentException ex) {
        throw b.get("allowed-ips").error(ex.getMessage() + "（写成 203.0.113.0/24, 198.51.100.7）");
      }
    }
    String reason =
        unset.isEmpty() ? rules.missingRequired(values) : "缺少环境变量 " + String.join("、", unset);
    return new BotSpec(id, platform, Map.copyOf(values), window, rate, reason == null, reason);
  }

  /** The bot's {@code rate-limit}, or the platform's default pace when it sets none. */
  private static RateLimit rate(YamlNode b, String raw, RateLimit fallback) {
    if (raw == null) {
      return fallback;
    }
    RateLimit rate;
    try {
      rate = RateLimit.parse(raw);
    } catch (IllegalArgumentException ex) {
      throw b.get("rate-limit").error("发送频率应写成 20/min、5/s、100/min,5/s 或 0");
    }
    if (rate.perMinute() > 250 || rate.perSecond() > 50) {
      throw b.get("rate-limit").error("发送频率最高 250/min、50/s；本地接收端不限速请写 0");
    }
    return rate;
  }

  private static Optional<Route> route(
      YamlNode node, Map<String, BotSpec> bots, List<String> warnings) {
    if (node.isMissing()) {
      return Optional.empty();
    }
    String botId;
    String chat = null;
    if (node.isScalar()) {
      botId = node.text();
    } else {
      node.allowOnly("bot", "chat");
      botId = node.string("bot");
      chat = node.optString("chat").orElse(null);
    }
    BotSpec bot = bots.get(botId);
    if (bot == null) {
      throw node.error("机器人“" + botId + "”未在 bots 中定义");
    }
    if (!bot.enabled()) {
      warnings.add("路由 " + node.path() + " 指向已停用的机器人 " + botId);
    }
    return Optional.of(new Route(botId, chat));
  }

  private static Duration duration(YamlNode b, String raw, Duration fallback) {
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    Matcher m = DURATION.matcher(raw.trim());
    if (!m.matches()) {
      throw b.get("timestamp-window").error("时间窗口应写成 1h、5m、300s 这样的形式");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m", "min" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
