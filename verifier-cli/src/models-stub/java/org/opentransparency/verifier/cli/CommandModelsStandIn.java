package org.opentransparency.verifier.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Stands in for the generated {@code CommandModels} while the Maven profile {@code
 * regenerate-models} writes it again: a committed file that no longer compiles against changed
 * command classes (a field renamed, retyped or removed) would otherwise keep its generator from
 * running. Never part of a build of the command line.
 */
final class CommandModels {
  static final List<String> NAMES = List.of();

  private CommandModels() {}

  static CommandSpec subcommand(String name, VerifierCommand parent) {
    throw new UnsupportedOperationException("a stand-in: regenerate CommandModels.java");
  }
}
