package io.duban.chat.outbox;

import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.Route;
import io.duban.common.ApiError;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The outbound message log (never a secret or a webhook URL), and notices pushed by admins. */
@Path("/api/messages")
@Access(Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {
  @Inject BotRegistry bots;
  @Inject Outbox outbox;

  /** One outbound message as the API shows it. */
  public record MessageJson(
      long id,
      String botId,
      String platform,
      String chatId,
      String kind,
      String text,
      String status,
      int attempts,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant sentAt,
      Long mergedInto) {}

  /** A notice to push: a route name (default, leaders, admin) or a bot and chat. */
  public record NoticeJson(String route, String botId, String chatId, String text) {}

  @GET
  @Transactional
  @Operation(summary = "最近的外发消息（状态、尝试次数、最后的错误），不含任何密钥或 webhook 地址")
  public Response list(@QueryParam("limit") Integer limit, @QueryParam("status") String status) {
    int n = limit == null ? 50 : limit;
    if (n < 1 || n > 1000) {
      return ApiError.response(400, "limit 应在 1 到 1000 之间");
    }
    List<OutboxMessage> rows;
    if (status != null) {
      OutboxStatus s;
      try {
        s = OutboxStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        return ApiError.response(400, "status 应为 PENDING、SENDING、SENT、FAILED 或 CANCELLED");
      }
      rows = OutboxMessage.find("status = ?1 order by id desc", s).page(0, n).list();
    } else {
      rows = OutboxMessage.find("order by id desc").page(0, n).list();
    }
    return Response.ok(rows.stream().map(this::json).toList()).build();
  }

  MessageJson json(OutboxMessage m) {
    String platform = bots.bot(m.botId).map(b -> b.platform().key()).orElse(null);
    return new MessageJson(
        m.id,
        m.botId,
        platform,
        m.chatId,
        m.kind.name(),
        m.text,
        m.status.name(),
        m.attempts,
        Secrets.scrub(m.lastError),
        m.createdAt,
        m.nextAttemptAt,
        m.sentAt,
        m.mergedInto);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Transactional
  @Operation(summary = "管理员推送一条通知到某个路由（default/leaders/admin）或指定机器人和群")
  public Response notice(NoticeJson body) {
    if (body == null || body.text() == null || body.text().isBlank()) {
      return ApiError.response(400, "text 必填");
    }
    if (body.text().length() > 5000) {
      return ApiError.response(400, "text 最长 5000 个字");
    }
    Route route;
    if (body.route() != null) {
      Optional<Route> r =
          switch (body.route()) {
            case "default" -> Optional.of(bots.defaultRoute());
            case "leaders" -> Optional.of(bots.leadersRoute());
            case "admin" -> Optional.of(bots.adminRoute());
            default -> Optional.empty();
          };
      if (r.isEmpty()) {
        return ApiError.response(400, "route 应为 default、leaders 或 admin");
      }
      route = r.get();
    } else if (body.botId() != null) {
      Optional<BotSpec> bot = bots.bot(body.botId());
      if (bot.isEmpty()) {
        return ApiError.response(400, "机器人“" + body.botId() + "”未在 bots.yaml 中定义");
      }
      route = new Route(body.botId(), body.chatId());
    } else {
      return ApiError.response(400, "请给出 route，或 botId（和 chatId）");
    }
    OutboxMessage m = outbox.enqueue(Outbox.Draft.of(route, MessageKind.NOTICE, body.text()));
    return Response.status(202).entity(json(m)).build();
  }
}
