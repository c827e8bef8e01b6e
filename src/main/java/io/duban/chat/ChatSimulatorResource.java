package io.duban.chat;

import io.duban.chat.inbox.Inbox;
import io.duban.common.ApiError;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The chat simulator: runs a message through the same pipeline as a verified platform callback from
 * that platform and sender, and returns the reply; nothing is posted to any platform.
 */
@Path("/api/chat/messages")
@Access(Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChatSimulatorResource {
  @Inject Conversation chat;
  @Inject BotRegistry bots;
  @Inject Inbox inbox;

  /** A simulated message. */
  public record SimulatedMessage(
      String platform,
      String chatId,
      String senderId,
      String text,
      String messageId,
      String botId,
      String senderName,
      List<SimulatedFile> files) {}

  /** A picture or file sent with the message: its name, MIME type and content in base64. */
  public record SimulatedFile(String name, String contentType, String base64) {}

  /** The reply, and what it offers to tap (each choice's label and the text a tap sends). */
  public record Reply(String reply, List<Offer.Choice> choices, List<String> formTargets) {
    Reply(Answer answer) {
      this(answer.text(), answer.offer().choices(), answer.offer().formTargets());
    }
  }

  @POST
  @Operation(summary = "聊天模拟：按指定平台和发送人处理一条消息，返回回复（不向任何平台发送）")
  public Response post(SimulatedMessage body) {
    if (body == null) {
      return ApiError.response(400, "请求体不能为空");
    }
    Optional<Platform> platform = Platform.fromKey(body.platform());
    if (platform.isEmpty()) {
      return ApiError.response(400, "platform 应为 dingtalk、wecom、feishu 或 console");
    }
    if (blank(body.chatId()) || body.chatId().length() > 128) {
      return ApiError.response(400, "chatId 必填（最长 128 个字符）");
    }
    if (blank(body.senderId()) || body.senderId().length() > 128) {
      return ApiError.response(400, "senderId 必填（最长 128 个字符）");
    }
    List<InboundFile> files = new ArrayList<>();
    for (SimulatedFile f : body.files() == null ? List.<SimulatedFile>of() : body.files()) {
      if (f == null || blank(f.contentType()) || f.base64() == null) {
        return ApiError.response(400, "files 的每一项须有 contentType 和 base64");
      }
      try {
        files.add(
            InboundFile.inline(
                f.name(), f.contentType().strip(), Base64.getMimeDecoder().decode(f.base64())));
      } catch (IllegalArgumentException e) {
        return ApiError.response(400, "files 的 base64 内容无效");
      }
    }
    if (body.text() == null && files.isEmpty()) {
      return ApiError.response(400, "text 必填（只发图片或文件时可省略）");
    }
    if (body.messageId() != null && body.messageId().length() > 128) {
      return ApiError.response(400, "messageId 最长 128 个字符");
    }
    if (body.botId() != null && bots.bot(body.botId()).isEmpty()) {
      return ApiError.response(400, "botId“" + body.botId() + "”未在 bots.yaml 中定义");
    }
    IncomingMessage message =
        new IncomingMessage(
            platform.get(),
            body.botId(),
            body.chatId(),
            body.senderId(),
            body.senderName(),
            body.text(),
            body.messageId(),
            files);
    if (message.messageId() == null || message.messageId().isBlank()) {
      return Response.ok(new Reply(chat.handle(message))).build();
    }
    // like a platform callback: a message id already seen is acknowledged and not acted on again
    Answer reply =
        chat.handleOnce(
            message,
            () -> inbox.firstSimulated(message),
            "这条消息（messageId " + message.messageId() + "）已经处理过，没有再次执行。");
    return Response.ok(new Reply(reply)).build();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
