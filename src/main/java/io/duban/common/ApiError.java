package io.duban.common;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON body of every refused HTTP request: a status and a Chinese reason. */
public record ApiError(int status, String error) {
  public static Response response(int status, String reason) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
        .entity(new ApiError(status, reason))
        .build();
  }
}
