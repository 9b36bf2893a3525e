package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up thread: a verify's with something to verify only, never one that keeps the JVM from
 * ending.
 */
class WarmupTest {
  @Test
  void aVerify_aDaemonThreadThatEnds() throws InterruptedException {
    Thread t = Warmup.start("verify", new String[] {"verify", "--manifest", "m.json", "f"});
    assertNotNull(t);
    assertEquals("verifier-warmup", t.getName());
    assertTrue(t.isDaemon());
    t.join(10_000);
    assertFalse(t.isAlive(), "the warm-up thread did not end");
  }

  @Test
  void helpOrNothingToVerifyOrAnotherCommand_noThread() {
    for (List<String> args :
        List.of(
            List.of("verify"),
            List.of("verify", "--help"),
            List.of("verify", "-h"),
            List.of("--version", "verify"),
            List.of("hash", "f"),
            List.of("sign", "--key", "k", "f"))) {
      String[] a = args.toArray(String[]::new);
      assertNull(Warmup.start(a[0].startsWith("-") ? a[1] : a[0], a), args.toString());
    }
  }
}
