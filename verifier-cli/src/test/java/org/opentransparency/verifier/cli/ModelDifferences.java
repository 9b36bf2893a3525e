package org.opentransparency.verifier.cli;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opentransparency.verifier.TestData;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ITypeInfo;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;

/**
 * Every difference between two picocli models of a command and its subcommands: each public
 * attribute of the command, its usage message and parser settings, and of each option and
 * positional parameter, then each private field of picocli's argument classes, so that an attribute
 * no list here names is compared too. What may differ is listed, with why it does not change what
 * the command does ({@link #SAME_BEHAVIOUR}).
 */
final class ModelDifferences {
  /**
   * What is allowed to differ between a model picocli read from annotations and one built with its
   * builders, and why that is not a difference in behaviour.
   */
  static final Map<String, String> SAME_BEHAVIOUR =
      Map.ofEntries(
          Map.entry(
              "userObject",
              "the annotated field an argument was read from; the built one has none, and picocli"
                  + " reads it only to build the model"),
          Map.entry("annotatedElement", "the same annotated field"),
          Map.entry(
              "getter",
              "how the value is read and written: a reflective field binding against direct field"
                  + " access; the values parsing leaves are compared by CommandModelsParsingTest"),
          Map.entry("setter", "as the getter"),
          Map.entry(
              "scope",
              "the object a reflective binding reads its field from; read for argument groups,"
                  + " which no command has, and to name the object in picocli's trace"),
          Map.entry(
              "initialValueState",
              "when the initial value was read: lazily from the field, or when the model was built;"
                  + " both read the field before anything sets it (initialValue() is compared)"),
          Map.entry(
              "originalDefaultValue",
              "read only when the default value is \"_NULL_\"; no argument has a default value"
                  + " (defaultValue() is compared)"),
          Map.entry(
              "originalFallbackValue",
              "read only when the fallback value is \"_NULL_\"; no option has one (fallbackValue()"
                  + " is compared)"),
          Map.entry("hashCode", "hashes descriptionKey, which is \"\" against null: see below"),
          Map.entry(
              "specElements",
              "the annotated @Spec fields picocli sets; the generated code sets them itself, and"
                  + " CommandModelsParsingTest compares what they hold"),
          Map.entry(
              "parentCommandElements", "the annotated @ParentCommand fields, as specElements"),
          Map.entry("mixinAnnotatedElements", "the annotated @Mixin fields, as specElements"),
          Map.entry(
              "CommandSpec.scopeType",
              "the field, which @Command sets to LOCAL and a built command leaves null: picocli"
                  + " reads it only through scopeType(), which gives LOCAL for null (compared)"),
          Map.entry(
              "builderCapacity",
              "the capacity a parameter's builder was given: picocli computes it from the"
                  + " annotated field, and from arity and index when none is given, the same way"
                  + " (capacity itself is compared)"));

  /** Attributes where null and "" are the same: read only from a resource bundle, which we lack. */
  private static final List<String> EMPTY_IS_NULL = List.of("descriptionKey", "prompt");

  private final List<String> out = new ArrayList<>();

  private ModelDifferences() {}

  /**
   * An environment in {@code where} at the tests' fixed time, writing to {@code out} and {@code
   * err}.
   */
  static CliEnvironment environment(Path where, OutputStream out, OutputStream err) {
    return new CliEnvironment(
        where,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Clock.fixed(TestData.AT, ZoneOffset.UTC),
        false);
  }

  /** An environment whose output goes nowhere. */
  static CliEnvironment quiet() {
    return environment(
        Path.of("."), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
  }

  /**
   * The root command with every subcommand, set up as the command line runs it, each subcommand
   * built either as picocli reads its annotations (as the command line did before the models were
   * generated) or from its generated model (as it does now).
   */
  static CommandLine root(boolean generated, CliEnvironment env) {
    VerifierCommand root = new VerifierCommand(env);
    CommandLine cl = new CommandLine(VerifierCommand.spec(root), VerifierCommand.FACTORY);
    for (String name : VerifierCommand.SUBCOMMANDS) {
      Class<?> annotated = CommandModelGenerator.COMMANDS.get(name);
      cl.addSubcommand(
          name,
          generated || annotated == null
              ? VerifierCommand.subcommand(name, root)
              : CommandModelGenerator.instance(annotated));
    }
    Main.configure(cl, env);
    return cl;
  }

  /** The differences, one a line: where, what, the annotated model's and the generated one's. */
  static List<String> between(CommandSpec annotated, CommandSpec generated) {
    ModelDifferences d = new ModelDifferences();
    d.command(annotated, generated);
    return d.out;
  }

  /** The differences between two options or two positional parameters. */
  static List<String> between(ArgSpec annotated, ArgSpec generated) {
    ModelDifferences d = new ModelDifferences();
    d.arg("", annotated, generated);
    return d.out;
  }

  private void command(CommandSpec a, CommandSpec g) {
    String where = a.qualifiedName();
    check(where, "qualifiedName", a.qualifiedName(), g.qualifiedName());
    check(where, "userObject's class", a.userObject().getClass(), g.userObject().getClass());
    check(where, "parent's user object", parentObject(a), parentObject(g));
    getters(where, CommandSpec.class, a, g);
    getters(where + " usage", UsageMessageSpec.class, a.usageMessage(), g.usageMessage());
    getters(where + " parser", ParserSpec.class, a.parser(), g.parser());
    fields(where, CommandSpec.class, a, g);
    for (Map.Entry<String, CommandSpec> e : a.mixins().entrySet()) {
      CommandSpec gm = g.mixins().get(e.getKey());
      if (gm == null) {
        continue; // the names are compared with mixins()
      }
      CommandSpec am = e.getValue();
      String m = where + " mixin " + e.getKey();
      check(m, "options", names(am.options()), names(gm.options()));
      check(
          m,
          "positionalParameters",
          am.positionalParameters().size(),
          gm.positionalParameters().size());
      if (!e.getKey().equals(CommandModelGenerator.HELP_MIXIN)) {
        // picocli's own help mixin is an object of a class of its own; ours binds to no field.
        check(m, "userObject's class", am.userObject().getClass(), gm.userObject().getClass());
        check(m, "toString", am.toString(), gm.toString());
      }
      for (int i = 0; i < Math.min(am.options().size(), gm.options().size()); i++) {
        check(
            m,
            "option " + i + " is the command's",
            true,
            g.options().contains(gm.options().get(i)));
      }
    }
    int n = Math.min(a.options().size(), g.options().size());
    for (int i = 0; i < n; i++) {
      arg(
          where + " option " + a.options().get(i).longestName(),
          a.options().get(i),
          g.options().get(i));
    }
    n = Math.min(a.positionalParameters().size(), g.positionalParameters().size());
    for (int i = 0; i < n; i++) {
      PositionalParamSpec p = a.positionalParameters().get(i);
      arg(where + " parameter " + p.paramLabel(), p, g.positionalParameters().get(i));
    }
    for (Map.Entry<String, CommandLine> e : a.subcommands().entrySet()) {
      CommandLine gs = g.subcommands().get(e.getKey());
      if (gs != null) {
        command(e.getValue().getCommandSpec(), gs.getCommandSpec());
      }
    }
  }

  private static Object parentObject(CommandSpec spec) {
    return spec.parent() == null ? null : spec.parent().userObject().getClass();
  }

  private void arg(String where, ArgSpec a, ArgSpec g) {
    check(where, "class", a.getClass(), g.getClass());
    getters(where, ArgSpec.class, a, g);
    fields(where, ArgSpec.class, a, g);
    if (a instanceof OptionSpec && g instanceof OptionSpec) {
      getters(where, OptionSpec.class, a, g);
      fields(where, OptionSpec.class, a, g);
    } else if (a instanceof PositionalParamSpec && g instanceof PositionalParamSpec) {
      getters(where, PositionalParamSpec.class, a, g);
      fields(where, PositionalParamSpec.class, a, g);
    }
  }

  /** Compares what each public, argument-less method of {@code type} returns. */
  private void getters(String where, Class<?> type, Object a, Object g) {
    for (Method m : type.getDeclaredMethods()) {
      if (!Modifier.isPublic(m.getModifiers())
          || Modifier.isStatic(m.getModifiers())
          || m.getParameterCount() > 0
          || m.getReturnType() == void.class
          || SAME_BEHAVIOUR.containsKey(m.getName())) {
        continue;
      }
      check(where, m.getName() + "()", invoke(m, a), invoke(m, g));
    }
  }

  /** Compares each field {@code type} declares, as normalized. */
  private void fields(String where, Class<?> type, Object a, Object g) {
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          || SAME_BEHAVIOUR.containsKey(f.getName())
          || SAME_BEHAVIOUR.containsKey(type.getSimpleName() + "." + f.getName())) {
        continue;
      }
      f.setAccessible(true);
      try {
        check(where, f.getName(), f.get(a), f.get(g));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Object invoke(Method m, Object o) {
    try {
      return m.invoke(o);
    } catch (InvocationTargetException e) {
      return "throws " + e.getCause();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(String where, String what, Object a, Object g) {
    String name = what.endsWith("()") ? what.substring(0, what.length() - 2) : what;
    Object na = normalize(a);
    Object ng = normalize(g);
    if (EMPTY_IS_NULL.contains(name)) {
      na = "".equals(na) ? null : na;
      ng = "".equals(ng) ? null : ng;
    }
    if (!Objects.equals(na, ng)) {
      out.add(where + ": " + what + ": annotated " + na + ", generated " + ng);
    }
  }

  /** A value as compared: picocli objects without equals by what matters of them. */
  static Object normalize(Object o) {
    if (o instanceof String) {
      // An object's identity hash, as in a command's toString, is not an attribute.
      return ((String) o).replaceAll("@[0-9a-f]{1,8}\\b", "@(identity)");
    }
    if (o == null
        || o instanceof Number
        || o instanceof Boolean
        || o instanceof Character
        || o instanceof Enum<?>
        || o instanceof Class<?>) {
      return o;
    }
    if (o instanceof Range) {
      Range r = (Range) o;
      return "Range("
          + r.min()
          + ".."
          + r.max()
          + (r.isVariable() ? ", variable" : "")
          + (r.isUnspecified() ? ", unspecified" : "")
          + (r.isRelative() ? ", relative" : "")
          + ", original "
          + r.originalValue()
          + ")";
    }
    if (o instanceof ITypeInfo) {
      ITypeInfo t = (ITypeInfo) o;
      // getActualGenericTypeArguments is left out: the annotated model has the field's generic
      // arguments, a built one none, and picocli reads them only for @Unmatched fields.
      return "TypeInfo(" + t.getType() + ", " + Arrays.toString(t.getAuxiliaryTypes()) + ")";
    }
    if (o instanceof CommandSpec) {
      return "CommandSpec " + ((CommandSpec) o).qualifiedName();
    }
    if (o instanceof CommandLine) {
      return "CommandLine " + ((CommandLine) o).getCommandSpec().qualifiedName();
    }
    if (o instanceof ArgSpec) {
      return o.getClass().getSimpleName() + " " + o;
    }
    if (o instanceof ITypeConverter<?>) {
      return "converter " + o.getClass().getName();
    }
    if (o instanceof Map<?, ?>) {
      Map<Object, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        m.put(normalize(e.getKey()), normalize(e.getValue()));
      }
      return m;
    }
    if (o instanceof Iterable<?>) {
      List<Object> l = new ArrayList<>();
      for (Object e : (Iterable<?>) o) {
        l.add(normalize(e));
      }
      return l;
    }
    if (o.getClass().isArray()) {
      List<Object> l = new ArrayList<>();
      for (int i = 0; i < java.lang.reflect.Array.getLength(o); i++) {
        l.add(normalize(java.lang.reflect.Array.get(o, i)));
      }
      return l;
    }
    if (o.getClass().getName().startsWith("picocli.")) {
      // A picocli object with no attribute of ours (the help factory, a no-op preprocessor, the
      // interpolator): the same class.
      return "a " + o.getClass().getName();
    }
    return o;
  }

  private static List<String> names(List<OptionSpec> options) {
    List<String> out = new ArrayList<>();
    for (OptionSpec o : options) {
      out.add(o.longestName());
    }
    return out;
  }
}
