package io.duban.contact;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.duban.chat.Platform;
import io.duban.chat.PlatformRules;
import io.duban.common.ApiError;
import io.duban.common.Locks;
import io.duban.contact.ContactService.ContactException;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Admin API of contacts (it holds mobile numbers): list, create, update, deactivate. */
@Path("/api/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Access(Level.ADMIN)
public class ContactResource {
  @Inject ContactService contacts;
  @Inject Locks locks;

  /** A contact in the same shape as contacts.yaml, plus where it came from. */
  public record ContactJson(
      String id,
      String name,
      String unit,
      // one role or a list, as in contacts.yaml
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> role,
      String mobile,
      Map<String, Object> ids,
      Boolean active,
      String origin) {}

  @GET
  @Transactional
  @Operation(summary = "全部联系人（含已停用）")
  public List<ContactJson> list() {
    List<Contact> all = Contact.list("order by unit.sortOrder, code");
    return all.stream().map(ContactResource::json).toList();
  }

  @GET
  @Path("/{id}")
  @Transactional
  public Response get(@PathParam("id") String id) {
    Contact c = Contact.findByCode(id);
    if (c == null) {
      return ApiError.response(404, "联系人“" + id + "”不存在");
    }
    return Response.ok(json(c)).build();
  }

  @POST
  @Transactional
  @Operation(summary = "新建联系人")
  public Response create(ContactJson body) {
    if (body == null) {
      return ApiError.response(400, "请求体不能为空");
    }
    locks.acquire("config");
    if (body.id() != null && Contact.findByCode(body.id()) != null) {
      return ApiError.response(409, "联系人编号“" + body.id() + "”已存在，修改请用 PUT");
    }
    return save(body, body.id(), 201);
  }

  @PUT
  @Path("/{id}")
  @Transactional
  @Operation(summary = "修改联系人（按编号）")
  public Response update(@PathParam("id") String id, ContactJson body) {
    if (body == null) {
      return ApiError.response(400, "请求体不能为空");
    }
    locks.acquire("config");
    if (Contact.findByCode(id) == null) {
      return ApiError.response(404, "联系人“" + id + "”不存在");
    }
    if (body.id() != null && !body.id().equals(id)) {
      return ApiError.response(400, "请求体中的编号与路径中的编号不一致");
    }
    return save(body, id, 200);
  }

  @DELETE
  @Path("/{id}")
  @Transactional
  @Operation(summary = "停用联系人（历史记录保留此人）")
  public Response delete(@PathParam("id") String id) {
    if (!contacts.deactivate(id, "API")) {
      return ApiError.response(404, "联系人“" + id + "”不存在");
    }
    return Response.ok(json(Contact.findByCode(id))).build();
  }

  @DELETE
  @Path("/{id}/ids/{platform}")
  @Transactional
  @Operation(summary = "移除联系人在某平台的账号 id（含“绑定”学到的；飞书可用 ?bot= 指定应用），写入审计记录")
  public Response removeId(
      @PathParam("id") String id,
      @PathParam("platform") String platform,
      @QueryParam("bot") String bot) {
    locks.acquire("config");
    Contact c = Contact.findByCode(id);
    if (c == null) {
      return ApiError.response(404, "联系人“" + id + "”不存在");
    }
    Platform p = Platform.fromKey(platform).orElse(null);
    if (p == null) {
      return ApiError.response(400, "平台只能是 dingtalk、wecom、feishu 或 console");
    }
    int removed = contacts.removeIds(c, p, bot, "API");
    if (removed == 0) {
      return ApiError.response(
          404, "联系人“" + id + "”没有" + p.label() + "账号" + (bot == null ? "" : "（机器人 " + bot + "）"));
    }
    return Response.ok(json(c)).build();
  }

  private Response save(ContactJson body, String id, int status) {
    String problem = validate(body, id);
    if (problem != null) {
      return ApiError.response(400, problem);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String r : body.role()) {
      roles.add(Role.fromKey(r).orElseThrow());
    }
    Map<String, Map<String, String>> ids = new LinkedHashMap<>();
    if (body.ids() != null) {
      for (Map.Entry<String, Object> e : body.ids().entrySet()) {
        Map<String, String> perBot = new LinkedHashMap<>();
        if (e.getValue() instanceof Map<?, ?> m) {
          m.forEach((k, v) -> perBot.put(String.valueOf(k), String.valueOf(v)));
        } else {
          perBot.put(ContactIdentity.ANY_BOT, String.valueOf(e.getValue()));
        }
        ids.put(e.getKey(), perBot);
      }
    }
    ContactSpec spec =
        new ContactSpec(
            id,
            body.name().trim(),
            body.unit().trim(),
            roles,
            body.mobile(),
            body.active(),
            ids,
            "API");
    try {
      contacts.upsert(spec, ContactService.ORIGIN_API, "API");
    } catch (ContactException e) {
      return ApiError.response(409, e.getMessage());
    }
    return Response.status(status).entity(json(Contact.findByCode(id))).build();
  }

  static String validate(ContactJson body, String id) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      return "id 必填，只能用字母、数字、点、下划线和连字符（最长 64 个字符）";
    }
    if (body.name() == null || body.name().isBlank() || body.name().length() > 100) {
      return "name 必填（最长 100 个字符）";
    }
    String nameProblem = ContactRules.nameProblem(body.name().trim());
    if (nameProblem != null) {
      return "name：" + nameProblem;
    }
    if (body.unit() == null || body.unit().isBlank()) {
      return "unit 必填";
    }
    if (body.role() == null || body.role().isEmpty()) {
      return "role 必填：reporter、leader、admin 中的一个或几个";
    }
    for (String r : body.role()) {
      if (Role.fromKey(r).isEmpty()) {
        return "role 只能是 reporter、leader 或 admin，实际是“" + r + "”";
      }
    }
    if (body.mobile() != null && !ContactFile.MOBILE.matcher(body.mobile()).matches()) {
      return "mobile 应为 11 位手机号";
    }
    if (body.ids() != null) {
      for (Map.Entry<String, Object> e : body.ids().entrySet()) {
        Platform p = Platform.fromKey(e.getKey()).orElse(null);
        if (p == null) {
          return "ids 的平台只能是 dingtalk、wecom、feishu 或 console";
        }
        if (e.getValue() instanceof Map<?, ?> m) {
          if (!PlatformRules.of(p).idsPerBot()) {
            return "只有飞书的 id 按机器人分别填写";
          }
          for (Object v : m.values()) {
            if (!(v instanceof String s) || ContactRules.idProblem(s) != null) {
              return "ids 中的飞书 open_id 应为非空文字，不含空白、引号或 < > &";
            }
          }
        } else if (!(e.getValue() instanceof String s) || ContactRules.idProblem(s) != null) {
          return "ids." + e.getKey() + " 应为非空文字（最长 128 个字符，不含空白、引号或 < > &）";
        }
      }
    }
    return null;
  }

  static ContactJson json(Contact c) {
    Map<String, Object> ids = new LinkedHashMap<>();
    for (ContactIdentity i : c.identities) {
      if (ContactIdentity.ANY_BOT.equals(i.botId)) {
        ids.put(i.platform, i.externalId);
      } else {
        @SuppressWarnings("unchecked")
        Map<String, String> perBot =
            (Map<String, String>)
                ids.computeIfAbsent(i.platform, k -> new LinkedHashMap<String, String>());
        perBot.put(i.botId, i.externalId);
      }
    }
    List<String> roles = new ArrayList<>();
    c.roleSet().forEach(r -> roles.add(r.key()));
    return new ContactJson(c.code, c.name, c.unit.name, roles, c.mobile, ids, c.active, c.origin);
  }
}
