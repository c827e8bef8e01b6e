package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.CallbackResponder;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import io.duban.security.Clients;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Feishu / Lark event callbacks; the raw body bytes are kept for the signature. */
@Path("/webhooks/feishu/{botId}")
@Access(Level.OPEN)
public class FeishuWebhook {
  @Inject BotRegistry bots;
  @Inject CallbackResponder responder;
  @Inject ObjectMapper json;
  @Inject Clock wall;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "飞书事件回调（challenge、Encrypt Key、X-Lark-Signature）")
  public Response callback(
      @PathParam("botId") String botId,
      @Context HttpServerRequest http,
      @Context HttpHeaders headers,
      byte[] body) {
    Optional<BotSpec> bot = bots.bot(botId).filter(b -> b.platform() == Platform.FEISHU);
    Map<String, String> h = new HashMap<>();
    headers.getRequestHeaders().forEach((k, v) -> h.put(k, v.isEmpty() ? null : v.get(0)));
    Callback callback =
        bot.isEmpty()
            ? new Callback.Refused(404, "没有这个飞书机器人")
            : FeishuCallbacks.read(
                bot.get(), h, body == null ? new byte[0] : body, wall.instant(), json);
    return responder.respond("feishu", botId, callback, Clients.address(http));
  }
}
