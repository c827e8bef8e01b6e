package io.duban.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a JSON answer with a Chinese reason: 4xx for what the client can fix,
 * and for anything unexpected one log line with the cause and a 500 without a stack trace. Reasons
 * name the JSON field or the parameter, never a Java class.
 */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    if (e.getCause() != null) {
      // JAX-RS answers 404 when a query or path parameter does not convert (limit=abc)
      return ApiError.response(400, "参数格式不对：" + conversion(e.getCause()));
    }
    return ApiError.response(404, "没有这个地址");
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e) {
    return ApiError.response(405, "不支持这个请求方法");
  }

  @ServerExceptionMapper
  public Response unsupported(NotSupportedException e) {
    return ApiError.response(415, "请求体格式不支持，请用 application/json");
  }

  /**
   * A JSON value of the wrong type for its field (quarkus-rest-jackson's own mapper has no body).
   */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    String field = field(e);
    return ApiError.response(
        400,
        field.isEmpty()
            ? "请求体的结构不对（应为 JSON 对象）" + where(e.getLocation())
            : "请求体字段“" + field + "”的类型不对" + where(e.getLocation()));
  }

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      return ApiError.response(400, "请求体字段“" + field(m) + "”的值不对" + where(e.getLocation()));
    }
    return ApiError.response(400, "请求体不是有效的 JSON" + where(e.getLocation()));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException json) {
      return badJson(json);
    }
    if (status >= 500) {
      LOG.errorf("请求失败：%s", e.toString());
      return ApiError.response(status, "服务器内部错误");
    }
    return ApiError.response(
        status,
        switch (status) {
          case 400 -> "请求无效（参数或请求体格式不对）";
          case 406 -> "不能按请求的格式（Accept）回答";
          case 413 -> "请求体过大";
          case 414 -> "请求地址太长";
          default -> "请求无效（HTTP " + status + "）";
        });
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(RuntimeException e) {
    LOG.errorf(e, "未预期的错误：%s", e.toString());
    return ApiError.response(500, "服务器内部错误，已记录日志");
  }

  private static String field(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return "（第 " + at.getLineNr() + " 行第 " + at.getColumnNr() + " 列附近）";
  }

  private static String conversion(Throwable cause) {
    if (cause instanceof NumberFormatException) {
      String m = cause.getMessage() == null ? "" : cause.getMessage();
      int open = m.indexOf('"');
      int close = m.lastIndexOf('"');
      if (open >= 0 && close > open) {
        String value = m.substring(open + 1, close).replaceAll("[\\p{Cntrl}<>\"]", "");
        return "“" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "”不是整数";
      }
      return "应为整数";
    }
    return "无法识别参数的值";
  }
}
