package io.duban.boot.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.duban.boot.PlanEdits;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code PUT /api/projects/{name}}: an admin's edit of a 工程's lead units or aliases. */
@Path("/api/projects/{id}")
@Access(Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ProjectEditResource {
  @Inject PlanEdits edits;

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "修改工程的牵头单位（lead-units）或别名（aliases），按计划文件的规则检查并审计")
  public Response edit(@PathParam("id") String id, Map<String, JsonNode> body) {
    return EditAnswers.call(
        () -> EditAnswers.outcome(edits.editProject(id, body, EditAnswers.API_ACTOR)));
  }
}
