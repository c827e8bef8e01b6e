package io.duban.evidence;

import io.duban.common.ApiError;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * 佐证材料 of a report: the list and each file, with the read or the admin token (never anonymous, also
 * when the read API is open). Files are served as the type recognised from their content, with
 * {@code nosniff}; only pictures are shown inline.
 */
@Path("/api/targets/{target}/reports/{report}/attachments")
@Access(Level.PRIVATE_READ)
public class AttachmentResource {
  @Inject EntityManager em;
  @Inject BlobStore blobs;
  @Inject Evidence evidence;

  /** One attachment as the list shows it. */
  public record AttachmentJson(
      int n,
      String kind,
      String fileName,
      String contentType,
      long sizeBytes,
      String sha256,
      String senderId,
      Instant createdAt,
      String href) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  @Operation(summary = "一条上报的佐证材料列表")
  public Response list(@PathParam("target") String target, @PathParam("report") long report) {
    Response missing = check(target, report);
    if (missing != null) {
      return missing;
    }
    List<AttachmentJson> out =
        evidence.of(report).stream()
            .map(
                a ->
                    new AttachmentJson(
                        a.seq,
                        a.kind,
                        a.fileName,
                        a.contentType,
                        a.sizeBytes,
                        a.sha256,
                        a.senderId,
                        a.createdAt,
                        "/api/targets/" + target + "/reports/" + report + "/attachments/" + a.seq))
            .toList();
    return Response.ok(out).build();
  }

  @GET
  @Path("/{n}")
  @Transactional
  @Operation(summary = "下载一条上报的第 n 个佐证材料")
  public Response file(
      @PathParam("target") String target, @PathParam("report") long report, @PathParam("n") int n) {
    Response missing = check(target, report);
    if (missing != null) {
      return missing;
    }
    Attachment a =
        Attachment.<Attachment>find("reportId = ?1 and seq = ?2", report, n).firstResult();
    if (a == null) {
      return ApiError.response(404, "该上报没有第 " + n + " 个附件");
    }
    Optional<byte[]> content = blobs.read(a.sha256);
    if (content.isEmpty()) {
      return ApiError.response(404, "附件 " + n + " 的内容已不在存储中，请联系管理员");
    }
    String name = a.fileName != null ? a.fileName : "附件" + a.seq + extension(a.contentType);
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    String disposition = "IMAGE".equals(a.kind) ? "inline" : "attachment";
    return Response.ok(content.get(), a.contentType)
        .header("Content-Disposition", disposition + "; filename*=UTF-8''" + encoded)
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header("Cache-Control", "private, max-age=3600")
        .header("ETag", "\"" + a.sha256 + "\"")
        .build();
  }

  /** 404 unless the report exists and belongs to the target (by its code). */
  private Response check(String target, long report) {
    List<?> found =
        em.createNativeQuery(
                "SELECT r.id FROM report r JOIN target t ON t.id = r.target_id WHERE r.id = :r"
                    + " AND t.code = :code")
            .setParameter("r", report)
            .setParameter("code", target)
            .getResultList();
    return found.isEmpty() ? ApiError.response(404, "没有目标 " + target + " 的上报 #" + report) : null;
  }

  private static String extension(String contentType) {
    return switch (contentType) {
      case "image/jpeg" -> ".jpg";
      case "image/png" -> ".png";
      case "image/gif" -> ".gif";
      case "image/webp" -> ".webp";
      case "image/bmp" -> ".bmp";
      case "application/pdf" -> ".pdf";
      default -> "";
    };
  }
}
