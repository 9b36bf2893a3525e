package org.opentransparency.verifier.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code verifier} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Unbuffered System.out/err would issue one write per println; buffer, flush at the end.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    // Before any command reads a zstd frame (the launcher names the build's copy of the library).
    ZstdLibrary.useBuilt();
    int code;
    try {
      code = run(args, CliEnvironment.system(out, err));
    } catch (Error e) {
      out.flush();
      System.exit(fatal(e, args, err));
      return;
    }
    out.flush();
    err.flush();
    if ((code == ExitCodes.OK || code == ExitCodes.NO) && onlyDaemonsLeft()) {
      // Returning from main ends the JVM with status 0 and runs the shutdown hooks, as
      // System.exit(0) does; a main that throws ends it with status 1 (the java launcher's rule,
      // which MainExitTest checks on each JDK it runs on). System.exit first asks the JDK's logger
      // whether to log the exit (JDK 21 and later), and loading the logger finder then searches
      // the class path for a second one: it opened and indexed our 23 MB jar, whose classes the
      // AOT cache or CDS archive otherwise supply without opening it (async-profiler;
      // docs/benchmarks.md).
      if (code == ExitCodes.NO) {
        Thread.currentThread().setUncaughtExceptionHandler(new ExitNo.Quiet());
        throw new ExitNo();
      }
      return;
    }
    System.exit(code);
  }

  /**
   * Thrown out of main to end the process with status 1, "checked, and no", once everything is
   * written. No method of {@link #run} reaches it or its handler, so the AOT training loads both
   * with {@link #loadExitClasses}: a class the cache lacks is read from our jar, which opens it.
   */
  static final class ExitNo extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExitNo() {
      super("exit 1", null, false, false);
    }

    /** The main thread's handler, set just before it throws: silent for ExitNo alone. */
    static final class Quiet implements Thread.UncaughtExceptionHandler {
      @Override
      public void uncaughtException(Thread thread, Throwable ended) {
        if (!(ended instanceof ExitNo)) {
          thread.getThreadGroup().uncaughtException(thread, ended);
        }
      }
    }
  }

  /** Loads the classes main ends a "no" with, for the AOT training (CdsTraining). */
  static void loadExitClasses() {
    new ExitNo.Quiet().uncaughtException(Thread.currentThread(), new ExitNo());
  }

  /**
   * Reports an {@link Error} that ended a command (on this thread, or a worker's passed on to it)
   * and returns the exit code: one line and "could not check", never a stack trace (but with {@code
   * --debug}) and the JVM's exit 1 for an uncaught throwable, which means "checked, and no". The
   * limits bound what input can make us hold; past them, or in a heap made small by hand, the line
   * says so.
   */
  static int fatal(Error e, String[] args, PrintStream err) {
    if (e instanceof OutOfMemoryError) {
      err.println(
          "verifier: error: out of memory: the input needs more than the Java heap holds (give"
              + " the JVM more with VERIFIER_JAVA_OPTS=-Xmx..., or lower a limit)");
    } else {
      err.println(
          "verifier: error: internal error: "
              + Errors.oneLine(String.valueOf(e))
              + " (run with --debug for details)");
    }
    if (java.util.Arrays.asList(args).contains("--debug")) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.CANNOT_CHECK;
  }

  /**
   * Whether every thread but this one is a daemon: returning from main then ends the JVM at once,
   * where a thread still running would keep it waiting.
   */
  static boolean onlyDaemonsLeft() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 8];
    int n = root.enumerate(threads, true);
    if (n == threads.length) {
      // More threads than counted a moment ago: too many to be sure of.
      return false;
    }
    for (int i = 0; i < n; i++) {
      Thread t = threads[i];
      if (t != Thread.currentThread() && !t.isDaemon() && t.isAlive()) {
        return false;
      }
    }
    return true;
  }

  private static String firstNonOption(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  private static boolean onlyVersionRequested(String[] args) {
    for (String a : args) {
      if (!a.equals("-V") && !a.equals("--version")) {
        return false;
      }
    }
    return args.length > 0;
  }

  /** Runs the command line in {@code env} and returns the exit code (0, 1 or 2). */
  public static int run(String[] args, CliEnvironment env) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // The line picocli prints for it (VersionFastPathTest compares them), without building the
      // command line's model first: on JDK 17 that model, its CommandLine and picocli's
      // formatting of the line were ~65% of the main thread's time in --version.
      env.out().println(VerifierCommand.Version.line());
      return written(env, ExitCodes.OK);
    }
    // picocli's default factory, which the help command is read with, looks for Groovy's Closure
    // class unless told not to. There is none to find, and the failed lookup searched, and so
    // opened, our 23 MB jar: --help 296.6 -> 271.2 ms (docs/benchmarks.md, "Help and the rarer
    // commands on their caches").
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    VerifierCommand root = new VerifierCommand(env);
    CommandLine cl = new CommandLine(VerifierCommand.spec(root), VerifierCommand.FACTORY);
    String first = firstNonOption(args);
    Warmup.start(first, args);
    // Only the subcommand named is built; the version needs none, the help and an unknown name
    // all of them.
    boolean versionOnly = first == null && onlyVersionRequested(args);
    if (!versionOnly) {
      for (String name : VerifierCommand.SUBCOMMANDS) {
        if (first == null
            || first.equals("help")
            || first.equals(name)
            || !VerifierCommand.SUBCOMMANDS.contains(first)) {
          cl.addSubcommand(name, VerifierCommand.subcommand(name, root));
        }
      }
    }
    configure(cl, env);
    return written(env, cl.execute(args));
  }

  /**
   * {@code code}, unless it is OK and standard output failed: a PrintStream keeps a write error to
   * itself, and a report cut short (a full disk behind a redirection, a closed pipe) must not end
   * with exit 0.
   */
  private static int written(CliEnvironment env, int code) {
    if (env.out().checkError() && code == ExitCodes.OK) {
      env.err()
          .println("verifier: error: the report could not be written in full to standard output");
      return ExitCodes.CANNOT_CHECK;
    }
    return code;
  }

  /**
   * Sets up {@code cl}, the root with its subcommands, to write to {@code env} and to report errors
   * and exit codes as the command line does.
   */
  static void configure(CommandLine cl, CliEnvironment env) {
    cl.setOut(new PrintWriter(env.out(), true, StandardCharsets.UTF_8));
    cl.setErr(new PrintWriter(env.err(), true, StandardCharsets.UTF_8));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(Errors::onBadArguments);
    cl.setExecutionExceptionHandler(Errors::onFailure);
    // picocli's default exit code for an exception is 1, which means "checked, and no" to us.
    cl.setExitCodeExceptionMapper(t -> ExitCodes.CANNOT_CHECK);
  }
}
