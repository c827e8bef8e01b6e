package io.duban.chat.dingtalk;

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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** DingTalk robot callbacks; authenticated by the platform's signature, never by a bearer token. */
@Path("/webhooks/dingtalk/{botId}")
@Access(Level.OPEN)
public class DingTalkWebhook {
  @Inject BotRegistry bots;
  @Inject CallbackResponder responder;
  @Inject ObjectMapper json;
  @Inject Clock wall;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "钉钉机器人消息回调（请求头 timestamp、sign）")
  public Response callback(
      @PathParam("botId") String botId,
      @Context HttpServerRequest http,
      @HeaderParam("timestamp") String timestamp,
      @HeaderParam("sign") String sign,
      byte[] body) {
    Optional<BotSpec> bot = bots.bot(botId).filter(b -> b.platform() == Platform.DINGTALK);
    Callback callback =
        bot.isEmpty()
            ? new Callback.Refused(404, "没有这个钉钉机器人")
            : DingTalkCallbacks.read(
                bot.get(),
                timestamp,
                sign,
                body == null ? new byte[0] : body,
                wall.instant(),
                json);
    return responder.respond("dingtalk", botId, callback, Clients.address(http));
  }
}
