package org.opentransparency.verifier.cli;

/**
 * Start-up work of the JDK that a {@code verify} is sure to meet, begun on a second thread while
 * the command line is parsed and the manifest read. A small {@code verify} runs with C1 alone (the
 * launcher's {@code small_run}), which leaves the second core mostly idle: this puts it to use.
 */
final class Warmup {
  private Warmup() {}

  /**
   * Starts the warm-up for a {@code verify} command line ({@code command} is its first word that is
   * not an option) on a daemon thread, which a returning {@code main} does not wait for; returns
   * it, or null. A {@code verify} with nothing to verify, or asking for help, gets none: it ends at
   * once, and a warm-up still running made it end 8-15 ms later. Started once the arguments are
   * parsed instead, it came too late: a verify took 5-7 ms longer than with it started here.
   */
  static Thread start(String command, String[] args) {
    if (!"verify".equals(command) || args.length < 2) {
      return null;
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return null;
      }
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
      // BouncyCastle's OpenPGP key rings hold a java.util.logging logger: the first one reads the
      // logging configuration and looks for a logging backend. On JDK 17 that search opens and
      // indexes our jar; on 25 the launcher's logging module (verifier-logging) ends it first.
      java.util.logging.LogManager.getLogManager();
    } catch (Throwable ignored) {
      // Only a head start: the command meets the same work, and any error, where it needs it.
    }
  }
}
