package io.duban.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.duban.support.RawHttp;
import io.duban.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint with no token, a wrong token, the read token and the admin token. */
@QuarkusTest
class AccessMatrixTest {
  enum Who {
    NONE,
    WRONG,
    READ,
    ADMIN
  }

  record Call(String method, String path, String body, int none, int wrong, int read, int admin) {}

  static final String CONTACT =
      "{\"id\":\"matrix-1\",\"name\":\"矩阵测试\",\"unit\":\"人社局\",\"role\":[\"reporter\"]}";

  static final List<Call> CALLS =
      List.of(
          new Call("GET", "/api/projects", null, 401, 401, 200, 200),
          new Call("GET", "/api/units", null, 401, 401, 200, 200),
          new Call("GET", "/api/progress", null, 401, 401, 200, 200),
          new Call("GET", "/api/contacts", null, 401, 401, 403, 200),
          new Call("GET", "/api/contacts/rsj-01", null, 401, 401, 403, 200),
          new Call("POST", "/api/contacts", CONTACT, 401, 401, 403, 201),
          new Call("PUT", "/api/contacts/matrix-1", CONTACT, 401, 401, 403, 200),
          new Call("DELETE", "/api/contacts/matrix-1", null, 401, 401, 403, 200),
          new Call("GET", "/q/health/ready", null, 200, 200, 200, 200),
          new Call("GET", "/q/health/live", null, 200, 200, 200, 200),
          new Call("GET", "/q/openapi", null, 200, 200, 200, 200),
          new Call("GET", "/q/swagger-ui/", null, 200, 200, 200, 200),
          new Call("GET", "/q/metrics", null, 200, 200, 200, 200));

  @Test
  void everyEndpointAnswersPerTheContract() {
    for (Who who : List.of(Who.NONE, Who.WRONG, Who.READ)) {
      for (Call call : CALLS) {
        check(call, who);
      }
    }
    for (Call call : CALLS) {
      check(call, Who.ADMIN);
    }
  }

  private void check(Call call, Who who) {
    RequestSpecification req = given().contentType("application/json");
    switch (who) {
      case WRONG -> req.header("Authorization", "Bearer not-a-token");
      case READ -> req.header("Authorization", "Bearer " + Tokens.READ);
      case ADMIN -> req.header("Authorization", "Bearer " + Tokens.ADMIN);
      default -> {}
    }
    if (call.body() != null) {
      req.body(call.body());
    }
    int expected =
        switch (who) {
          case NONE -> call.none();
          case WRONG -> call.wrong();
          case READ -> call.read();
          case ADMIN -> call.admin();
        };
    int status = req.request(call.method(), call.path()).then().extract().statusCode();
    assertThat(status).as(call.method() + " " + call.path() + " as " + who).isEqualTo(expected);
  }

  @Test
  void refusalsExplainThemselvesInJson() {
    given()
        .get("/api/contacts")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
        .body("error", org.hamcrest.Matchers.containsString("管理员令牌"));
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/api/contacts")
        .then()
        .statusCode(403)
        .body("error", org.hamcrest.Matchers.containsString("管理员令牌"));
  }

  @TestHTTPResource("/")
  URL base;

  @Test
  void oversizedBodiesAnswer413WithAReasonBeforeTheBodyIsSent() throws Exception {
    // the server answers as soon as the declared length is over the limit, and closes the
    // connection: a client that waits for the go-ahead (Expect: 100-continue) never sends it
    String answer =
        RawHttp.announce(base, "/api/contacts", 1_100_000, "Authorization: Bearer " + Tokens.ADMIN);
    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\":\"请求体过大");
    // and nothing was stored
    given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .get("/api/contacts")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("xxxxxxxxxx")));
  }
}
