package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.duban.chat.BotSpec;
import io.duban.chat.outbox.Secrets;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Asks Feishu where to open the long connection: {@code POST {api-base-url}/callback/ws/endpoint}
 * with header {@code locale: zh} and {@code {"AppID","AppSecret"}} answers {@code {code, msg,
 * data:{URL, ClientConfig}}} (larksuite/oapi-sdk-go ws/client.go). Code 0 is the address, 1 (busy)
 * and 1000040343 (server error) are worth retrying, any other code is the app's fault.
 */
final class FeishuEndpoint {
  static final String PATH = "/callback/ws/endpoint";
  static final int BUSY = 1;
  static final int SERVER_ERROR = 1000040343;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private FeishuEndpoint() {}

  /** The address to dial (it carries device_id, service_id and a ticket: never log it whole). */
  record Endpoint(String url, ClientConfig config) {}

  /**
   * The client settings Feishu sends with the endpoint and in pongs, in seconds (0 or absent: keep
   * the current value). ReconnectCount is not used: a service keeps trying and says it is down.
   */
  record ClientConfig(
      int reconnectCount, int reconnectInterval, int reconnectNonce, int pingInterval) {
    /** The vendor SDK's defaults: retry every 120 s after a first random wait up to 30 s. */
    static final ClientConfig DEFAULT = new ClientConfig(-1, 120, 30, 120);

    /** These settings with the positive values of a {@code ClientConfig} JSON object applied. */
    ClientConfig with(JsonNode c) {
      if (c == null || !c.isObject()) {
        return this;
      }
      return new ClientConfig(
          c.path("ReconnectCount").asInt(reconnectCount),
          positive(c, "ReconnectInterval", reconnectInterval),
          c.has("ReconnectNonce") ? Math.max(0, c.path("ReconnectNonce").asInt()) : reconnectNonce,
          positive(c, "PingInterval", pingInterval));
    }

    private static int positive(JsonNode c, String name, int fallback) {
      int v = c.path(name).asInt(0);
      return v > 0 ? v : fallback;
    }
  }

  /** Why no address came back; {@code clientError}: the app's settings, not worth a quick retry. */
  static final class EndpointException extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean clientError;

    EndpointException(boolean clientError, String message) {
      super(message);
      this.clientError = clientError;
    }
  }

  static Endpoint fetch(OkHttpClient http, ObjectMapper json, BotSpec bot, ClientConfig current)
      throws EndpointException {
    String base = bot.valueOr("api-base-url", FeishuAdapter.DEFAULT_API).replaceAll("/+$", "");
    ObjectNode body = json.createObjectNode();
    body.put("AppID", bot.valueOr("app-key", ""));
    body.put("AppSecret", bot.valueOr("app-secret", ""));
    Request request =
        new Request.Builder()
            .url(base + PATH)
            .header("locale", "zh")
            .post(RequestBody.create(body.toString(), JSON))
            .build();
    JsonNode answer;
    try (Response r = http.newCall(request).execute()) {
      ResponseBody rb = r.body();
      if (r.code() != 200) {
        throw new EndpointException(false, "获取长连接地址失败：HTTP " + r.code());
      }
      answer = json.readTree(rb.string());
    } catch (IOException e) {
      throw new EndpointException(false, "获取长连接地址失败：" + Secrets.scrub(e.toString()));
    }
    int code = answer.path("code").asInt(-1);
    String msg = answer.path("msg").asText("");
    if (code == BUSY || code == SERVER_ERROR) {
      throw new EndpointException(false, "飞书长连接服务繁忙（code " + code + "）：" + msg);
    }
    if (code != 0) {
      throw new EndpointException(
          true, "飞书拒绝建立长连接（code " + code + "）：" + msg + "；请检查 App ID、App Secret 与订阅方式");
    }
    JsonNode data = answer.path("data");
    String url = data.path("URL").asText("");
    if (url.isEmpty()) {
      throw new EndpointException(false, "飞书没有返回长连接地址");
    }
    return new Endpoint(url, current.with(data.path("ClientConfig")));
  }
}
