package org.opentransparency.verifier.cli;

/**
 * Start-up work of the JDK that a {@code verify} is sure to meet, begun on a second thread while
 * the command line is parsed and the manifest read. A small {@code verify} runs with C1 alone (the
 * launcher's {@code small_verify}), which leaves the second core mostly idle: this puts it to use.
 */
final class Warmup {
  private Warmup() {}

  /**
   * Starts the warm-up when {@code command} (the first word that is not an option) wants one, on a
   * daemon thread, which a returning {@code main} does not wait for; returns it, or null.
   */
  static Thread start(String command) {
    if (!"verify".equals(command)) {
      return null;
    }
    Thread t = new Thread(Warmup::verify, "verifier-warmup");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void verify() {
    try {
      // Jackson's parsers hold BigDecimal constants, and since JDK 24 BigDecimal's initializer
      // squares its way to 5^(2^16): ~12 ms interpreted (0.4 ms on JDK 17).
      Class.forName("java.math.BigDecimal");
      // BouncyCastle's OpenPGP key rings hold a java.util.logging logger; the first one searches
      // the class path for a logging backend, which opens and indexes our jar.
      java.util.logging.LogManager.getLogManager();
    } catch (Throwable ignored) {
      // Only a head start: the command meets the same work, and any error, where it needs it.
    }
  }
}
