package io.duban.contact;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.duban.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contacts API: same fields as contacts.yaml; bad input answers 4xx with a reason. */
@QuarkusTest
class ContactsApiTest {
  RequestSpecification admin() {
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json");
  }

  @Test
  void listsTheFileContactsWithTheirIds() {
    admin()
        .get("/api/contacts")
        .then()
        .statusCode(200)
        .body("find { it.id == 'rsj-01' }.unit", equalTo("人社局"))
        .body("find { it.id == 'rsj-01' }.mobile", equalTo("13800000001"))
        .body("find { it.id == 'rsj-01' }.ids.dingtalk", equalTo("dt-rsj-01"))
        .body("find { it.id == 'rsj-01' }.ids.feishu.'feishu-app'", equalTo("ou_rsj01"))
        .body("find { it.id == 'admin-01' }.role", hasItem("admin"))
        .body("find { it.id == 'rsj-01' }.origin", equalTo("FILE"));
  }

  @Test
  void roleIsAStringOrAList() {
    admin()
        .body("{\"id\":\"api-role-1\",\"name\":\"单角色\",\"unit\":\"区政府办\",\"role\":\"leader\"}")
        .post("/api/contacts")
        .then()
        .statusCode(201)
        .body("role", hasItem("leader"));
    admin().delete("/api/contacts/api-role-1").then().statusCode(200);
  }

  @Test
  void createUpdateAndDeactivate() {
    String body =
        "{\"id\":\"api-c-1\",\"name\":\"接口联系人\",\"unit\":\"区政府办\",\"role\":[\"leader\"],"
            + "\"mobile\":\"13900000011\",\"ids\":{\"wecom\":\"wx-api-1\",\"feishu\":{\"feishu-app\":\"ou_api1\"}}}";
    admin().body(body).post("/api/contacts").then().statusCode(201).body("origin", equalTo("API"));
    admin()
        .body(body)
        .post("/api/contacts")
        .then()
        .statusCode(409)
        .body("error", containsString("已存在"));
    admin()
        .body(body.replace("接口联系人", "接口联系人二"))
        .put("/api/contacts/api-c-1")
        .then()
        .statusCode(200)
        .body("name", equalTo("接口联系人二"))
        .body("ids.feishu.'feishu-app'", equalTo("ou_api1"));
    admin().delete("/api/contacts/api-c-1").then().statusCode(200).body("active", equalTo(false));
    admin().get("/api/contacts/api-c-1").then().statusCode(200).body("active", equalTo(false));
    admin().delete("/api/contacts/nobody").then().statusCode(404);
  }

  @Test
  void badInputGetsAReasonAndChangesNothing() {
    admin()
        .body("{\"id\":\"x 1\",\"name\":\"a\",\"unit\":\"人社局\",\"role\":[\"reporter\"]}")
        .post("/api/contacts")
        .then()
        .statusCode(400)
        .body("error", containsString("id"));
    admin()
        .body("{\"id\":\"x1\",\"name\":\"a\",\"unit\":\"人社局\",\"role\":[\"boss\"]}")
        .post("/api/contacts")
        .then()
        .statusCode(400)
        .body("error", containsString("role"));
    admin()
        .body(
            "{\"id\":\"x1\",\"name\":\"a\",\"unit\":\"人社局\",\"role\":[\"reporter\"],\"mobile\":\"123\"}")
        .post("/api/contacts")
        .then()
        .statusCode(400)
        .body("error", containsString("手机号"));
    admin()
        .body("{\"id\":\"x1\",\"name\":\"a\",\"unit\":\"不存在局\",\"role\":[\"reporter\"]}")
        .post("/api/contacts")
        .then()
        .statusCode(409)
        .body("error", containsString("不存在"));
    admin()
        .body(
            "{\"id\":\"x1\",\"name\":\"a\",\"unit\":\"人社局\",\"role\":[\"reporter\"],\"mobile\":\"13800000001\"}")
        .post("/api/contacts")
        .then()
        .statusCode(409)
        .body("error", containsString("rsj-01"));
    for (String name : List.of("赵\\u202e一示", "赵\\u2066示一", "赵\\u0000示一", "赵\\n示一")) {
      admin()
          .body("{\"id\":\"x1\",\"name\":\"" + name + "\",\"unit\":\"人社局\",\"role\":\"reporter\"}")
          .post("/api/contacts")
          .then()
          .statusCode(400)
          .body("error", containsString("控制"));
    }
    admin()
        .body(
            "{\"id\":\"x1\",\"name\":\"a\",\"unit\":\"人社局\",\"role\":\"reporter\","
                + "\"ids\":{\"wecom\":\"x><@all\"}}")
        .post("/api/contacts")
        .then()
        .statusCode(400)
        .body("error", containsString("ids.wecom"));
    admin().body("{not json").post("/api/contacts").then().statusCode(400);
    admin().body("[]").post("/api/contacts").then().statusCode(400);
    admin().get("/api/contacts/x1").then().statusCode(404);
  }
}
