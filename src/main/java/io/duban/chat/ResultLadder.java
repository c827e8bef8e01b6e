package io.duban.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How a platform's answer to one send becomes a {@link SendResult}, written once for every
 * platform: each adapter supplies only its code table (what "ok" is, which codes mean rate-limited,
 * which an invalid token, which a permanent failure). The ladder, in order: ok → sent; rate-limited
 * → pause the bot's queue; token invalid → forget the cached token and retry; permanent → stop now;
 * anything else → retry with backoff. The error text is the platform's name, code and message ("钉钉
 * errcode 130101 …").
 */
public final class ResultLadder {
  /** A rung of the ladder: what one answer means. */
  public enum Step {
    SENT,
    RATE_LIMITED,
    TOKEN_INVALID,
    PERMANENT,
    RETRY
  }

  /** The code and message a platform put in an answer's body. */
  public record Reading(int code, String message) {}

  private final String platform;
  private final String codeName;
  private final Function<JsonNode, Optional<Reading>> reader;
  private final int ok;
  private final Duration pause;
  private final Set<Integer> rateLimited;
  private final Set<Integer> tokenInvalid;
  private final Set<Integer> permanent;

  private ResultLadder(
      String platform,
      String codeName,
      Function<JsonNode, Optional<Reading>> reader,
      int ok,
      Duration pause,
      Set<Integer> rateLimited,
      Set<Integer> tokenInvalid,
      Set<Integer> permanent) {
    this.platform = platform;
    this.codeName = codeName;
    this.reader = reader;
    this.ok = ok;
    this.pause = pause;
    this.rateLimited = rateLimited;
    this.tokenInvalid = tokenInvalid;
    this.permanent = permanent;
  }

  /**
   * A platform whose answers carry {@code codeName} (0 = ok) and a message in {@code messageName},
   * both in the body of an HTTP 200 (钉钉 and 企业微信: errcode and errmsg).
   */
  public static ResultLadder bodyCode(String platform, String codeName, String messageName) {
    return of(
        platform,
        codeName,
        body ->
            body.has(codeName)
                ? Optional.of(
                    new Reading(body.path(codeName).asInt(-1), body.path(messageName).asText("")))
                : Optional.empty());
  }

  /**
   * A platform whose answers are read by {@code reader} (empty when the body has no code; 0 = ok);
   * {@code codeName} names the code in the texts ("飞书返回内容缺少 code").
   */
  public static ResultLadder of(
      String platform, String codeName, Function<JsonNode, Optional<Reading>> reader) {
    return new ResultLadder(
        platform, codeName, reader, 0, Duration.ZERO, Set.of(), Set.of(), Set.of());
  }

  /** The codes that mean rate-limited, and how long the bot's queue pauses for them. */
  public ResultLadder rateLimited(Duration pause, Set<Integer> codes) {
    return new ResultLadder(platform, codeName, reader, ok, pause, codes, tokenInvalid, permanent);
  }

  /** The codes that mean the access token is no longer valid (fetch a new one and retry). */
  public ResultLadder tokenInvalid(Set<Integer> codes) {
    return new ResultLadder(platform, codeName, reader, ok, pause, rateLimited, codes, permanent);
  }

  /** The codes that no retry can cure. */
  public ResultLadder permanent(Set<Integer> codes) {
    return new ResultLadder(
        platform, codeName, reader, ok, pause, rateLimited, tokenInvalid, codes);
  }

  /** Whether a code means the access token is no longer valid. */
  public boolean isTokenInvalid(int code) {
    return tokenInvalid.contains(code);
  }

  /** The rung a code stands on. */
  public Step step(int code) {
    if (code == ok) {
      return Step.SENT;
    }
    if (rateLimited.contains(code)) {
      return Step.RATE_LIMITED;
    }
    if (tokenInvalid.contains(code)) {
      return Step.TOKEN_INVALID;
    }
    if (permanent.contains(code)) {
      return Step.PERMANENT;
    }
    return Step.RETRY;
  }

  /**
   * The result of an answer: an HTTP failure as {@link JsonPost} classified it; a body without a
   * code is retried; otherwise the code's rung. {@code onTokenInvalid} runs for an invalid token
   * (the adapter forgets its cached token).
   */
  public SendResult classify(JsonPost.Answer answer, Runnable onTokenInvalid) {
    if (answer.failure() != null) {
      return answer.failure();
    }
    Optional<Reading> reading = reader.apply(answer.body());
    if (reading.isEmpty()) {
      return SendResult.retry(platform + "返回内容缺少 " + codeName);
    }
    return result(reading.get().code(), reading.get().message(), onTokenInvalid);
  }

  /** The result of a code and its message. */
  public SendResult result(int code, String message, Runnable onTokenInvalid) {
    Step step = step(code);
    if (step == Step.SENT) {
      return SendResult.sent();
    }
    String error = platform + " " + codeName + " " + code + " " + message;
    return toResult(step, error, pause, onTokenInvalid);
  }

  static SendResult toResult(Step step, String error, Duration pause, Runnable onTokenInvalid) {
    return switch (step) {
      case SENT -> SendResult.sent();
      case RATE_LIMITED -> SendResult.rateLimited(error, pause);
      case TOKEN_INVALID -> {
        onTokenInvalid.run();
        yield SendResult.retry(error);
      }
      case PERMANENT -> SendResult.permanent(error);
      case RETRY -> SendResult.retry(error);
    };
  }

  /**
   * The same ladder for an API that answers failures with an HTTP status and a string code (钉钉's
   * v1.0 OpenAPI): 2xx → sent; 401, 403 or a token code → token invalid; 429 or a throttling code →
   * rate-limited for {@code pause}; 5xx → retry; any other status → permanent. The error text is
   * "钉钉 HTTP 403 code message", trimmed.
   */
  public record Http(
      String platform,
      Duration pause,
      Predicate<String> tokenInvalid,
      Predicate<String> rateLimited) {
    /** The rung an HTTP status and the body's code stand on. */
    public Step step(int status, String code) {
      if (status >= 200 && status < 300) {
        return Step.SENT;
      }
      if (status == 401 || status == 403 || tokenInvalid.test(code)) {
        return Step.TOKEN_INVALID;
      }
      if (status == 429 || rateLimited.test(code)) {
        return Step.RATE_LIMITED;
      }
      if (status >= 500) {
        return Step.RETRY;
      }
      return Step.PERMANENT;
    }

    /** The result of an answer's status, code and message. */
    public SendResult result(int status, String code, String message, Runnable onTokenInvalid) {
      String error = (platform + " HTTP " + status + " " + code + " " + message).trim();
      return toResult(step(status, code), error, pause, onTokenInvalid);
    }
  }
}
