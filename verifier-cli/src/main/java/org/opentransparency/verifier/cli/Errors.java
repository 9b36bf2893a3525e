package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.opentransparency.verifier.internal.IoErrors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * One-line error reporting: {@code verifier: error: <what>: <why>}, stack traces only with --debug.
 */
final class Errors {
  private Errors() {}

  static int onBadArguments(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = commandName(cmd);
    String what = name.isEmpty() ? "" : name + ": ";
    err.println(
        "verifier: error: "
            + what
            + oneLine(e.getMessage())
            + " (see 'verifier "
            + (name.isEmpty() ? "" : name + " ")
            + "--help')");
    if (debug(cmd.getParseResult())) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.CANNOT_CHECK;
  }

  static int onFailure(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println("verifier: error: " + describe(e, commandName(cmd)));
    if (debug(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.CANNOT_CHECK;
  }

  /** {@code <what>: <why>} for an exception that stopped a command. */
  static String describe(Exception e, String command) {
    Throwable t = e instanceof UncheckedIOException ? e.getCause() : e;
    if (t instanceof CliException) {
      return oneLine(t.getMessage());
    }
    if (t instanceof FileSystemException) {
      FileSystemException f = (FileSystemException) t;
      String file = f.getFile() == null ? command : f.getFile();
      return oneLine(file + ": " + IoErrors.reason(f));
    }
    if (t instanceof IOException) {
      return oneLine(command + ": " + IoErrors.reason((IOException) t));
    }
    return oneLine(command + ": internal error: " + t + " (run with --debug for details)");
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }

  private static String commandName(CommandLine cmd) {
    String q = cmd.getCommandSpec().qualifiedName(" ");
    int space = q.indexOf(' ');
    return space < 0 ? "" : q.substring(space + 1);
  }

  private static boolean debug(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
