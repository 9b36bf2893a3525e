/**
 * The command line's {@link java.lang.System.LoggerFinder}. The launcher puts this module on the
 * module path of the JDK 25 runs; see {@link
 * org.opentransparency.verifier.logging.StderrLoggerFinder} for why it is a module of its own.
 */
module org.opentransparency.verifier.logging {
  // Two, in this order: see StderrLoggerFinder's class comment.
  provides java.lang.System.LoggerFinder with
      org.opentransparency.verifier.logging.StderrLoggerFinder,
      org.opentransparency.verifier.logging.StderrLoggerFinder.Second;
}
