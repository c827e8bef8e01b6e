package io.duban.chat.wecom;

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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** WeCom (企业微信, 政务微信) URL verification and callbacks; authenticated by WXBizMsgCrypt. */
@Path("/webhooks/wecom/{botId}")
@Access(Level.OPEN)
public class WeComWebhook {
  @Inject BotRegistry bots;
  @Inject CallbackResponder responder;
  @Inject WeComAppClicks clicks;
  @Inject ObjectMapper json;
  @Inject Clock wall;

  private Optional<BotSpec> bot(String botId) {
    return bots.bot(botId).filter(b -> b.platform() == Platform.WECOM);
  }

  @GET
  @Operation(summary = "企业微信回调 URL 验证（解密 echostr 原样返回）")
  public Response verify(
      @PathParam("botId") String botId,
      @Context HttpServerRequest http,
      @QueryParam("msg_signature") String signature,
      @QueryParam("timestamp") String timestamp,
      @QueryParam("nonce") String nonce,
      @QueryParam("echostr") String echostr) {
    Callback callback =
        bot(botId)
            .map(
                b ->
                    WeComCallbacks.verifyUrl(
                        b, signature, timestamp, nonce, echostr, wall.instant()))
            .orElse(new Callback.Refused(404, "没有这个企业微信机器人"));
    return responder.respond("wecom", botId, callback, Clients.address(http));
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "企业微信回调：自建应用 XML 消息或智能机器人 JSON 消息")
  public Response callback(
      @PathParam("botId") String botId,
      @Context HttpServerRequest http,
      @QueryParam("msg_signature") String signature,
      @QueryParam("timestamp") String timestamp,
      @QueryParam("nonce") String nonce,
      byte[] body) {
    Optional<BotSpec> bot = bot(botId);
    WeComCallbacks.Read read =
        bot.map(
                b ->
                    WeComCallbacks.readAll(
                        b,
                        signature,
                        timestamp,
                        nonce,
                        body == null ? new byte[0] : body,
                        wall.instant(),
                        json))
            .orElse(new WeComCallbacks.Read(new Callback.Refused(404, "没有这个企业微信机器人")));
    Callback callback = read.callback();
    Response answer = responder.respond("wecom", botId, callback, Clients.address(http));
    if (callback instanceof Callback.Message
        && answer.getStatus() == 200
        && WeComAppClicks.EVENT.equals(read.app().get("Event"))) {
      clicks.clicked(bot.orElseThrow(), read.app()); // stored (or a duplicate): update the card
    }
    return answer;
  }
}
