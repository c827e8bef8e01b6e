package io.duban.boot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.duban.boot.PlanEdits;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code PUT /api/targets/{id}}: an admin's edit of a target of the plan (see PlanEdits). */
@Path("/api/targets/{id}")
@Access(Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class TargetEditResource {
  @Inject PlanEdits edits;

  @GET
  @Path("/fields")
  @Operation(summary = "目标可在页面修改的字段：当前值、是否由计划文件设定、谁在页面改过")
  public Response fields(@PathParam("id") String id) {
    return EditAnswers.call(() -> Map.of("fields", edits.fields("target", id)));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "修改目标（value、unit、qualifier、owners、cycle、deadline-day、deadlines、aliases、name），按计划文件的规则检查并审计")
  public Response edit(@PathParam("id") String id, Map<String, JsonNode> body) {
    return EditAnswers.call(
        () -> EditAnswers.outcome(edits.editTarget(id, body, EditAnswers.API_ACTOR)));
  }
}
