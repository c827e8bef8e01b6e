package io.duban.chat;

import io.duban.config.ConfigFileException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * The forward proxy of every outbound call and WebSocket ({@code duban.http.proxy*}): which hosts
 * go through it (all but the no-proxy list and loopback) and the basic credentials it is answered
 * with. TLS goes through it as a CONNECT tunnel, which OkHttp opens itself for https and wss URLs.
 */
public final class OutboundProxy {
  static final String PROXY_KEY = "duban.http.proxy";
  static final String USER_KEY = "duban.http.proxy-user";
  static final String PASSWORD_KEY = "duban.http.proxy-password";

  /** The scheme OkHttp puts in the fake 407 it hands the authenticator before a CONNECT. */
  static final String PREEMPTIVE_SCHEME = "OkHttp-Preemptive";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final String host;
  private final int port;
  private final Optional<String> user;
  private final String credential;
  private final List<String> noProxy;
  private final Proxy proxy;

  private OutboundProxy(
      String host, int port, Optional<String> user, String credential, List<String> noProxy) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.credential = credential;
    this.noProxy = noProxy;
    // unresolved: OkHttp looks the proxy's name up itself, at the first call, not at start-up
    this.proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
  }

  /**
   * The proxy of these settings, or empty when {@code duban.http.proxy} is unset; a setting that
   * cannot be used is a {@link ConfigFileException} naming it (never quoting the password).
   */
  public static Optional<OutboundProxy> of(
      Optional<String> url,
      Optional<String> user,
      Optional<String> password,
      Optional<String> noProxy) {
    Optional<String> proxyUrl = url.map(String::strip).filter(s -> !s.isEmpty());
    Optional<String> proxyUser = user.map(String::strip).filter(s -> !s.isEmpty());
    boolean hasPassword = password.filter(s -> !s.isEmpty()).isPresent();
    if (proxyUrl.isEmpty()) {
      if (proxyUser.isPresent() || hasPassword) {
        throw new ConfigFileException(
            USER_KEY + " / " + PASSWORD_KEY + ": 设置了代理账号，却没有设置代理地址 " + PROXY_KEY);
      }
      return Optional.empty();
    }
    if (proxyUser.isPresent() != hasPassword) {
      throw new ConfigFileException(USER_KEY + " 与 " + PASSWORD_KEY + ": 代理账号和密码要同时设置（或都不设置）");
    }
    URI uri = parse(proxyUrl.get());
    String credential =
        proxyUser
            .map(u -> Credentials.basic(u, password.orElseThrow(), StandardCharsets.UTF_8))
            .orElse(null);
    return Optional.of(
        new OutboundProxy(
            uri.getHost().replaceAll("^\\[|\\]$", ""),
            uri.getPort(),
            proxyUser,
            credential,
            noProxyList(noProxy)));
  }

  private static URI parse(String value) {
    String withScheme = value.contains("://") ? value : "http://" + value;
    URI uri;
    try {
      uri = new URI(withScheme);
    } catch (java.net.URISyntaxException e) {
      throw badUrl("地址格式不对（应为 http://主机:端口）");
    }
    if (uri.getRawUserInfo() != null) {
      // the value itself is not quoted: it carries a password
      throw badUrl("地址里不要写账号密码，请改用 " + USER_KEY + " 与 " + PASSWORD_KEY);
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw badUrl("只支持 http:// 代理（https 的目标经代理的 CONNECT 隧道加密），而不是 " + uri.getScheme() + "://");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
      throw badUrl("地址要写明主机和端口，如 http://proxy.example.gov.cn:8080（当前为 " + value + "）");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
      throw badUrl("地址只写 http://主机:端口，不带路径（当前为 " + value + "）");
    }
    return uri;
  }

  private static ConfigFileException badUrl(String problem) {
    return new ConfigFileException(PROXY_KEY + "（DUBAN_HTTP_PROXY）: " + problem);
  }

  private static List<String> noProxyList(Optional<String> value) {
    List<String> entries = new ArrayList<>();
    for (String part : value.orElse("").split(",")) {
      String entry = part.strip().toLowerCase(Locale.ROOT);
      if (entry.startsWith("*.")) {
        entry = entry.substring(1);
      }
      if (entry.startsWith("[") && entry.endsWith("]")) {
        entry = entry.substring(1, entry.length() - 1);
      }
      if (!entry.isEmpty() && !entry.equals(".")) {
        entries.add(entry);
      }
    }
    return List.copyOf(entries);
  }

  /**
   * Whether a host is reached without the proxy: loopback always, a no-proxy entry {@code host}
   * exactly, {@code .suffix} or {@code *.suffix} that domain and every name under it, {@code *}
   * every host. Names are not looked up: only literal loopback addresses count as loopback.
   */
  public boolean direct(String hostName) {
    String h = hostName.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (isLoopback(h)) {
      return true;
    }
    for (String entry : noProxy) {
      if (entry.equals("*") || entry.equals(h)) {
        return true;
      }
      if (entry.startsWith(".") && (h.endsWith(entry) || h.equals(entry.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  static boolean isLoopback(String host) {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    if (IPV4.matcher(host).matches()) {
      return host.startsWith("127.");
    }
    if (host.indexOf(':') >= 0) {
      try {
        // a literal with a colon is parsed, never looked up; ::ffff:127.0.0.1 counts too
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  /** Chooses the proxy or a direct connection per call (OkHttp asks it for every new route). */
  public ProxySelector selector() {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        String target = uri.getHost();
        return target == null || direct(target) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // OkHttp reports the failure to the call itself; the outbox retries and records it
      }
    };
  }

  /**
   * Answers the proxy's 407 with the basic credentials, once: a request that already carried them
   * was refused, and asking again with the same password would loop. Before a CONNECT OkHttp asks
   * with a fake 407 of scheme {@value #PREEMPTIVE_SCHEME}; the credentials go in the first CONNECT
   * then, saving a round trip.
   */
  public Authenticator authenticator() {
    if (credential == null) {
      return Authenticator.NONE;
    }
    return (Route route, Response response) -> {
      Request request = response.request();
      if (request.header("Proxy-Authorization") != null) {
        return null;
      }
      List<Challenge> challenges = response.challenges();
      boolean basic =
          challenges.isEmpty()
              || challenges.stream()
                  .anyMatch(
                      c ->
                          c.scheme().equalsIgnoreCase("Basic")
                              || c.scheme().equalsIgnoreCase(PREEMPTIVE_SCHEME));
      if (!basic) {
        return null;
      }
      return request.newBuilder().header("Proxy-Authorization", credential).build();
    };
  }

  /** For the start-up log: host, port, user and no-proxy list, never the password. */
  public String describe() {
    return "http://"
        + (host.indexOf(':') >= 0 ? "[" + host + "]" : host)
        + ":"
        + port
        + user.map(u -> "，代理账号 " + u).orElse("，无代理账号")
        + "；直连（不经代理）："
        + (noProxy.isEmpty() ? "仅本机回环地址" : String.join(", ", noProxy) + " 与本机回环地址");
  }

  /** The proxy, for tests and for a WebSocket that wants to know. */
  public Proxy proxy() {
    return proxy;
  }
}
