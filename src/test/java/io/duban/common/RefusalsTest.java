package io.duban.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.duban.support.RawHttp;
import io.duban.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Every refusal is JSON {"status","error"} with a Chinese reason: type mismatches in bodies, bad
 * query values, malformed addresses (sent raw, as a client library would refuse to), addresses and
 * bodies over the limits, unknown paths.
 */
@QuarkusTest
class RefusalsTest {
  @TestHTTPResource("/")
  URL base;

  static RequestSpecification admin() {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json");
  }

  String raw(String requestLine, String... headers) throws Exception {
    String[] all = new String[headers.length + 1];
    all[0] = "Authorization: Bearer " + Tokens.ADMIN;
    System.arraycopy(headers, 0, all, 1, headers.length);
    return RawHttp.send(base, requestLine, all);
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() {
    admin()
        .body("{\"id\":\"t1\",\"name\":\"a\",\"unit\":\"人社局\",\"role\":{\"x\":1}}")
        .post("/api/contacts")
        .then()
        .statusCode(400)
        .body("status", equalTo(400))
        .body("error", containsString("role"))
        .body("error", org.hamcrest.Matchers.not(containsString("io.duban")));
    admin()
        .body("{\"id\":[1,2],\"name\":\"a\"}")
        .post("/api/contacts")
        .then()
        .statusCode(400)
        .body("error", containsString("“id”"));
    admin()
        .body("{\"route\":\"admin\",\"text\":{\"a\":1}}")
        .post("/api/messages")
        .then()
        .statusCode(400)
        .body("error", containsString("text"));
    admin()
        .body("{\"platform\":\"dingtalk\",\"chatId\":1.5e400,\"senderId\":[],\"text\":\"x\"}")
        .post("/api/chat/messages")
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.notNullValue());
    admin()
        .body("{\"id\":")
        .post("/api/contacts")
        .then()
        .statusCode(400)
        .body("error", containsString("不是有效的 JSON"));
  }

  @Test
  void aQueryValueThatIsNotANumberIs400WithAReason() {
    admin()
        .get("/api/messages?limit=abc")
        .then()
        .statusCode(400)
        .body("error", containsString("“abc”不是整数"));
    admin()
        .get("/api/messages?limit=99999999999999999999")
        .then()
        .statusCode(400)
        .body("error", containsString("不是整数"));
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/?category=abc")
        .then()
        .statusCode(200);
    admin().get("/api/nothing-here").then().statusCode(404).body("error", equalTo("没有这个地址"));
  }

  @Test
  void malformedAddressesAnswerJson() throws Exception {
    for (String target :
        new String[] {"/api/contacts/%zz", "/api/messages?limit=%", "/api/contacts/a%2", "/%"}) {
      String answer = raw("GET " + target + " HTTP/1.1");
      assertThat(answer).as(target).startsWith("HTTP/1.1 400");
      assertThat(answer).as(target).contains("application/json").contains("\"error\":\"请求地址格式不对");
    }
  }

  @Test
  void anAddressOverTheLimitAnswers414Json() throws Exception {
    String answer = raw("GET /api/projects?q=" + "x".repeat(HttpEdge.MAX_URI) + " HTTP/1.1");
    assertThat(answer).startsWith("HTTP/1.1 414").contains("\"status\":414").contains("请求地址太长");
  }

  @Test
  void aDeclaredBodyOverTheLimitAnswers413JsonBeforeTheBodyIsSent() throws Exception {
    String answer =
        RawHttp.announce(base, "/api/contacts", 2_000_000, "Authorization: Bearer " + Tokens.ADMIN);
    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"status\":413").contains("请求体过大");
  }
}
