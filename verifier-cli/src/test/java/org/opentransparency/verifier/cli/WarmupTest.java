package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up thread: a verify's only, and never one that keeps the JVM from ending. */
class WarmupTest {
  @Test
  void aVerifyStartsADaemonThread_thatEnds() throws InterruptedException {
    Thread t = Warmup.start("verify");
    assertNotNull(t);
    assertEquals("verifier-warmup", t.getName());
    assertTrue(t.isDaemon());
    t.join(10_000);
    assertFalse(t.isAlive(), "the warm-up thread did not end");
  }

  @Test
  void otherCommands_noThread() {
    for (String command : new String[] {"hash", "compare", "sign", "tuf", "help", null}) {
      assertNull(Warmup.start(command), String.valueOf(command));
    }
  }
}
