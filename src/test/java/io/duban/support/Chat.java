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
    return sayVia(platform, null, chatId, senderId, text);
  }

  /** As a message to one bot of bots.yaml (null: no bot, as the plain simulator). */
  public static String sayVia(
      String platform, String botId, String chatId, String senderId, String text) {
    return send(platform, botId, chatId, senderId, text, "m-" + System.nanoTime());
  }

  /** With a message id of the test's choosing (the same id twice is one message). */
  public static String sayWithId(String senderId, String text, String messageId) {
    return send("dingtalk", null, "cid-test-group", senderId, text, messageId);
  }

  /**
   * The simulator's whole answer: {@code reply}, {@code choices} (label, text), {@code
   * formTargets}.
   */
  public static io.restassured.path.json.JsonPath answer(String senderId, String text) {
    return post(
        "dingtalk", null, "cid-test-group", senderId, text, "m-" + java.util.UUID.randomUUID());
  }

  private static String send(
      String platform, String botId, String chatId, String senderId, String text, String id) {
    return post(platform, botId, chatId, senderId, text, id).getString("reply");
  }

  private static io.restassured.path.json.JsonPath post(
      String platform, String botId, String chatId, String senderId, String text, String id) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("platform", platform);
    body.put("chatId", chatId);
    body.put("senderId", senderId);
    body.put("text", text);
    body.put("messageId", id);
    if (botId != null) {
      body.put("botId", botId);
    }
    return given()
        .header("Authorization", "Bearer " + Tokens.ADMIN)
        .contentType("application/json")
        .body(body)
        .post("/api/chat/messages")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
