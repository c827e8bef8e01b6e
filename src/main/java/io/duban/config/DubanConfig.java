package io.duban.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;

/** Duban's own settings; each key can also be given as its environment variable. */
@ConfigMapping(prefix = "duban")
public interface DubanConfig {
  /**
   * Folder with plan.yaml, contacts.yaml, bots.yaml, reminders.yaml, calendar/ (DUBAN_CONFIG_DIR).
   */
  @WithDefault("bot-config")
  String configDir();

  /** Folder for local files such as the generated admin token (default ./data). */
  @WithDefault("data")
  String dataDir();

  /** Bearer token of the admin endpoints (DUBAN_ADMIN_TOKEN); generated at first start if unset. */
  Optional<String> adminToken();

  /** Bearer token of the read endpoints (DUBAN_READ_TOKEN); read endpoints are open if unset. */
  Optional<String> readToken();

  /**
   * Key of the dashboard's session cookies (DUBAN_SESSION_SECRET); required with several instances.
   * Unset: a random secret kept in data/session-secret (owner-only).
   */
  Optional<String> sessionSecret();

  /** Failed logins and bearer tokens. */
  AuthConfig auth();

  /** How many wrong tokens a client may present. */
  interface AuthConfig {
    /** Failed logins or bearer tokens per client and minute; then 429 with Retry-After. */
    @WithDefault("10")
    int failuresPerMinute();
  }

  /** The dashboard's browser-facing rules. */
  WebConfig web();

  /** Where the dashboard may be posted from. */
  interface WebConfig {
    /**
     * Origins allowed to post the login and dashboard forms besides the request's own
     * (https://duban.example.gov.cn), for a reverse proxy that does not pass the Host on.
     */
    Optional<java.util.List<String>> origins();
  }

  /** The two clocks. */
  ClockConfig clock();

  /** Which plan is active. */
  PlanConfig plan();

  /** The reminder job. */
  RemindersConfig reminders();

  /** How often the reminder job looks at the plan clock. */
  interface RemindersConfig {
    /** Interval of the reminder job ("off" to disable; tests run it by hand). */
    @WithDefault("5m")
    String interval();
  }

  /** The inbox of platform callbacks. */
  InboxConfig inbox();

  /** How callbacks are answered. */
  interface InboxConfig {
    /** How often acknowledged but unanswered messages are looked for ("off" to disable). */
    @WithDefault("30s")
    String recoveryInterval();
  }

  /** The in-memory copies of the plan, the figures, the contacts and the open questions. */
  ReadModelConfig readModel();

  /** How the in-memory copies learn of other instances' writes. */
  interface ReadModelConfig {
    /**
     * How often each copy looks for changes written by another instance ("off" when only one
     * instance runs; its own writes are seen at once either way).
     */
    @WithDefault("2s")
    String pollInterval();
  }

  /** Outbound HTTP to the platforms. */
  HttpConfig http();

  /** Timeouts of calls to the platforms, and the forward proxy they go through. */
  interface HttpConfig {
    /** How long to wait for a platform's answer. */
    @WithDefault("10s")
    java.time.Duration readTimeout();

    /**
     * The forward proxy of every outbound call and WebSocket, {@code http://host:port} (TLS goes
     * through it with CONNECT); unset: direct.
     */
    java.util.Optional<String> proxy();

    /** The proxy's basic-auth user (set it from the environment: DUBAN_HTTP_PROXY_USER). */
    java.util.Optional<String> proxyUser();

    /**
     * The proxy's password (from the environment only: DUBAN_HTTP_PROXY_PASSWORD; never logged).
     */
    java.util.Optional<String> proxyPassword();

    /**
     * Hosts reached directly, comma-separated: {@code host}, {@code .suffix} or {@code *.suffix};
     * loopback always is.
     */
    java.util.Optional<String> noProxy();

    /** A PEM file of extra CA certificates trusted besides the JDK's (a private CA). */
    java.util.Optional<String> caBundle();
  }

  /** Long connections of bots in {@code mode: stream}. */
  StreamConfig stream();

  /** Whether stream bots connect, and when a connection down counts as an outage. */
  interface StreamConfig {
    /** Whether bots in stream mode open their connections at start-up. */
    @WithDefault("true")
    boolean enabled();

    /** A connection down this long is told to the admin route (once, and again when back). */
    @WithDefault("10m")
    java.time.Duration alertAfter();

    /** How often the connections' state is looked at for that alert. */
    @WithDefault("30s")
    String checkInterval();
  }

  /** Requests that need an admin's yes. */
  ApprovalsConfig approvals();

  /** 佐证材料: pictures and files attached to reports. */
  AttachmentsConfig attachments();

  /** Limits of attachments. */
  interface AttachmentsConfig {
    /** Largest file kept (DUBAN_ATTACHMENTS_MAX_BYTES, default 20 MB). */
    @WithDefault("20971520")
    long maxBytes();

    /** Files sent within this time after a sender's report attach to it (default 10 minutes). */
    @WithDefault("10m")
    java.time.Duration window();

    /** How often queued downloads are tried ("off" to disable; tests run them by hand). */
    @WithDefault("2s")
    String interval();

    /**
     * Where the files' bytes are kept (DUBAN_ATTACHMENTS_DIRECTORY); unset: in the database. Files
     * kept in the database before stay there.
     */
    java.util.Optional<String> directory();
  }

  /** How long a request waits for a decision, and how often expired ones are closed. */
  interface ApprovalsConfig {
    /** A request not decided within this time expires (default one day). */
    @WithDefault("24h")
    java.time.Duration expiry();

    /** How often expired requests are closed ("off" to disable; tests run it by hand). */
    @WithDefault("1m")
    String interval();
  }

  /** The 绑定 command. */
  BindConfig bind();

  /** Limits and the platform check of 绑定 requests. */
  interface BindConfig {
    /** 绑定 attempts one platform account may make in an hour; then a refusal. */
    @WithDefault("5")
    int perSenderPerHour();

    /** 绑定 attempts naming one mobile in a day (from anyone); then a refusal. */
    @WithDefault("3")
    int perMobilePerDay();

    /** Ask the platform's directory right after a request is made (tests run it by hand). */
    @WithDefault("true")
    boolean checkOnRequest();

    /** How often requests still waiting for the directory check are looked for ("off"). */
    @WithDefault("30s")
    String checkInterval();
  }

  /** Settings of the plan clock. */
  interface ClockConfig {
    /** DUBAN_CLOCK_TODAY: the plan clock starts at 09:00 Asia/Shanghai on this date. */
    Optional<LocalDate> today();
  }

  /** Settings of the active plan. */
  interface PlanConfig {
    /** With a plans/ folder: which plans/&lt;year&gt;.yaml is active (default: the latest year). */
    OptionalInt year();

    /**
     * DUBAN_PLAN_WATCH: reload the configuration folder (as {@code POST /api/config/reload}) when
     * its files change, checked every 5 s. Off by default: an operator reloads on purpose.
     */
    @WithDefault("false")
    boolean watch();
  }
}
