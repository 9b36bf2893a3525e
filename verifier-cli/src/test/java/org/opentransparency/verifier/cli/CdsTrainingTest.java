package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentransparency.verifier.TestData;

/**
 * The build's training, run here in full: each step ends as it was written to (an OK, a "no", an
 * error), so the caches hold the paths each step is there for.
 */
class CdsTrainingTest {
  @Test
  void everyStepEndsWithTheExitCodeItWasWrittenFor() throws Exception {
    Path fixtures = TestData.root().resolve("signatures").toAbsolutePath();

    assertEquals(List.of(), CdsTraining.train(fixtures, "all"));
  }

  @Test
  void aStepThatEndsOtherwise_isReported(@TempDir Path dir) {
    CdsTraining.Steps steps = CdsTraining.Steps.in(dir);

    steps.run(ExitCodes.OK, "--version");
    assertEquals(List.of(), steps.unexpected());
    steps.run(ExitCodes.OK, "no-such-command");
    assertEquals(List.of("exit 2, not 0: verifier no-such-command"), steps.unexpected());
    steps.unexpected("tuf download wrote 0 files, not 1: []");
    assertEquals(
        List.of("exit 2, not 0: verifier no-such-command", "tuf download wrote 0 files, not 1: []"),
        steps.unexpected());
  }
}
