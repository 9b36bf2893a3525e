package org.opentransparency.verifier.logging;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Where the JDK's own log messages ({@link System.Logger}) go when the command line runs: a warning
 * or an error is one line on standard error, {@code verifier: warning: LOGGER: MESSAGE}, like the
 * command line's own; anything less severe is dropped. BouncyCastle's {@code java.util.logging}
 * loggers are not affected: they keep the JDK's logging configuration.
 *
 * <p>Why a module of its own: the first {@code java.util.logging} logger (BouncyCastle's classes
 * hold them, so every {@code verify} makes one) has the JDK look for a {@code LoggerFinder} on the
 * module path and then on the class path. With none anywhere, it reads the central directory of
 * every jar on the class path, and ours has 12,441 entries: about a tenth of the CPU time of a
 * small {@code verify} on JDK 25, whose classes otherwise all come from the AOT cache without the
 * jar being opened. A provider in a named module is found from the module graph alone (archived in
 * the cache), and that search ends there, without the class path (docs/benchmarks.md, "The logger
 * finder").
 *
 * <p>Why the module declares a second provider, {@link Second}: the JDK's first platform logger (an
 * exit through {@code System.exit}, a certificate parsed with security event logging) loads the
 * finder with a service loader and then asks it for a second provider, to refuse one when {@code
 * -Djdk.logger.finder.singleton=true}. A service loader locates a module's providers in the order
 * its descriptor lists them, and those of named modules before any on the class path; with no
 * second in the module, that question read our jar's central directory too. The JDK takes the
 * first; the second is the same finder and is never made. Run with that property set, the JDK
 * refuses both and uses its own finder, with a warning (docs/benchmarks.md, "The logger finder's
 * second provider").
 */
public class StderrLoggerFinder extends System.LoggerFinder {
  /** The finder, as the JDK's service loader makes it. */
  public StderrLoggerFinder() {}

  /** The module's second provider: the same finder (see the class comment for why). */
  public static final class Second extends StderrLoggerFinder {
    /** The finder, were the JDK ever to make the second. */
    public Second() {}
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(module, "module");
    return new Line(name, StderrLoggerFinder::stderr);
  }

  @SuppressForbidden(reason = "the JDK's messages go to standard error, as ours do")
  private static PrintStream stderr() {
    return System.err;
  }

  /** A logger writing each message it takes as one line to the stream {@code err} supplies. */
  static final class Line implements System.Logger {
    private final String name;
    private final Supplier<PrintStream> err;

    Line(String name, Supplier<PrintStream> err) {
      this.name = name;
      this.err = err;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level != Level.OFF && level.getSeverity() >= Level.WARNING.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        String text = localized(bundle, msg);
        if (thrown != null) {
          try {
            text = text + ": " + thrown;
          } catch (RuntimeException e) { // a throwable whose message cannot be had
            text = text + ": " + thrown.getClass().getName();
          }
        }
        write(level, text);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        write(level, formatted(localized(bundle, format), params));
      }
    }

    private void write(Level level, String message) {
      err.get()
          .println(
              "verifier: "
                  + level.getName().toLowerCase(Locale.ROOT)
                  + ": "
                  + oneLine(name)
                  + ": "
                  + oneLine(message));
    }

    private static String localized(ResourceBundle bundle, String key) {
      if (bundle == null || key == null) {
        return String.valueOf(key);
      }
      try {
        return bundle.getString(key);
      } catch (MissingResourceException | ClassCastException e) {
        return key;
      }
    }

    /**
     * The message with its parameters, as {@link System.Logger} specifies: a MessageFormat. As the
     * JDK's own console logger, only a format that names a parameter is formatted (MessageFormat
     * would take the apostrophes of any other), and a format or a parameter that fails leaves the
     * format as it is: a log call never throws for what it is given.
     */
    private static String formatted(String format, Object... params) {
      if (params == null || params.length == 0 || !format.contains("{")) {
        return format;
      }
      try {
        return new MessageFormat(format, Locale.ROOT).format(params);
      } catch (RuntimeException e) {
        return format;
      }
    }

    /** Control characters (a line break in a file name, say) become spaces: one line a message. */
    private static String oneLine(String s) {
      StringBuilder b = null;
      for (int i = 0; i < s.length(); i++) {
        if (Character.isISOControl(s.charAt(i))) {
          if (b == null) {
            b = new StringBuilder(s);
          }
          b.setCharAt(i, ' ');
        }
      }
      return b == null ? s : b.toString();
    }
  }
}
