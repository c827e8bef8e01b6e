package io.duban.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every failure as a JSON answer with a Chinese reason, checked on the mappers themselves with real
 * Jackson and JAX-RS exceptions: the status, the reason, the field and the place, never a Java
 * class name.
 */
class ErrorMappersTest {
  final ErrorMappers mappers = new ErrorMappers();
  final ObjectMapper json = new ObjectMapper();

  /** A request body as the contacts API reads it. */
  public static class Body {
    public String id;
    public List<Item> items;
  }

  public static class Item {
    public int count;
  }

  static ApiError error(Response r) {
    assertThat(r.getMediaType().toString()).isEqualTo("application/json;charset=UTF-8");
    ApiError e = (ApiError) r.getEntity();
    assertThat(e.status()).isEqualTo(r.getStatus());
    return e;
  }

  <T extends JsonProcessingException> T failure(Class<T> type, String body) {
    T e = catchThrowableOfType(type, () -> json.readValue(body, Body.class));
    assertThat(e).as("reading %s", body).isNotNull();
    return e;
  }

  @Test
  void anUnknownAddressIs404() {
    assertThat(error(mappers.notFound(new NotFoundException())))
        .isEqualTo(new ApiError(404, "没有这个地址"));
  }

  @Test
  void aParameterThatIsNotANumberIs400WithItsValue() {
    NumberFormatException cause = new NumberFormatException("For input string: \"abc\"");
    assertThat(error(mappers.notFound(new NotFoundException(cause))))
        .isEqualTo(new ApiError(400, "参数格式不对：“abc”不是整数"));
  }

  @Test
  void theEchoedValueIsCleanedAndCut() {
    String value = "<b>\"" + "9".repeat(50);
    NumberFormatException cause = new NumberFormatException("For input string: \"" + value + "\"");
    assertThat(error(mappers.notFound(new NotFoundException(cause))).error())
        .isEqualTo("参数格式不对：“b" + "9".repeat(39) + "…”不是整数");
  }

  @Test
  void otherConversionFailuresAreNamedWithoutDetail() {
    assertThat(
            error(mappers.notFound(new NotFoundException(new NumberFormatException("overflow"))))
                .error())
        .isEqualTo("参数格式不对：应为整数");
    assertThat(
            error(mappers.notFound(new NotFoundException(new IllegalArgumentException("x"))))
                .error())
        .isEqualTo("参数格式不对：无法识别参数的值");
  }

  @Test
  void methodAndMediaTypeRefusals() {
    assertThat(error(mappers.notAllowed(new NotAllowedException("GET"))))
        .isEqualTo(new ApiError(405, "不支持这个请求方法"));
    assertThat(error(mappers.unsupported(new NotSupportedException())))
        .isEqualTo(new ApiError(415, "请求体格式不支持，请用 application/json"));
  }

  @Test
  void aFieldOfTheWrongTypeIsNamedWithItsPlace() {
    MismatchedInputException e =
        failure(MismatchedInputException.class, "{\"id\":\"a\",\"items\":[{\"count\":[1]}]}");
    assertThat(error(mappers.mismatched(e)).error())
        .isEqualTo("请求体字段“items[0].count”的类型不对（第 1 行第 29 列附近）");
  }

  @Test
  void aBodyThatIsNotAnObjectHasNoFieldToName() {
    MismatchedInputException e = failure(MismatchedInputException.class, "[1]");
    assertThat(error(mappers.mismatched(e)).error())
        .isEqualTo("请求体的结构不对（应为 JSON 对象）（第 1 行第 1 列附近）");
  }

  @Test
  void brokenJsonIs400WithThePlace() {
    JsonProcessingException e = failure(JsonProcessingException.class, "{\"id\":");
    Response r = mappers.badJson(e);
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(error(r).error()).startsWith("请求体不是有效的 JSON（第 1 行第 ").endsWith("列附近）");
  }

  @Test
  void aWrongValueInAFieldIsNamed() {
    JsonProcessingException e =
        failure(JsonProcessingException.class, "{\"items\":[{\"count\":\"abc\"}]}");
    assertThat(error(mappers.badJson(e)).error()).startsWith("请求体字段“items[0].count”的值不对（第 1 行第 ");
  }

  @Test
  void aWebExceptionCausedByJsonIsTheJsonAnswer() {
    JsonProcessingException json = failure(JsonProcessingException.class, "{\"id\":");
    Response r = mappers.web(new WebApplicationException(json, 400));
    assertThat(error(r).error()).startsWith("请求体不是有效的 JSON");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "400, 请求无效（参数或请求体格式不对）",
    "406, 不能按请求的格式（Accept）回答",
    "413, 请求体过大",
    "414, 请求地址太长",
    "409, 请求无效（HTTP 409）",
    "500, 服务器内部错误",
    "503, 服务器内部错误"
  })
  void webExceptionsKeepTheirStatusWithAReason(int status, String reason) {
    assertThat(error(mappers.web(new WebApplicationException(status))))
        .isEqualTo(new ApiError(status, reason));
  }

  @Test
  void anythingUnexpectedIs500WithoutDetail() {
    ApiError e =
        error(mappers.unexpected(new IllegalStateException("io.duban.secret.Thing broke")));
    assertThat(e).isEqualTo(new ApiError(500, "服务器内部错误，已记录日志"));
  }
}
