package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.TestData;

class CompareCommandTest {
  private static final Path OUT = TestData.path("archives/out");

  private static CliRun run(String... args) {
    return CliRun.in(OUT, args);
  }

  @Test
  void identical_exit0() {
    CliRun r = run("compare", "same-left.jar", "same-right.jar");

    assertEquals(
        new CliRun(
            0,
            "identical: same-left.jar vs same-right.jar\n  same 9, metadata 0, modified 0, added 0, removed 0\n",
            ""),
        r);
  }

  @Test
  void equivalent_exit1Bitwise_exit0Content() {
    CliRun bitwise = run("compare", "meta-left.tar", "meta-right.tar");
    CliRun content = run("compare", "--mode", "content", "meta-left.tar", "meta-right.tar");

    assertEquals(1, bitwise.exitCode());
    assertTrue(
        bitwise.out().startsWith("equivalent: meta-left.tar vs meta-right.tar\n"), bitwise.out());
    assertEquals(0, content.exitCode());
  }

  @Test
  void different_exit1WithNestedTree() {
    CliRun r = run("compare", "app-left.war", "app-right.war");

    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("\n  M WEB-INF/lib/core.jar\n"), r.out());
    assertTrue(
        r.out().contains("\n    M WEB-INF/lib/core.jar!/org/example/Greeter.java\n"), r.out());
  }

  @Test
  void json_hasContractMembers() {
    CliRun r = run("compare", "--format", "json", "order-left.zip", "added-right.zip");

    assertEquals(1, r.exitCode());
    assertTrue(
        r.out().startsWith("{\"verdict\":\"different\",\"left\":{\"path\":\"order-left.zip\""),
        r.out());
    assertTrue(
        r.out()
            .contains(
                "\"summary\":{\"same\":3,\"metadata\":0,\"modified\":0,\"added\":1,\"removed\":1}"),
        r.out());
    assertTrue(
        r.out().contains("{\"path\":\"docs/NEW.txt\",\"status\":\"added\",\"left\":null,"),
        r.out());
    assertTrue(r.out().contains("\"findings\":[]"), r.out());
  }

  @Test
  void damaged_exit2OneLine() {
    CliRun r = run("compare", "truncated-fail.jar", "same-left.jar");

    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("archive too damaged to read"), r.err());
  }

  @Test
  void bomb_exit2NamingTheLimit() {
    CliRun r = run("compare", "bomb-fail.bz2", "bomb-fail.bz2");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: compare: bomb-fail.bz2: expands more than 1000 times its compressed size (raise it with --max-ratio)\n"),
        r);
  }

  @Test
  void deepNesting_exit2_raisedLimitAccepts() {
    CliRun refused = run("compare", "nested20-fail.zip", "nested20-fail.zip");
    CliRun raised = run("compare", "--max-depth", "25", "nested20-fail.zip", "nested20-fail.zip");

    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("(raise it with --max-depth)"), refused.err());
    assertEquals(0, raised.exitCode(), raised.err());
  }

  @Test
  void oneArgument_exit2ExpectedLeftAndRight() {
    CliRun r = run("compare", "same-left.jar");

    assertEquals(
        new CliRun(
            2,
            "",
            "verifier: error: compare: expected LEFT and RIGHT (see 'verifier compare --help')\n"),
        r);
  }

  @Test
  void missingInput_exit2() {
    CliRun r = run("compare", "same-left.jar", "nope.jar");

    assertEquals(
        new CliRun(
            2, "", "verifier: error: " + OUT.resolve("nope.jar") + ": No such file or directory\n"),
        r);
  }

  @Test
  void hashContent_sameForEquivalentArchives() {
    CliRun r = run("hash", "--content", "order-left.zip", "meta-left.tar", "txz-right.tar.xz");

    assertEquals(
        new CliRun(
            0,
            "h1:WlMbtwxAHEidHUvamvfjcZQMdxOULEG79FFh/lLS4W0=  order-left.zip\n"
                + "h1:WlMbtwxAHEidHUvamvfjcZQMdxOULEG79FFh/lLS4W0=  meta-left.tar\n"
                + "h1:WlMbtwxAHEidHUvamvfjcZQMdxOULEG79FFh/lLS4W0=  txz-right.tar.xz\n",
            ""),
        r);
  }

  @Test
  void hashContent_json_membersInTheDocumentedOrder() {
    // The row was once a copy of Map.of(...), whose order changes from one JVM to the next.
    CliRun r = run("hash", "--content", "--format", "json", "order-left.zip", "nope.zip");

    assertEquals(
        new CliRun(
            2,
            "{\"algorithm\":\"h1\",\"files\":[{\"path\":\"order-left.zip\",\"status\":\"ok\","
                + "\"content\":\"h1:WlMbtwxAHEidHUvamvfjcZQMdxOULEG79FFh/lLS4W0=\"},"
                + "{\"path\":\"nope.zip\",\"status\":\"error\","
                + "\"message\":\"No such file or directory\"}]}\n",
            "verifier: error: nope.zip: No such file or directory\n"),
        r);
  }

  @Test
  void hashContent_notAnArchive_exit2() {
    CliRun r = CliRun.in(TestData.path("hash/files"), "hash", "--content", "abc");

    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("verifier: error: abc: "), r.err());
  }
}
