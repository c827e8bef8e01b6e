package io.duban.command;

import java.util.List;
import java.util.stream.Stream;

/**
 * One chat command described once: where 帮助 lists it ({@code order}), its Chinese name, aliases,
 * usage, one-line summary, an example, where its verb may stand in a message, who may use it, and
 * the guards the router checks before its handler runs. 帮助 is generated from these.
 */
public record CommandSpec(
    int order,
    String name,
    List<String> aliases,
    String usage,
    String summary,
    String example,
    Placement placement,
    Audience audience,
    List<Guard> guards) {

  /** Where the command's word may stand. */
  public enum Placement {
    /** The whole message is the command word (全区进度, 未报, 帮助). */
    ALONE,
    /** The word starts the message, arguments follow (绑定 13800000001). */
    START,
    /** Start, or end after its subject (进度 就业助推工程 / 就业助推工程进度). */
    START_OR_END,
    /** Start, or between subject and value (上报 新增就业岗位 1.2万 / 新增就业岗位上报1.2万). */
    START_OR_MIDDLE
  }

  /** Who the command is for (help lists only what the sender can use). */
  public enum Audience {
    EVERYONE,
    REPORTER,
    LEADER,
    ADMIN
  }

  /** Every word that invokes the command: the name first, then the aliases. */
  public List<String> words() {
    return Stream.concat(Stream.of(name), aliases.stream()).toList();
  }
}
