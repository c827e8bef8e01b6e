package io.duban.chat.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.duban.chat.OutboundProxy;
import io.duban.config.ConfigFileException;
import java.net.Proxy;
import java.net.URI;
import java.util.Optional;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Which hosts go through the proxy, how its settings are checked, and how a 407 is answered. */
class OutboundProxyTest {
  static final String SECRET = "pa55-秘密";

  static OutboundProxy proxy(String noProxy) {
    return OutboundProxy.of(
            Optional.of("http://proxy.example.gov.cn:3128"),
            Optional.of("duban"),
            Optional.of(SECRET),
            Optional.ofNullable(noProxy))
        .orElseThrow();
  }

  static ConfigFileException refused(String url, String user, String password) {
    try {
      OutboundProxy.of(
          Optional.ofNullable(url),
          Optional.ofNullable(user),
          Optional.ofNullable(password),
          Optional.empty());
    } catch (ConfigFileException e) {
      return e;
    }
    throw new AssertionError("accepted: " + url);
  }

  @Test
  void loopbackAlwaysGoesDirect() {
    OutboundProxy p = proxy(null);
    for (String host :
        new String[] {
          "localhost",
          "LOCALHOST",
          "api.localhost",
          "127.0.0.1",
          "127.1.2.3",
          "::1",
          "[::1]",
          "0:0:0:0:0:0:0:1",
          "::ffff:127.0.0.1",
          "localhost."
        }) {
      assertThat(p.direct(host)).as(host).isTrue();
    }
    for (String host :
        new String[] {
          "api.dingtalk.com", "128.0.0.1", "10.0.0.1", "::2", "localhost.example.com", "127.example"
        }) {
      assertThat(p.direct(host)).as(host).isFalse();
    }
  }

  @Test
  void noProxyEntriesMatchAHostExactlyOrADomainWithItsSubdomains() {
    OutboundProxy p = proxy(" intranet.gov.cn , .zwww.cn,*.Dg-Work.cn, 10.1.2.3, [fd00::1] ,, ");
    assertThat(p.direct("intranet.gov.cn")).isTrue();
    assertThat(p.direct("INTRANET.gov.cn")).isTrue();
    assertThat(p.direct("a.intranet.gov.cn")).as("a plain host is exact").isFalse();
    assertThat(p.direct("zwww.cn")).isTrue();
    assertThat(p.direct("oa.zwww.cn")).isTrue();
    assertThat(p.direct("x.oa.zwww.cn")).isTrue();
    assertThat(p.direct("evilzwww.cn")).as("a suffix matches at a dot only").isFalse();
    assertThat(p.direct("openplatform.dg-work.cn")).isTrue();
    assertThat(p.direct("dg-work.cn")).isTrue();
    assertThat(p.direct("10.1.2.3")).isTrue();
    assertThat(p.direct("10.1.2.30")).isFalse();
    assertThat(p.direct("fd00::1")).isTrue();
    assertThat(p.direct("api.dingtalk.com")).isFalse();
    assertThat(proxy("*").direct("api.dingtalk.com")).isTrue();
  }

  @Test
  void theSelectorAnswersPerUrl() {
    OutboundProxy p = proxy("oapi.dingtalk.com");
    Proxy through = p.selector().select(URI.create("https://api.dingtalk.com/v1.0/x")).get(0);
    assertThat(through.type()).isEqualTo(Proxy.Type.HTTP);
    assertThat(through.address().toString()).contains("proxy.example.gov.cn").contains("3128");
    assertThat(p.selector().select(URI.create("https://oapi.dingtalk.com/gettoken")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(p.selector().select(URI.create("http://[::1]:8080/q/health")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(p.selector().select(URI.create("wss://127.0.0.1:9/ws")))
        .containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void unsetMeansNoProxy() {
    assertThat(
            OutboundProxy.of(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("x.cn")))
        .isEmpty();
    assertThat(
            OutboundProxy.of(
                Optional.of("  "), Optional.empty(), Optional.empty(), Optional.empty()))
        .isEmpty();
  }

  @Test
  void aHostAndPortWithoutSchemeIsAnHttpProxy() {
    OutboundProxy p =
        OutboundProxy.of(
                Optional.of("10.8.0.1:8080"), Optional.empty(), Optional.empty(), Optional.empty())
            .orElseThrow();
    assertThat(p.describe()).startsWith("http://10.8.0.1:8080，无代理账号");
  }

  @Test
  void brokenSettingsAreRefusedNamingTheSettingNeverThePassword() {
    assertThat(refused("http://proxy.example.gov.cn", null, null).getMessage())
        .startsWith("duban.http.proxy（DUBAN_HTTP_PROXY）: ")
        .contains("端口");
    assertThat(refused("socks5://proxy:1080", null, null).getMessage())
        .contains("duban.http.proxy")
        .contains("只支持 http://");
    assertThat(refused("http://proxy:99999", null, null).getMessage()).contains("端口");
    assertThat(refused("http://proxy:8080/path", null, null).getMessage()).contains("不带路径");
    assertThat(refused("http://pro xy:8080", null, null).getMessage()).contains("格式不对");
    ConfigFileException inUrl = refused("http://duban:" + SECRET + "@proxy:8080", null, null);
    assertThat(inUrl.getMessage()).contains("duban.http.proxy-user").doesNotContain(SECRET);
    assertThat(refused("http://proxy:8080", "duban", null).getMessage())
        .contains("duban.http.proxy-password");
    assertThat(refused("http://proxy:8080", null, SECRET).getMessage())
        .contains("duban.http.proxy-user")
        .doesNotContain(SECRET);
    assertThat(refused(null, "duban", SECRET).getMessage())
        .contains("duban.http.proxy")
        .doesNotContain(SECRET);
    assertThat(inUrl.getStackTrace()).as("one line, no stack trace").isEmpty();
  }

  @Test
  void theDescriptionNamesHostPortUserAndNoProxyButNotThePassword() {
    String text = proxy("intranet.gov.cn, .zwww.cn").describe();
    assertThat(text)
        .isEqualTo(
            "http://proxy.example.gov.cn:3128，代理账号 duban；直连（不经代理）：intranet.gov.cn, .zwww.cn 与本机回环地址");
    assertThat(text).doesNotContain(SECRET);
    assertThat(proxy(null).toString()).doesNotContain(SECRET);
  }

  static Response challenge(Request request, String scheme) {
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(407)
        .message("Proxy Authentication Required")
        .header("Proxy-Authenticate", scheme)
        .build();
  }

  @Test
  void a407IsAnsweredOnceWithBasicCredentials() throws Exception {
    okhttp3.Authenticator auth = proxy(null).authenticator();
    Request connect =
        new Request.Builder().url("https://api.dingtalk.com/").method("CONNECT", null).build();
    String expected =
        okhttp3.Credentials.basic("duban", SECRET, java.nio.charset.StandardCharsets.UTF_8);

    // OkHttp's own fake challenge before a CONNECT: answered, so the first CONNECT carries it
    Request preemptive = auth.authenticate(null, challenge(connect, "OkHttp-Preemptive"));
    assertThat(preemptive.header("Proxy-Authorization")).isEqualTo(expected);

    Request answered = auth.authenticate(null, challenge(connect, "Basic realm=\"x\""));
    assertThat(answered.header("Proxy-Authorization")).isEqualTo(expected);

    // refused with the credentials already sent: give up (a wrong password must not loop)
    assertThat(auth.authenticate(null, challenge(answered, "Basic realm=\"x\""))).isNull();
    // a scheme we cannot answer
    assertThat(auth.authenticate(null, challenge(connect, "Negotiate"))).isNull();
  }

  @Test
  void withoutAUserNothingIsAnswered() throws Exception {
    OutboundProxy p =
        OutboundProxy.of(
                Optional.of("http://proxy:3128"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty())
            .orElseThrow();
    Request connect = new Request.Builder().url("https://api.dingtalk.com/").build();
    assertThat(p.authenticator().authenticate(null, challenge(connect, "Basic realm=\"x\"")))
        .isNull();
  }
}
