package io.duban.dashboard;

import static io.duban.support.Chat.say;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.duban.support.WebDriverClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A real browser (Debian's headless Chromium through chromedriver) logs in with the read token,
 * loads the dashboard from the running test application, checks the 22 工程 and their bars, and takes
 * a screenshot (target/dashboard.png). Without Chromium the test says so and is skipped.
 */
@QuarkusTest
class DashboardBrowserTest {
  @TestHTTPResource("/")
  URL root;

  @Inject TestData data;

  @Test
  void aLeaderLogsInAndSeesEveryProjectWithItsBars() throws Exception {
    assumeTrue(
        WebDriverClient.available(),
        "Chromium is not installed (apt-get install chromium chromium-driver fonts-wqy-microhei): browser test skipped");
    data.resetReports();
    say("dt-rsj-01", "上报 新增就业岗位 3万");
    say("dt-gjj-01", "上报 住房低息贷款 8亿");
    say("dt-cgj-01", "完成 小庙转运站");
    Path profile = Files.createTempDirectory("duban-chromium");
    try (WebDriverClient browser = new WebDriverClient(profile)) {
      browser.open(root.toString());
      assertThat(browser.title()).isEqualTo("登录 · 督办看板");
      browser.type("#token", Tokens.READ);
      browser.click("#login");
      assertThat(browser.title()).contains("督办看板").contains("为民办实事项目");
      assertThat(
              browser.script("return document.querySelectorAll('[data-project]').length").asInt())
          .isEqualTo(22);
      assertThat(browser.script("return document.querySelectorAll('[data-target]').length").asInt())
          .isEqualTo(64);
      // bars are laid out: the reported targets' fills have a width, the 序时 markers sit at 46.8%
      assertThat(
              browser
                  .script(
                      "return document.querySelector('[data-target=\"jobs-new\"] .fill').getBoundingClientRect().width")
                  .asDouble())
          .isGreaterThan(10);
      assertThat(
              browser
                  .script(
                      "var t=document.querySelector('[data-target=\"jobs-new\"] .track').getBoundingClientRect();"
                          + "var m=document.querySelector('[data-target=\"jobs-new\"] .sched').getBoundingClientRect();"
                          + "return (m.left-t.left)/t.width")
                  .asDouble())
          .isBetween(0.45, 0.49);
      assertThat(
              browser
                  .script(
                      "return document.querySelector('svg.chart').getBoundingClientRect().height")
                  .asDouble())
          .isGreaterThan(100);
      assertThat(browser.script("return document.body.innerText").asText())
          .contains("就业助推工程")
          .contains("安置房办证工程")
          .contains("本期未报")
          .contains("新增就业岗位");
      byte[] png = browser.screenshot();
      assertThat(png.length).isGreaterThan(20_000);
      Files.write(Path.of("target/dashboard.png"), png);
    }
  }

  @Test
  void anAdminApprovesAndRejectsRequestsWithTheButtons() throws Exception {
    assumeTrue(WebDriverClient.available(), "Chromium is not installed: browser test skipped");
    data.resetReports();
    data.resetOutbox();
    long a = number(say("dt-browser-1", "绑定 13800000202"));
    long b = number(say("dt-browser-2", "绑定 13900000888"));
    Path profile = Files.createTempDirectory("duban-chromium");
    try (WebDriverClient browser = new WebDriverClient(profile)) {
      browser.open(root.toString());
      browser.type("#token", Tokens.ADMIN);
      browser.click("#login");
      assertThat(browser.waitFor("document.querySelector('#approvals')", 10_000)).isTrue();
      String page = browser.script("return document.body.innerText").asText();
      assertThat(page).contains("待审批（管理员）").contains("#" + a).contains("#" + b);
      // the browser posts the form itself: same-origin Origin and the session's CSRF token
      browser.click("#approve-" + a);
      assertThat(
              browser.waitFor(
                  "document.querySelector('.notice').innerText.includes('#" + a + "')", 10_000))
          .isTrue();
      assertThat(browser.script("return document.querySelector('.notice').innerText").asText())
          .contains("已批准 #" + a);
      browser.type("#approvals form[action$='/" + b + "/reject'] input[name=reason]", "号码未登记");
      browser.click("#reject-" + b);
      assertThat(
              browser.waitFor(
                  "document.querySelector('.notice').innerText.includes('#" + b + "')", 10_000))
          .isTrue();
      assertThat(browser.script("return document.querySelector('.notice').innerText").asText())
          .contains("已驳回 #" + b);
      Files.write(Path.of("target/dashboard-approvals.png"), browser.screenshot());
    }
    assertThat(say("dt-browser-1", "全区进度")).contains("全区进度（");
    assertThat(say("dt-browser-2", "全区进度")).contains("还没有登记");
  }

  static long number(String reply) {
    return Long.parseLong(reply.replaceAll("(?s)^.*?#(\\d+).*$", "$1"));
  }
}
