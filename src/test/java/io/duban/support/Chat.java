package io.duban.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;

/** Sends messages through the chat simulator (POST /api/chat/messages) as a given sender. */
public final class Chat {
  private Chat() {}

  public static String say(String senderId, String text) {
    return say("dingtalk", "cid-test-group", senderId, text);
  }

  public static String say(String platform, String chatId, String senderId, String text) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("platform", platform);
    body.put("chatId", chatId);
    body.put("senderId", senderId);
    body.put("text", text);
    body.put("messageId", "m-" + System.nanoTime());
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json")
        .body(body)
        .post("/api/chat/messages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("reply");
  }
}
