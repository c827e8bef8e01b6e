package io.duban.command;

import io.duban.config.YamlNode;
import io.duban.plan.PlanFile;
import io.duban.plan.PlanSpec;
import java.nio.file.Path;
import java.util.List;

/** The parser over the real 2018 plan, built once for the command tests. */
final class ParserFixture {
  static final PlanSpec PLAN =
      PlanFile.parse(YamlNode.read(Path.of("bot-config/plan.yaml"), "bot-config/plan.yaml"));
  static final CommandCatalog CATALOG = CommandClasses.catalog();
  static final CommandParser PARSER =
      new CommandParser(CATALOG, Vocabularies.of(PLAN, List.of("区政府办", "督查室"), List.of("督办助手")));

  private ParserFixture() {}
}
