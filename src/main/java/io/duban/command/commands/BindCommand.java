package io.duban.command.commands;

import io.duban.command.Command;
import io.duban.command.CommandSpec;
import io.duban.command.CommandSpec.Audience;
import io.duban.command.CommandSpec.Placement;
import io.duban.command.ParseKit;
import io.duban.command.ParsedCommand;
import io.duban.command.ParsedCommand.Invalid;
import io.duban.command.conversation.ChatContext;
import io.duban.contact.BindRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * 绑定 <手机号>: a sender Duban does not know asks to become the contact with that mobile. It opens a
 * request that the platform's directory or an admin must confirm (see {@link BindRequests}); the
 * answer never says whether the mobile is registered.
 */
@ApplicationScoped
public class BindCommand implements Command<BindCommand.Bind> {
  public static final CommandSpec SPEC =
      new CommandSpec(
          140,
          "绑定",
          List.of("注册", "绑定手机"),
          "绑定 <手机号>",
          "申请把本账号绑定到通讯录中登记的手机号（经平台通讯录或管理员核实）",
          "绑定 13800000001",
          Placement.START,
          Audience.EVERYONE,
          List.of());

  private static final Pattern MOBILE = Pattern.compile("1\\d{10}");

  /** 绑定 a platform id to the contact with this mobile. */
  public record Bind(String mobile) implements ParsedCommand {
    @Override
    public String describe() {
      return "BIND " + mobile;
    }
  }

  @Override
  public CommandSpec spec() {
    return SPEC;
  }

  @Override
  public ParsedCommand parse(String args, Placement where, ParseKit kit) {
    // "绑定：138…", "绑定手机号 138 0000 0001", "绑定 +86 138-0000-0001"
    String digits =
        args.replaceFirst("^(?:号码?|手机号码?)?[\\s:,，。]*", "")
            .replaceAll("[\\s\\-]", "")
            .replaceFirst("^\\+?86(?=1\\d{10}$)", "");
    if (MOBILE.matcher(digits).matches()) {
      return new Bind(digits);
    }
    return new Invalid(SPEC, "手机号应为 11 位数字。");
  }

  @Inject BindRequests requests;

  @Override
  public Class<Bind> handles() {
    return Bind.class;
  }

  @Override
  public String handle(Bind command, ChatContext ctx) {
    if (ctx.registered()) {
      return "您已登记为 " + ctx.sender().name + "（" + ctx.sender().unit.name + "），无需绑定。";
    }
    return requests.request(ctx.message(), command.mobile());
  }
}
