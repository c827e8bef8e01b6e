package io.duban.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The commands as CDI would find them, for tests without CDI: every concrete {@link Command} class
 * compiled into target/classes/io/duban/command/commands, made with its no-arg constructor (the
 * parse step needs no injected field). A new command class is picked up here without listing it.
 */
public final class CommandClasses {
  static final Path DIR = Path.of("target/classes/io/duban/command/commands");
  static final String PACKAGE = "io.duban.command.commands.";

  private CommandClasses() {}

  /** One instance of each command class. */
  public static List<CommandSyntax> instances() {
    List<CommandSyntax> commands = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.sorted().toList()) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".class") || file.contains("$")) {
          continue;
        }
        Class<?> type = Class.forName(PACKAGE + file.substring(0, file.length() - 6));
        if (CommandSyntax.class.isAssignableFrom(type)
            && !type.isInterface()
            && !Modifier.isAbstract(type.getModifiers())) {
          commands.add((CommandSyntax) type.getDeclaredConstructor().newInstance());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    if (commands.isEmpty()) {
      throw new IllegalStateException("no command classes under " + DIR);
    }
    return commands;
  }

  /** The catalogue built from {@link #instances()}, as {@code VocabularyService} builds it. */
  public static CommandCatalog catalog() {
    return new CommandCatalog(instances());
  }
}
