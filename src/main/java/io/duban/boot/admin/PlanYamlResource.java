package io.duban.boot.admin;

import io.duban.boot.PlanEdits;
import io.duban.common.ApiError;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/export/plan.yaml}: the plan in effect (file and page edits) as a plan file. */
@Path("/api/export/plan.yaml")
@Access(Level.ADMIN)
public class PlanYamlResource {
  static final MediaType YAML = new MediaType("text", "yaml", "UTF-8");

  @Inject PlanEdits edits;

  @GET
  @Operation(summary = "当前生效的计划（计划文件加上页面修改），计划文件格式")
  public Response planYaml() {
    try {
      PlanEdits.Export e = edits.export();
      return Response.ok(e.yaml(), YAML)
          .header("Content-Disposition", "attachment; filename=\"" + e.fileName() + "\"")
          .build();
    } catch (PlanEdits.EditException e) {
      return ApiError.response(e.status, e.getMessage());
    }
  }
}
