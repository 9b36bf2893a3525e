package org.opentransparency.verifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The generated models parse as the annotated ones: for each argument line, the same values in
 * every field of every command and mixin, the same parse result, and for a line that fails (a
 * missing required option, an unknown one, a value a converter refuses, the wrong number of values)
 * or asks for help, the same output, error message and exit code from the command line.
 */
class CommandModelsParsingTest {
  /** Lines only parsed (run too where parsing fails, or help is asked for). */
  static final List<String> LINES =
      List.of(
          "",
          "--help",
          "-h",
          "--version",
          "-V",
          "--nope",
          "nope",
          "help",
          "help hash",
          "help manifest",
          "help nope",
          // hash
          "hash a.txt",
          "hash -a sha256 -a blake3 -a SHA512 --content -c --ignore-missing --status -j 3 a b",
          "hash --format json -o out -q --debug --at 2026-11-22T00:00:00Z a",
          "hash --format=JSON --jobs=4 -j5 -ofile -cq a",
          "hash --max-json-bytes 5 --max-signature-bytes 6 --max-depth 2 --max-entries 7"
              + " --max-total-bytes 8 --max-ratio 9 a",
          "hash --content=true --quiet=false a",
          "hash -- -a --b",
          "hash",
          "hash --nope a",
          "hash -a md5 a",
          "hash -a nope a",
          "hash -a sha256,blake3 a",
          "hash -a",
          "hash -j",
          "hash -j x a",
          "hash -j 1.5 a",
          "hash --max-depth 1.5 a",
          "hash --max-json-bytes x a",
          "hash --at yesterday a",
          "hash --format xml a",
          "hash -q -q a",
          "hash --content=maybe a",
          "hash --debug --nope a",
          "hash -h",
          "hash --help",
          "hash -V",
          "hash -x",
          // compare
          "compare a b",
          "compare --mode content --ignore *.txt --ignore x --normalize a,b --normalize c"
              + " --max-diff-lines 3 --format html a b",
          "compare a b c",
          "compare",
          "compare --max-diff-lines x a b",
          "compare --normalize",
          "compare --mode",
          "compare --help",
          // buildinfo
          "buildinfo",
          "buildinfo nope",
          "buildinfo --help",
          "buildinfo -V",
          "buildinfo verify x.buildinfo",
          "buildinfo verify --dir d x.buildinfo a b",
          "buildinfo verify",
          "buildinfo verify --nope x",
          "buildinfo verify --help",
          // keygen
          "keygen --scheme ed25519 --out k",
          "keygen --scheme ecdsa-p256 --out k --passphrase-file p -q",
          "keygen --scheme nope --out k",
          "keygen --out k",
          "keygen",
          "keygen --scheme ed25519 --out k extra",
          "keygen --help",
          // manifest
          "manifest",
          "manifest --help",
          "manifest nope",
          "manifest create --publisher P --version 1 --expires P1D --key root=a.pub"
              + " --key software=b.pub --threshold root=2 --threshold software=1 -o m.json",
          "manifest create --publisher P --version x --expires P1D --key root=a.pub",
          "manifest create --publisher P --version 1 --expires P1D --key r=a --threshold root=x",
          "manifest create --publisher P --version 1 --expires P1D --key r=a --threshold root",
          "manifest create --publisher P",
          "manifest create",
          "manifest create -h",
          "manifest create --version",
          "manifest sign --key k --passphrase-file p m.json",
          "manifest sign m.json",
          "manifest sign --key k",
          "manifest sign --help",
          "manifest verify --trusted old --at 2026-01-01T00:00:00Z m.json",
          "manifest verify",
          "manifest verify a b",
          "manifest show m.json",
          "manifest show --format json --max-json-bytes 9 m.json",
          "manifest show",
          "manifest update --state d m1 m2",
          "manifest update --state d",
          "manifest update m1",
          "manifest update --help",
          // sign
          "sign --key k --role software --version 3 --expires 7d f",
          "sign --key k --append -o out f",
          "sign f",
          "sign --key k --version x f",
          "sign --key k --version",
          "sign -h",
          "sign -V",
          "sign --help",
          // verify
          "verify --manifest m --role r f",
          "verify --tuf-metadata d --target-name t f",
          "verify --signature s --state d --manifest m --role r --format json f",
          "verify",
          "verify --manifest",
          "verify f g",
          "verify --help",
          // audit
          "audit --manifest m --role r --sums a --sums b --normalize x,y --rebuilt r"
              + " --buildinfo b --state s --signature sig art",
          "audit --format html --manifest m --role r art",
          "audit art",
          "audit --manifest m art",
          "audit --manifest m --role r",
          "audit --help",
          // tuf
          "tuf",
          "tuf --help",
          "tuf nope",
          "tuf init --metadata-dir d root.json",
          "tuf init root.json",
          "tuf init --metadata-dir d",
          "tuf init --help",
          "tuf refresh --metadata-dir d --metadata-url u",
          "tuf refresh --metadata-dir d",
          "tuf refresh --help",
          "tuf download --metadata-dir d --metadata-url u --target-name a --target-name b"
              + " --target-base-url t --target-dir td",
          "tuf download --metadata-dir d",
          "tuf download --help");

  /**
   * Lines run to the end by both models, each in a directory of its own holding a.txt and b.txt;
   * the commands' own checks that fail before they read anything, and real runs that only read.
   */
  static final List<String> RUNS =
      List.of(
          "hash a.txt",
          "hash --format json -a sha256 -a blake3 a.txt b.txt",
          "hash --jobs 0 a.txt",
          "hash --status a.txt",
          "hash --content -a sha256 a.txt",
          "compare a.txt b.txt",
          "compare --format json --mode content a.txt a.txt",
          "compare a.txt b.txt c.txt",
          "compare --mode nope a.txt b.txt",
          "compare --normalize help",
          "buildinfo",
          "manifest",
          "tuf",
          "verify --manifest missing.json --role software a.txt",
          "verify --tuf-metadata d --manifest m a.txt",
          "hash --format html a.txt");

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> linesParseAlike() {
    return LINES.stream().map(line -> DynamicTest.dynamicTest("'" + line + "'", () -> same(line)));
  }

  @TestFactory
  Stream<DynamicTest> linesRunAlike() {
    return RUNS.stream()
        .map(line -> DynamicTest.dynamicTest("'" + line + "'", () -> sameRun(line, true)));
  }

  private void same(String line) throws IOException {
    String[] args = split(line);
    List<Parsed> outcomes = new ArrayList<>();
    for (boolean generated : new boolean[] {false, true}) {
      outcomes.add(
          parse(ModelDifferences.root(generated, env(dir, new ByteArrayOutputStream())), args));
    }
    assertAlike(outcomes.get(0), outcomes.get(1));
    if (outcomes.get(0).error != null || outcomes.get(0).helpOrVersion()) {
      sameRun(line, false);
    }
  }

  /** Runs the line through both models; the same exit code, output and error output. */
  private void sameRun(String line, boolean files) throws IOException {
    List<String> outcomes = new ArrayList<>();
    for (boolean generated : new boolean[] {false, true}) {
      Path where = Files.createDirectories(dir.resolve(generated ? "generated" : "annotated"));
      if (files) {
        Files.writeString(where.resolve("a.txt"), "a\n", StandardCharsets.UTF_8);
        Files.writeString(where.resolve("b.txt"), "b\n", StandardCharsets.UTF_8);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CliEnvironment env = ModelDifferences.environment(where, out, err);
      int code = ModelDifferences.root(generated, env).execute(split(line));
      String text =
          "exit "
              + code
              + "\n--- out\n"
              + out.toString(StandardCharsets.UTF_8)
              + "--- err\n"
              + err.toString(StandardCharsets.UTF_8);
      // Each model runs in a directory of its own, which an error message may name.
      outcomes.add(text.replace(where.toString(), "DIR"));
    }
    assertEquals(outcomes.get(0), outcomes.get(1));
  }

  private static String[] split(String line) {
    return line.isEmpty() ? new String[0] : line.split(" ");
  }

  private static CliEnvironment env(Path where, ByteArrayOutputStream out) {
    return ModelDifferences.environment(where, out, out);
  }

  /** Fails with the differences, if any: the error, what was matched, then field by field. */
  static void assertAlike(Parsed annotated, Parsed generated) {
    assertEquals(annotated.error(), generated.error(), "the error");
    assertEquals(annotated.matched(), generated.matched(), "what was matched");
    List<String> differences = new ArrayList<>();
    for (String key : annotated.state().keySet()) {
      Object a = annotated.state().get(key);
      Object g = generated.state().get(key);
      if (!java.util.Objects.equals(a, g) || !generated.state().containsKey(key)) {
        differences.add(key + ": annotated " + a + ", generated " + g);
      }
    }
    for (String key : generated.state().keySet()) {
      if (!annotated.state().containsKey(key)) {
        differences.add(key + ": only in the generated model");
      }
    }
    assertEquals(List.of(), differences, String.join("\n", differences));
    assertEquals(annotated, generated);
  }

  /** What parsing a line left: the error, if any, what was matched, and every field's value. */
  record Parsed(String error, List<String> matched, Map<String, Object> state) {
    boolean helpOrVersion() {
      return matched.contains("usage help true") || matched.contains("version true");
    }
  }

  static Parsed parse(CommandLine root, String[] args) {
    String error = null;
    List<String> matched = new ArrayList<>();
    try {
      for (ParseResult r = root.parseArgs(args); r != null; r = r.subcommand()) {
        matched.add("command " + r.commandSpec().qualifiedName());
        for (OptionSpec o : r.matchedOptions()) {
          matched.add(
              "option " + o.longestName() + " " + r.matchedOptionValue(o.longestName(), null));
        }
        for (ArgSpec p : r.matchedPositionals()) {
          matched.add("positional " + p.paramLabel() + " " + p.getValue());
        }
        matched.add("unmatched " + r.unmatched());
        matched.add("usage help " + r.isUsageHelpRequested());
        matched.add("version " + r.isVersionHelpRequested());
        matched.add("errors " + r.errors());
      }
    } catch (ParameterException e) {
      error =
          e.getClass().getName()
              + " in "
              + e.getCommandLine().getCommandSpec().qualifiedName()
              + ": "
              + e.getMessage();
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state(root, null, state);
    return new Parsed(error, matched, state);
  }

  /** The value of every field of every command and mixin in the tree, and of every argument. */
  static void state(CommandLine cl, Object parent, Map<String, Object> out) {
    CommandSpec spec = cl.getCommandSpec();
    String where = spec.qualifiedName();
    Object command = spec.userObject();
    fields(where, command, spec, spec, parent, out);
    for (ArgSpec a : spec.args()) {
      String name = a.isOption() ? ((OptionSpec) a).longestName() : a.paramLabel();
      out.put(where + " value of " + name, describe(a.getValue()));
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      state(sub, command, out);
    }
  }

  private static void fields(
      String where,
      Object o,
      CommandSpec self,
      CommandSpec mixee,
      Object parent,
      Map<String, Object> out) {
    for (Class<?> k = o.getClass(); k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || !picocli(f)) {
          continue;
        }
        String key = where + " " + k.getSimpleName() + "." + f.getName();
        Object v;
        try {
          f.setAccessible(true);
          v = f.get(o);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        if (f.isAnnotationPresent(Mixin.class)) {
          CommandSpec mixin = self.mixins().get(f.getName());
          out.put(key + " is the mixin's object", mixin != null && v == mixin.userObject());
          fields(key, v, mixin, self, null, out);
        } else if (f.isAnnotationPresent(Spec.class)) {
          CommandSpec expected =
              f.getAnnotation(Spec.class).value() == Spec.Target.MIXEE ? mixee : self;
          out.put(key, v == expected ? "the spec of " + expected.qualifiedName() : "another: " + v);
        } else if (f.isAnnotationPresent(ParentCommand.class)) {
          out.put(key, v == parent ? "the parent" : "not the parent: " + v);
        } else {
          out.put(key, describe(v));
        }
      }
    }
  }

  private static boolean picocli(Field f) {
    for (Annotation a : f.getAnnotations()) {
      if (a.annotationType().getName().startsWith("picocli.")) {
        return true;
      }
    }
    return false;
  }

  /** A value, with the class of a collection (a List must stay the one picocli makes). */
  private static Object describe(Object v) {
    if (v instanceof Collection<?> || v instanceof Map<?, ?>) {
      return v.getClass().getName() + " " + v;
    }
    return v;
  }

  /** The comparison sees a field left unset, and a parse that differs. */
  @Test
  void aDifferentFieldOrErrorIsSeen() {
    CommandLine annotated = ModelDifferences.root(false, env(dir, new ByteArrayOutputStream()));
    CommandLine generated = ModelDifferences.root(true, env(dir, new ByteArrayOutputStream()));
    String[] args = {"hash", "-j", "3", "a"};
    Parsed a = parse(annotated, args);
    Parsed g = parse(generated, args);
    assertEquals(a, g);
    assertTrue(a.state().containsValue(3), a.state().toString());
    ((HashCommand) generated.getSubcommands().get("hash").getCommand()).root = null;
    Map<String, Object> broken = new LinkedHashMap<>();
    state(generated, null, broken);
    assertNotEquals(a.state(), broken);
    assertNotEquals(
        a,
        parse(
            ModelDifferences.root(true, env(dir, new ByteArrayOutputStream())),
            new String[] {"hash", "-j", "x", "a"}));
  }
}
