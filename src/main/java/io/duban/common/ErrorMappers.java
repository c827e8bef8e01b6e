package io.duban.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into a JSON answer with a Chinese reason: 4xx for what the client can fix,
 * and for anything unexpected one log line with the cause and a 500 without a stack trace.
 */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
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

  @ServerExceptionMapper
  public Response badJson(JsonProcessingException e) {
    return ApiError.response(400, "请求体不是有效的 JSON：" + e.getOriginalMessage());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.errorf("请求失败：%s", e.toString());
      return ApiError.response(status, "服务器内部错误");
    }
    return ApiError.response(status, status == 413 ? "请求体过大" : "请求无效（HTTP " + status + "）");
  }

  @ServerExceptionMapper(priority = 10_000)
  public Response unexpected(RuntimeException e) {
    LOG.errorf(e, "未预期的错误：%s", e.toString());
    return ApiError.response(500, "服务器内部错误，已记录日志");
  }
}
