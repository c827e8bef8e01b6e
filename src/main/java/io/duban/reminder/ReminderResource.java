package io.duban.reminder;

import io.duban.common.ApiError;
import io.duban.reminder.ReminderService.DayPlan;
import io.duban.reminder.ReminderService.Item;
import io.duban.security.Access;
import io.duban.security.Access.Level;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Admin preview and run of a plan-clock day's reminders. */
@Path("/api/reminders")
@Access(Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ReminderResource {
  @Inject ReminderService reminders;

  /** One reminder as the API shows it. */
  public record ItemJson(
      String rule,
      String kind,
      String unit,
      String period,
      String botId,
      String chatId,
      Instant sendAt,
      String text,
      List<String> mentions) {}

  /** A day's reminders. */
  public record DayJson(LocalDate date, String calendarWarning, List<ItemJson> reminders) {}

  @GET
  @Path("/preview")
  @Operation(summary = "预览计划时钟某一天会发出的提醒（按当前报送情况），不发送")
  public Response preview(@QueryParam("date") String date) {
    LocalDate day = parse(date);
    if (day == null) {
      return ApiError.response(400, "date 应写成 YYYY-MM-DD");
    }
    return Response.ok(json(reminders.preview(day))).build();
  }

  @POST
  @Path("/run")
  @Operation(summary = "立即安排并发送某一天的提醒；同一天再运行不会重复，返回空列表")
  public Response run(@QueryParam("date") String date) {
    LocalDate day = parse(date);
    if (day == null) {
      return ApiError.response(400, "date 应写成 YYYY-MM-DD");
    }
    return Response.ok(json(reminders.run(day, true))).build();
  }

  static LocalDate parse(String date) {
    if (date == null) {
      return null;
    }
    try {
      return LocalDate.parse(date.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static DayJson json(DayPlan plan) {
    return new DayJson(
        plan.date(),
        plan.calendarWarning(),
        plan.items().stream()
            .map(
                (Item i) ->
                    new ItemJson(
                        i.rule(),
                        i.kind(),
                        i.unit(),
                        i.periodKey(),
                        i.route().botId(),
                        i.route().chatId(),
                        i.sendAt(),
                        i.text(),
                        i.mentions().stream().map(m -> m.name()).toList()))
            .toList());
  }
}
