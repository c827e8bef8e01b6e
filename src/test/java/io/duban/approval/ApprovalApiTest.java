package io.duban.approval;

import static io.duban.support.Chat.say;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.duban.support.TestData;
import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/approvals: the same requests and decisions as in chat, for scripts and admin tools. */
@QuarkusTest
class ApprovalApiTest {
  @Inject TestData data;

  @BeforeEach
  void clean() {
    data.resetReports();
    data.resetOutbox();
  }

  static RequestSpecification admin() {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json");
  }

  static long open(String sender, String mobile) {
    return Long.parseLong(say(sender, "绑定 " + mobile).replaceAll("(?s)^.*?#(\\d+).*$", "$1"));
  }

  @Test
  void listApproveAndRejectWithReasons() {
    long a = open("dt-api-1", "13800000202");
    long b = open("dt-api-2", "13900000555");
    admin()
        .get("/api/approvals")
        .then()
        .statusCode(200)
        .body("size()", equalTo(2))
        .body("find { it.id == " + a + " }.description", containsString("陈领导（示例）"))
        .body("find { it.id == " + a + " }.description", containsString("138****0202"))
        .body("find { it.id == " + b + " }.status", equalTo("PENDING"));
    admin()
        .post("/api/approvals/" + b + "/reject")
        .then()
        .statusCode(422)
        .body("error", containsString("驳回原因"));
    admin()
        .body("{\"reason\":\"号码未登记\"}")
        .post("/api/approvals/" + b + "/reject")
        .then()
        .statusCode(200)
        .body("done", equalTo(true));
    admin().post("/api/approvals/" + a + "/approve").then().statusCode(200);
    admin()
        .post("/api/approvals/" + a + "/approve")
        .then()
        .statusCode(409)
        .body("error", containsString("已批准"));
    admin()
        .get("/api/approvals?status=all")
        .then()
        .statusCode(200)
        .body("find { it.id == " + a + " }.decidedBy", equalTo("管理员令牌（API）"))
        .body("find { it.id == " + b + " }.reason", equalTo("号码未登记"));
    assertThat(say("dt-api-1", "全区进度")).contains("全区进度（");
  }

  @Test
  void badRequestsGetAReason() {
    admin().post("/api/approvals/999999/approve").then().statusCode(404);
    admin()
        .post("/api/approvals/abc/approve")
        .then()
        .statusCode(400)
        .body("error", containsString("正整数"));
    admin()
        .get("/api/approvals?status=MAYBE")
        .then()
        .statusCode(400)
        .body("error", containsString("status"));
    admin()
        .get("/api/approvals?limit=abc")
        .then()
        .statusCode(400)
        .body("error", containsString("limit"));
    given()
        .header("Authorization", "Bearer " + Tokens.READ)
        .get("/api/approvals")
        .then()
        .statusCode(403);
    given().contentType("application/json").post("/api/approvals/1/approve").then().statusCode(401);
  }
}
