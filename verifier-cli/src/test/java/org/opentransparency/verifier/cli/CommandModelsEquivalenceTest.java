package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each generated model is the annotated one: the same attributes for every command, subcommand,
 * option and positional parameter, and the same usage help at several widths.
 */
class CommandModelsEquivalenceTest {
  private static final CliEnvironment ENV = ModelDifferences.quiet();

  /** Every command and subcommand under the root, by qualified name, with its pair. */
  private static List<CommandLine[]> pairs() {
    CommandLine annotated = ModelDifferences.root(false, ENV);
    CommandLine generated = ModelDifferences.root(true, ENV);
    List<CommandLine[]> out = new ArrayList<>();
    for (String name : CommandModelGenerator.COMMANDS.keySet()) {
      collect(annotated.getSubcommands().get(name), generated.getSubcommands().get(name), out);
    }
    return out;
  }

  private static void collect(CommandLine a, CommandLine g, List<CommandLine[]> out) {
    out.add(new CommandLine[] {a, g});
    for (Map.Entry<String, CommandLine> e : a.getSubcommands().entrySet()) {
      CommandLine gs = g.getSubcommands().get(e.getKey());
      if (gs != null) {
        collect(e.getValue(), gs, out);
      }
    }
  }

  /** The commands each tree has, and that the generated one has them all. */
  @Test
  void everyCommandAndSubcommandHasAGeneratedModel() {
    List<String> a = new ArrayList<>();
    List<String> g = new ArrayList<>();
    names(ModelDifferences.root(false, ENV), a);
    names(ModelDifferences.root(true, ENV), g);
    assertEquals(a, g);
    assertTrue(
        a.containsAll(
            List.of(
                "verifier buildinfo verify",
                "verifier manifest create",
                "verifier manifest sign",
                "verifier manifest verify",
                "verifier manifest show",
                "verifier manifest update",
                "verifier tuf init",
                "verifier tuf refresh",
                "verifier tuf download")),
        a.toString());
  }

  private static void names(CommandLine cl, List<String> out) {
    out.add(cl.getCommandSpec().qualifiedName());
    for (CommandLine sub : cl.getSubcommands().values()) {
      names(sub, out);
    }
  }

  /** Every attribute of every command, option and parameter (ModelDifferences lists them). */
  @TestFactory
  Stream<DynamicTest> everyAttributeIsTheAnnotatedOne() {
    return eachCommand(
        (annotated, generated) -> {
          List<String> differences =
              ModelDifferences.between(annotated.getCommandSpec(), generated.getCommandSpec());
          assertEquals(List.of(), differences, String.join("\n", differences));
        });
  }

  /** The usage help, printed by both at the default width and at a narrow and a wide one. */
  @TestFactory
  Stream<DynamicTest> usageHelpIsTheAnnotatedOne() {
    return eachCommand(
        (annotated, generated) -> {
          assertEquals(usage(annotated), usage(generated));
          for (int width : new int[] {55, 80, 140}) {
            for (CommandLine cl : List.of(annotated, generated)) {
              cl.setUsageHelpAutoWidth(false);
              cl.setUsageHelpWidth(width);
            }
            assertEquals(usage(annotated), usage(generated), "width " + width);
          }
        });
  }

  /** A check of a command's two models. */
  private interface Check {
    void check(CommandLine annotated, CommandLine generated);
  }

  /** One test a command or subcommand, named by it. */
  private static Stream<DynamicTest> eachCommand(Check check) {
    return pairs().stream()
        .map(
            p ->
                DynamicTest.dynamicTest(
                    p[0].getCommandSpec().qualifiedName(), () -> check.check(p[0], p[1])));
  }

  private static String usage(CommandLine cl) {
    return cl.getUsageMessage(Help.Ansi.OFF);
  }

  /** The comparison sees a difference in one attribute of one option, and names it. */
  @Test
  void aChangedAttributeIsADifference() {
    CommandSpec annotated =
        ModelDifferences.root(false, ENV).getSubcommands().get("hash").getCommandSpec();
    CommandSpec generated =
        ModelDifferences.root(true, ENV).getSubcommands().get("hash").getCommandSpec();
    OptionSpec jobs = generated.findOption("--jobs");
    OptionSpec changed = OptionSpec.builder(jobs).arity("1..2").build();
    List<String> differences = ModelDifferences.between(annotated.findOption("--jobs"), changed);
    assertFalse(differences.isEmpty());
    assertTrue(differences.stream().anyMatch(d -> d.contains("arity")), differences.toString());
    OptionSpec unspecified = OptionSpec.builder(jobs).arity("1").build();
    assertTrue(
        ModelDifferences.between(annotated.findOption("--jobs"), unspecified).stream()
            .anyMatch(d -> d.contains("unspecified")),
        "an arity given where the annotation gave none is a difference: parsing reads it");
  }
}
