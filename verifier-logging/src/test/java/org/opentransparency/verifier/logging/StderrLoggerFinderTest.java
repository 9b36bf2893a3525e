package org.opentransparency.verifier.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StderrLoggerFinderTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final System.Logger logger = new StderrLoggerFinder.Line("jdk.example", () -> err);

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void warningsAndErrorsAreOneLineEach_lessSevereIsDropped() {
    logger.log(Level.TRACE, "trace");
    logger.log(Level.DEBUG, "debug");
    logger.log(Level.INFO, "info");
    logger.log(Level.WARNING, "a warning");
    logger.log(Level.ERROR, "an error");
    assertEquals(
        "verifier: warning: jdk.example: a warning\nverifier: error: jdk.example: an error\n",
        written().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void loggableFromWarningUp_neverAllNorOff() {
    assertFalse(logger.isLoggable(Level.ALL));
    assertFalse(logger.isLoggable(Level.TRACE));
    assertFalse(logger.isLoggable(Level.DEBUG));
    assertFalse(logger.isLoggable(Level.INFO));
    assertTrue(logger.isLoggable(Level.WARNING));
    assertTrue(logger.isLoggable(Level.ERROR));
    assertFalse(logger.isLoggable(Level.OFF));
    logger.log(Level.OFF, "off");
    assertEquals("", written());
  }

  @Test
  void parametersAreFormattedAsMessageFormat_aBadPatternIsWrittenAsItIs() {
    logger.log(Level.WARNING, "{0} of {1} entries", 3, 12_441);
    logger.log(Level.WARNING, "unbalanced {0", "x");
    logger.log(Level.WARNING, "no parameters {0}");
    // MessageFormat's quoting, as the JDK's own loggers have it: the apostrophe quotes the rest.
    logger.log(Level.WARNING, "can't say {0}", "x");
    logger.log(Level.WARNING, "can't, and no placeholder", "x");
    Object unprintable =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("no");
          }
        };
    logger.log(Level.WARNING, "a parameter that throws: {0}", unprintable);
    assertEquals(
        "verifier: warning: jdk.example: 3 of 12,441 entries\n"
            + "verifier: warning: jdk.example: unbalanced {0\n"
            + "verifier: warning: jdk.example: no parameters {0}\n"
            + "verifier: warning: jdk.example: cant say {0}\n"
            + "verifier: warning: jdk.example: can't, and no placeholder\n"
            + "verifier: warning: jdk.example: a parameter that throws: {0}\n",
        written().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aBundleLocalizesItsKeys_anotherKeyIsWrittenAsItIs() {
    ResourceBundle bundle =
        new ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[][] {{"disk.full", "no space left on {0}"}, {"not.text", 42}};
          }
        };
    logger.log(Level.WARNING, bundle, "disk.full", "/tmp");
    logger.log(Level.WARNING, bundle, "not.a.key", (Throwable) null);
    logger.log(Level.WARNING, bundle, "not.text", (Throwable) null);
    assertEquals(
        "verifier: warning: jdk.example: no space left on /tmp\n"
            + "verifier: warning: jdk.example: not.a.key\n"
            + "verifier: warning: jdk.example: not.text\n",
        written().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void aThrowableIsNamedOnTheSameLine_withoutItsStack() {
    logger.log(Level.ERROR, "could not read", new IOException("gone"));
    IOException odd =
        new IOException() {
          @Override
          public String getLocalizedMessage() {
            throw new IllegalStateException("no");
          }
        };
    logger.log(Level.ERROR, "odd", odd);
    assertEquals(
        "verifier: error: jdk.example: could not read: java.io.IOException: gone\n"
            + "verifier: error: jdk.example: odd: "
            + odd.getClass().getName()
            + "\n",
        written().replace(System.lineSeparator(), "\n"));
  }

  @Test
  @SuppressForbidden(reason = "the finder's loggers write to System.err, which the test swaps")
  void theFinderWritesToStandardError() {
    PrintStream saved = System.err;
    System.setErr(err);
    try {
      new StderrLoggerFinder()
          .getLogger("jdk.finder", getClass().getModule())
          .log(Level.WARNING, "through the finder");
    } finally {
      System.setErr(saved);
    }
    assertEquals(
        "verifier: warning: jdk.finder: through the finder\n",
        written().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void controlCharactersInTheMessageOrTheNameCannotStartAnotherLine() {
    System.Logger odd = new StderrLoggerFinder.Line("a\nb", () -> err);
    odd.log(Level.WARNING, "file x\nverifier: OK: forged\r\u0007");
    assertEquals(
        "verifier: warning: a b: file x verifier: OK: forged  \n",
        written().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void theFinderGivesLoggersOfTheNameAskedFor_andRefusesNulls() {
    StderrLoggerFinder finder = new StderrLoggerFinder();
    Module module = getClass().getModule();
    assertEquals("jdk.x", finder.getLogger("jdk.x", module).getName());
    assertThrows(NullPointerException.class, () -> finder.getLogger(null, module));
    assertThrows(NullPointerException.class, () -> finder.getLogger("jdk.x", null));
  }

  @Test
  void theModuleProvidesTheFinder() throws URISyntaxException {
    // The module descriptor the launcher's --module-path reads: without the provides clause the
    // JDK would read the class path's jar again, silently.
    Path classes =
        Path.of(
            StderrLoggerFinder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<ModuleReference> found = ModuleFinder.of(classes).findAll();
    assertEquals(1, found.size());
    ModuleDescriptor descriptor = found.iterator().next().descriptor();
    assertEquals("org.opentransparency.verifier.logging", descriptor.name());
    assertEquals(1, descriptor.provides().size());
    ModuleDescriptor.Provides provides = descriptor.provides().iterator().next();
    assertEquals("java.lang.System$LoggerFinder", provides.service());
    // The finder first, and a second that is the same finder: the JDK takes the first, and its
    // question for a second is answered here, before the class path (StderrLoggerFinder).
    assertEquals(
        List.of(StderrLoggerFinder.class.getName(), StderrLoggerFinder.Second.class.getName()),
        provides.providers());
    assertTrue(StderrLoggerFinder.class.isAssignableFrom(StderrLoggerFinder.Second.class));
    assertTrue(descriptor.exports().isEmpty(), "exports nothing");
  }
}
