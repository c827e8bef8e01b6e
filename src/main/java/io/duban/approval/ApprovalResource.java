package io.duban.approval;

import io.duban.approval.ApprovalRequest.DecidedVia;
import io.duban.common.ApiError;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Admin API of the approval requests: list them, approve or reject one (with a reason). */
@Path("/api/approvals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Access(Level.ADMIN)
public class ApprovalResource {
  @Inject Approvals approvals;

  /** A request as the API shows it (mobiles masked in {@code description}). */
  public record ApprovalJson(
      long id,
      String kind,
      String status,
      String statusLabel,
      String description,
      String platform,
      String botId,
      String chatId,
      String senderId,
      String senderName,
      Instant createdAt,
      Instant expiresAt,
      Instant decidedAt,
      String decidedBy,
      String decidedVia,
      String reason) {}

  /** The body of a 驳回. */
  public record RejectJson(String reason) {}

  /** What the decision did. */
  public record OutcomeJson(long id, boolean done, String message) {}

  @GET
  @Transactional
  @Operation(summary = "申请列表（默认待审批的；status=ALL 为全部），最新的在前")
  public Response list(@QueryParam("status") String status, @QueryParam("limit") String limit) {
    int n;
    try {
      n = limit == null || limit.isBlank() ? 100 : Integer.parseInt(limit.trim());
    } catch (NumberFormatException e) {
      return ApiError.response(400, "limit 应为 1 到 1000 之间的整数");
    }
    if (n < 1 || n > 1000) {
      return ApiError.response(400, "limit 应为 1 到 1000 之间的整数");
    }
    ApprovalStatus s = ApprovalStatus.PENDING;
    if (status != null && !status.isBlank()) {
      String key = status.trim().toUpperCase(Locale.ROOT);
      if (key.equals("ALL")) {
        s = null;
      } else {
        try {
          s = ApprovalStatus.valueOf(key);
        } catch (IllegalArgumentException e) {
          return ApiError.response(
              400, "status 应为 PENDING、APPROVED、REJECTED、EXPIRED、CANCELLED 或 ALL");
        }
      }
    }
    return Response.ok(approvals.recent(s, n).stream().map(this::json).toList()).build();
  }

  @POST
  @Path("/{id}/approve")
  @Transactional
  @Operation(summary = "批准一项申请")
  public Response approve(@PathParam("id") String id) {
    Long n = number(id);
    if (n == null) {
      return ApiError.response(400, "申请编号应为正整数");
    }
    return answer(n, approvals.approve(n, Decider.adminToken(DecidedVia.API)));
  }

  @POST
  @Path("/{id}/reject")
  @Transactional
  @Operation(summary = "驳回一项申请，须写原因（会告诉申请人）")
  public Response reject(@PathParam("id") String id, RejectJson body) {
    Long n = number(id);
    if (n == null) {
      return ApiError.response(400, "申请编号应为正整数");
    }
    String reason = body == null ? null : body.reason();
    return answer(n, approvals.reject(n, Decider.adminToken(DecidedVia.API), reason));
  }

  private Response answer(long id, Approvals.Outcome o) {
    if (o.done()) {
      return Response.ok(new OutcomeJson(id, true, o.text())).build();
    }
    ApprovalRequest r = ApprovalRequest.findById(id);
    int status = r == null ? 404 : r.pending() ? 422 : 409;
    return ApiError.response(status, o.text());
  }

  private static Long number(String id) {
    try {
      long n = Long.parseLong(id.trim());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  ApprovalJson json(ApprovalRequest r) {
    return new ApprovalJson(
        r.id,
        r.kind.name(),
        r.status.name(),
        r.status.label(),
        approvals.describe(r),
        r.platform,
        r.botId,
        r.chatId,
        r.senderId,
        r.senderName,
        r.createdAt,
        r.expiresAt,
        r.decidedAt,
        r.decidedBy,
        r.decidedVia == null ? null : r.decidedVia.name(),
        r.reason);
  }
}
