package io.duban.boot.admin;

import io.duban.boot.ConfigReload;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /api/config/reload[?dryRun=true]}: the configuration folder read again, no restart.
 */
@Path("/api/config")
@Access(Level.ADMIN)
public class ConfigResource {
  @Inject ConfigReload reload;

  @POST
  @Path("/reload")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "重新读取计划、联系人、提醒规则和日历（bots.yaml 需重启）；dryRun=true 只返回差异")
  public Response reload(@QueryParam("dryRun") boolean dryRun) {
    return EditAnswers.call(() -> reload.reload(dryRun, "管理员（重新加载）"));
  }
}
