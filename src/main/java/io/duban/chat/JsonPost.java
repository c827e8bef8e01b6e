package io.duban.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.outbox.Secrets;
import java.io.IOException;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Posts JSON to a platform and reads the answer. HTTP failures become a {@link SendResult} (5xx,
 * 429 and network errors are retryable); a 2xx answer is handed back parsed, because every platform
 * reports its own errors in the body with HTTP 200.
 */
public final class JsonPost {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private JsonPost() {}

  /** The parsed body of a 2xx answer, or the failure as a send result. */
  public record Answer(JsonNode body, SendResult failure) {}

  public static Answer post(
      OkHttpClient http,
      ObjectMapper json,
      String url,
      Object payload,
      Map<String, String> headers) {
    Request.Builder request;
    try {
      request =
          new Request.Builder()
              .url(url)
              .post(RequestBody.create(json.writeValueAsBytes(payload), JSON));
    } catch (IOException | IllegalArgumentException e) {
      return new Answer(null, SendResult.permanent("地址或内容无效：" + e.getClass().getSimpleName()));
    }
    headers.forEach(request::header);
    try (Response response = http.newCall(request.build()).execute()) {
      int code = response.code();
      String body = response.body() == null ? "" : response.body().string();
      if (code == 429 || code >= 500) {
        return new Answer(null, SendResult.retry("HTTP " + code));
      }
      if (code >= 400) {
        return new Answer(null, SendResult.permanent("HTTP " + code + " " + excerpt(body)));
      }
      if (code >= 300) {
        return new Answer(null, SendResult.permanent("HTTP " + code + "（地址被重定向，请检查配置）"));
      }
      try {
        return new Answer(json.readTree(body), null);
      } catch (IOException e) {
        return new Answer(null, SendResult.retry("平台返回的不是 JSON：" + excerpt(body)));
      }
    } catch (IOException e) {
      return new Answer(null, SendResult.retry(networkError(e)));
    }
  }

  /** "网络错误：" with the exception's kind and message (URLs scrubbed of keys and tokens). */
  public static String networkError(IOException e) {
    String detail = e.getMessage() == null ? "" : "（" + Secrets.scrub(e.getMessage()) + "）";
    return "网络错误：" + e.getClass().getSimpleName() + detail;
  }

  static String excerpt(String body) {
    String b = body.replaceAll("\\s+", " ");
    return b.length() > 200 ? b.substring(0, 200) + "…" : b;
  }
}
