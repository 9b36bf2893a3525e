package org.opentransparency.verifier.cli;

/**
 * The version this build was made as, filled in by the build (maven-resources-plugin filters this
 * template into target/generated-sources/version). A constant, not a resource: reading a resource
 * opens the 23 MB jar, which the classes of an AOT cache or CDS archive need not do, and that was
 * the largest part of {@code --version}'s own work (docs/benchmarks.md).
 */
final class BuildVersion {
  static final String VERSION = "${project.version}";

  private BuildVersion() {}
}
