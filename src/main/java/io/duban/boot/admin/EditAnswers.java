package io.duban.boot.admin;

import io.duban.boot.PlanEdits;
import io.duban.common.ApiError;
import io.duban.config.ConfigFileException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** How the plan's admin endpoints answer: the result, or a refusal with its Chinese reason. */
final class EditAnswers {
  /** The actor audited for an edit made with the admin token. */
  static final String API_ACTOR = "管理员（API）";

  private EditAnswers() {}

  static Response call(Supplier<Object> action) {
    try {
      return Response.ok(action.get()).build();
    } catch (PlanEdits.EditException e) {
      return ApiError.response(e.status, e.getMessage());
    } catch (ConfigFileException e) {
      return ApiError.response(400, e.getMessage());
    }
  }

  static Map<String, Object> outcome(PlanEdits.Outcome o) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", o.code());
    out.put("changed", !o.changes().isEmpty());
    out.put("changes", o.changes());
    return out;
  }
}
