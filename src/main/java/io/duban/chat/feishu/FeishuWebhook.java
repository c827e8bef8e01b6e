package io.duban.chat.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.duban.chat.BotRegistry;
import io.duban.chat.BotSpec;
import io.duban.chat.IpRanges;
import io.duban.chat.Platform;
import io.duban.chat.inbox.Callback;
import io.duban.chat.inbox.CallbackResponder;
import io.duban.chat.inbox.Inbox;
import io.duban.chat.outbox.Secrets;
import io.duban.common.ApiError;
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
import org.jboss.logging.Logger;

/**
 * Feishu / Lark event callbacks, and card callbacks ({@code card.action.trigger}) configured on the
 * same request URL; the raw body bytes are kept for the signature.
 */
@Path("/webhooks/feishu/{botId}")
@Access(Level.OPEN)
public class FeishuWebhook {
  private static final Logger LOG = Logger.getLogger(FeishuWebhook.class);

  @Inject BotRegistry bots;
  @Inject Inbox inbox;
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
    String client = Clients.address(http);
    if (bot.isEmpty()) {
      return responder.respond("feishu", botId, new Callback.Refused(404, "没有这个飞书机器人"), client);
    }
    FeishuCallbacks.Verified v =
        FeishuCallbacks.verify(
            bot.get(), h, body == null ? new byte[0] : body, wall.instant(), json);
    if (v.answer() != null) {
      return responder.respond("feishu", botId, v.answer(), client);
    }
    if (FeishuCardClicks.isClick(v.event())) {
      return click(bot.get(), v.event(), client);
    }
    return responder.respond(
        "feishu", botId, FeishuCallbacks.event(bot.get(), v.event(), json), client);
  }

  /**
   * A verified card click: stored and answered through the inbox (the reply also goes to the chat
   * through the outbox, durably), then answered with a toast and the updated card (see {@link
   * FeishuCardClicks}). A bot with {@code allowed-ips} refuses clicks from elsewhere as it refuses
   * any callback; if the click cannot even be stored the answer is 503 and nothing changed.
   */
  private Response click(BotSpec bot, JsonNode event, String client) {
    Optional<String> allowed = bot.value("allowed-ips").filter(a -> !a.isBlank());
    if (allowed.isPresent() && !IpRanges.parse(allowed.get()).contains(client)) {
      return responder.respond(
          "feishu",
          bot.id(),
          new Callback.Refused(403, "来源地址 " + client + " 不在该机器人的 allowed-ips 范围内"),
          client);
    }
    FeishuCardClicks.Reading r = FeishuCardClicks.read(bot, event, json);
    if (r.click() == null) {
      return Response.ok(r.answer(), MediaType.APPLICATION_JSON).build();
    }
    Inbox.Receipt receipt;
    try {
      receipt = inbox.receive(r.click().message());
    } catch (RuntimeException e) {
      LOG.errorf("无法保存飞书卡片点击（机器人 %s）：%s", bot.id(), Secrets.scrub(e.toString()));
      return ApiError.response(503, "服务暂时不可用，请稍后重试");
    }
    if (receipt.kind() == Inbox.Kind.REPLAYED) {
      return responder.respond(
          "feishu", bot.id(), new Callback.Refused(401, "签名已被另一条消息使用过（疑似重放），已拒绝"), client);
    }
    return Response.ok(
            FeishuCardClicks.answer(r.click(), receipt, json), MediaType.APPLICATION_JSON)
        .build();
  }
}
