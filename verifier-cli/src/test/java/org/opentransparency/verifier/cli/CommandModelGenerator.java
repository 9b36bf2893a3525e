package org.opentransparency.verifier.cli;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Range;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Writes {@code CommandModels.java}: the picocli model of every subcommand as builder calls, read
 * from the model picocli makes of the annotated command classes. The annotations stay the one
 * source of truth; the generated code only spares each run picocli's reading of them (dynamic
 * proxies that no class-data archive or AOT cache can hold, docs/benchmarks.md).
 *
 * <p>It writes what our commands use, and refuses anything else: an annotation attribute it does
 * not write, an annotation it does not know, a method with a picocli annotation. {@link
 * CommandModelsTest} checks that the committed file is what this writes, and that each generated
 * model gives the same help, the same arguments and the same parsing as the annotated one.
 */
final class CommandModelGenerator {
  /** The generated file, relative to the verifier-cli module. */
  static final String FILE = "src/main/java/org/opentransparency/verifier/cli/CommandModels.java";

  /** The one command that writes {@link #FILE} again, from the repository's root. */
  static final String REGENERATE = "mvn -B -ntp -pl verifier-cli -am test -P regenerate-models";

  /** The subcommands of {@code verifier} built from generated models, in the root's order. */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("hash", HashCommand.class);
    m.put("compare", CompareCommand.class);
    m.put("buildinfo", BuildinfoCommand.class);
    m.put("keygen", KeygenCommand.class);
    m.put("manifest", ManifestCommand.class);
    m.put("sign", SignCommand.class);
    m.put("verify", VerifyCommand.class);
    m.put("audit", AuditCommand.class);
    m.put("tuf", TufCommand.class);
    return m;
  }

  /** The mixin {@code mixinStandardHelpOptions = true} adds, under this name. */
  static final String HELP_MIXIN = "mixinStandardHelpOptions";

  /** The class the generated code binds the standard help options to. */
  private static final String HELP_CLASS = "StandardHelpOptions";

  private static final String PACKAGE = CommandModelGenerator.class.getPackageName();
  private static final int WIDTH = 100;

  /** The attributes written, by annotation; any other set to a non-default value is refused. */
  private static final Map<Class<? extends Annotation>, Set<String>> WRITTEN =
      Map.of(
          Command.class,
          Set.of(
              "name",
              "description",
              "mixinStandardHelpOptions",
              "subcommands",
              "usageHelpAutoWidth",
              "exitCodeListHeading",
              "exitCodeList"),
          Option.class,
          Set.of(
              "names",
              "paramLabel",
              "description",
              "descriptionKey",
              "required",
              "arity",
              "split",
              "converter",
              "usageHelp",
              "versionHelp",
              "hidden"),
          Parameters.class,
          Set.of(
              "index",
              "paramLabel",
              "description",
              "descriptionKey",
              "arity",
              "split",
              "converter",
              "hidden"),
          Mixin.class,
          Set.of("name"),
          Spec.class,
          Set.of("value"),
          ParentCommand.class,
          Set.of());

  private final Imports imports = new Imports();
  private final StringBuilder methods = new StringBuilder();
  private final Map<Class<?>, String> mixinMethods = new LinkedHashMap<>();
  private final List<Field> bound = new ArrayList<>();
  private final Set<String> methodNames =
      new TreeSet<>(List.of("subcommand", "mixin", "option", "positional", "standardHelpOptions"));
  private final Map<String, Class<?>> commands;
  private boolean helpMixin;
  private String helpClass = "";

  private CommandModelGenerator(Map<String, Class<?>> commands) {
    this.commands = commands;
  }

  /** The source of {@code CommandModels.java}, as it should be now. */
  static String generate() {
    return generate(COMMANDS);
  }

  /** The source of {@code CommandModels.java} for these commands, by name. */
  static String generate(Map<String, Class<?>> commands) {
    return new CommandModelGenerator(commands).source();
  }

  /** The model picocli makes of {@code cls}'s annotations: the one the generated code replaces. */
  static CommandLine annotated(Class<?> cls) {
    return new CommandLine(instance(cls), VerifierCommand.FACTORY);
  }

  /** A new object of {@code cls}, made as picocli's default factory makes one. */
  static Object instance(Class<?> cls) {
    try {
      var constructor = cls.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + cls.getName(), e);
    }
  }

  /** The generated method that builds the model of {@code qualifiedName} ("manifest create"). */
  static String methodName(String qualifiedName) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char ch : qualifiedName.toCharArray()) {
      if (ch == ' ' || ch == '-') {
        upper = true;
      } else if (Character.isLetterOrDigit(ch)) {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      } else {
        throw new IllegalStateException(
            "a command name the generator cannot name: " + qualifiedName);
      }
    }
    return out.toString();
  }

  private String source() {
    imports.add(CommandSpec.class);
    for (Map.Entry<String, Class<?>> e : commands.entrySet()) {
      CommandLine cl = annotated(e.getValue());
      if (!e.getKey().equals(cl.getCommandName())) {
        throw new IllegalStateException(
            e.getValue().getName() + " is named " + cl.getCommandName() + ", not " + e.getKey());
      }
      methods.append(command(cl.getCommandSpec(), e.getKey(), VerifierCommand.class));
    }
    for (String body : mixinMethods.values()) {
      methods.append('\n').append(body);
    }
    if (helpMixin) {
      methods.append('\n').append(helpMixin());
    }
    String binding = binding();
    imports.add(CommandLine.Model.IGetter.class);
    imports.add(CommandLine.Model.ISetter.class);
    imports.add(OptionSpec.class);
    imports.add(PositionalParamSpec.class);
    StringBuilder out = new StringBuilder();
    out.append(
            "// Generated by CommandModelGenerator (verifier-cli's test sources) from the picocli\n")
        .append(
            "// annotations on the command classes, which stay the source of truth: do not edit.\n")
        .append("// After changing an annotation, regenerate from the repository's root with\n")
        .append("//   ")
        .append(REGENERATE)
        .append('\n')
        .append("package ")
        .append(PACKAGE)
        .append(";\n\n")
        .append(imports.declarations())
        .append('\n')
        .append("/**\n")
        .append(
            javadoc(
                "The models of verifier's subcommands, built with picocli's builders as picocli"
                    + " would build them from the commands' annotations, without reading the"
                    + " annotations: picocli reads them through dynamic proxies, which no"
                    + " class-data sharing archive or AOT cache can hold, and that was most of a"
                    + " command's start-up. Options bind to their fields by direct access; no"
                    + " class is made through picocli's default factory.",
                ""))
        .append(" */\n")
        .append("final class CommandModels {\n")
        .append("  /** The subcommands of {@code verifier} with a generated model, in order. */\n")
        .append(namesField())
        .append("\n")
        .append("  private CommandModels() {}\n\n")
        .append(
            "  /** A new model of {@code verifier}'s subcommand {@code name}, under {@code parent}. */\n")
        .append("  static CommandSpec subcommand(String name, VerifierCommand parent) {\n")
        .append("    return switch (name) {\n")
        .append(cases())
        .append(
            "      default -> throw new IllegalArgumentException(\"no generated model: \" + name);\n")
        .append("    };\n")
        .append("  }\n")
        .append(methods)
        .append(TEMPLATE)
        .append(binding)
        .append(helpClass)
        .append("}\n");
    checkWidth(out.toString());
    return out.toString();
  }

  /**
   * Refuses a line longer than google-java-format leaves it, unless it is one string literal (which
   * the formatter does not break either): the committed file must pass the format check.
   */
  private static void checkWidth(String source) {
    for (String line : source.split("\n", -1)) {
      String s = line.strip();
      boolean literal = s.matches("\"(?:[^\"\\\\]|\\\\.)*\"[,;)]*");
      if (line.length() > WIDTH && !literal) {
        throw new IllegalStateException("a line the formatter would break: " + line);
      }
    }
  }

  /** {@code NAMES}, laid out as google-java-format lays out a constant. */
  private String namesField() {
    imports.add(List.class);
    List<String> names = new ArrayList<>();
    for (String name : commands.keySet()) {
      names.add(quote(name));
    }
    String declaration = "  static final List<String> NAMES =";
    String value = "List.of(" + String.join(", ", names) + ");";
    if (declaration.length() + 1 + value.length() <= WIDTH) {
      return declaration + " " + value + "\n";
    }
    return declaration + "\n" + Body.call("      ", "List.of", names, ";");
  }

  private String cases() {
    StringBuilder out = new StringBuilder();
    for (String name : commands.keySet()) {
      out.append("      case ").append(quote(name)).append(" -> ").append(methodName(name));
      out.append("(parent);\n");
    }
    return out.toString();
  }

  /** The method that builds {@code spec}'s model, then those of its subcommands. */
  private String command(CommandSpec spec, String qualified, Class<?> parent) {
    Object command = spec.userObject();
    Class<?> type = command.getClass();
    List<Class<?>> hierarchy = hierarchy(type);
    Command annotation = null;
    for (Class<?> k : hierarchy) {
      checkClass(k);
      Command c = k.getAnnotation(Command.class);
      if (c != null) {
        if (annotation != null) {
          throw new IllegalStateException(
              type.getName() + ": @Command on more than one class of its hierarchy");
        }
        annotation = c;
      }
    }
    if (annotation == null) {
      throw new IllegalStateException(type.getName() + " has no @Command");
    }
    checkAttributes(annotation, type.getName());
    checkCommandSpec(spec);
    String method = methodName(qualified);
    claim(method);
    Body b = new Body();
    b.line(typeName(type) + " c = new " + typeName(type) + "();");
    b.line("CommandSpec spec = CommandSpec.wrapWithoutInspection(c, VerifierCommand.FACTORY);");
    b.call("spec.name", quote(spec.name()));
    usage(b, annotation);
    StringBuilder children = new StringBuilder();
    for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
      CommandSpec s = sub.getValue().getCommandSpec();
      if (!sub.getKey().equals(s.name()) || s.aliases().length > 0) {
        throw new IllegalStateException(qualified + ": subcommand aliases are not written");
      }
      children.append(command(s, qualified + " " + sub.getKey(), type));
      b.call(
          "spec.addSubcommand",
          quote(sub.getKey()),
          "new CommandLine("
              + methodName(qualified + " " + sub.getKey())
              + "(c), VerifierCommand.FACTORY)");
      imports.add(CommandLine.class);
    }
    List<ArgSpec> written = new ArrayList<>();
    for (Class<?> k : hierarchy) {
      for (Field f : k.getDeclaredFields()) {
        member(spec, f, parent, b, written, "c");
      }
    }
    if (spec.mixins().containsKey(HELP_MIXIN)) {
      if (!annotation.mixinStandardHelpOptions()) {
        throw new IllegalStateException(qualified + ": standard help options without the flag");
      }
      helpMixin = true;
      b.call("spec.addMixin", quote(HELP_MIXIN), "standardHelpOptions()");
      written.addAll(spec.mixins().get(HELP_MIXIN).options());
    }
    checkAllWritten(qualified, spec, written);
    b.line("return spec;");
    return new StringBuilder()
        .append('\n')
        .append("  /** {@code verifier ")
        .append(qualified)
        .append("}: the model of a new {@link ")
        .append(typeName(type))
        .append("}. */\n")
        .append("  private static CommandSpec ")
        .append(method)
        .append("(")
        .append(typeName(parent))
        .append(" parent) {\n")
        .append(b)
        .append("  }\n")
        .append(children)
        .toString();
  }

  /** Takes a method name of the generated class, refusing one already taken. */
  private void claim(String method) {
    if (!methodNames.add(method)) {
      throw new IllegalStateException("two generated methods named " + method);
    }
  }

  /** The classes of {@code type}'s hierarchy, the topmost first, as picocli reads them. */
  private static List<Class<?>> hierarchy(Class<?> type) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
      out.add(0, k);
    }
    return out;
  }

  /** Refuses what the generator does not write: picocli annotations on methods, unknown ones. */
  private static void checkClass(Class<?> k) {
    if (!k.getPackageName().equals(PACKAGE)) {
      throw new IllegalStateException(k.getName() + ": a command class outside " + PACKAGE);
    }
    for (Annotation a : k.getAnnotations()) {
      if (isPicocli(a) && !(a instanceof Command)) {
        throw new IllegalStateException(k.getName() + ": @" + simpleName(a) + " is not written");
      }
    }
    for (Method m : k.getDeclaredMethods()) {
      for (Annotation a : m.getAnnotations()) {
        if (isPicocli(a)) {
          throw new IllegalStateException(
              m + ": picocli annotations on methods are not written (@" + simpleName(a) + ")");
        }
      }
    }
  }

  private static boolean isPicocli(Annotation a) {
    return isPicocli(a.annotationType());
  }

  private static boolean isPicocli(Class<?> k) {
    return k.getName().startsWith("picocli.");
  }

  private static String simpleName(Annotation a) {
    return a.annotationType().getSimpleName();
  }

  /** Refuses an annotation attribute with a value other than its default that is not written. */
  static void checkAttributes(Annotation a, String where) {
    Set<String> written = WRITTEN.get(a.annotationType());
    if (written == null) {
      throw new IllegalStateException(where + ": @" + simpleName(a) + " is not written");
    }
    for (Method m : a.annotationType().getDeclaredMethods()) {
      Object value;
      try {
        value = m.invoke(a);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
      if (!written.contains(m.getName())
          && !Arrays.deepEquals(new Object[] {value}, new Object[] {m.getDefaultValue()})) {
        throw new IllegalStateException(
            where
                + ": @"
                + simpleName(a)
                + "("
                + m.getName()
                + " = ...) is not written by the generator; write it there or drop it");
      }
    }
  }

  /** Refuses command-level settings that no annotation attribute we write could have made. */
  private static void checkCommandSpec(CommandSpec spec) {
    if (spec.versionProvider() != null
        || spec.version().length > 0
        || spec.defaultValueProvider() != null
        || spec.argGroups().size() > 0
        || spec.unmatchedArgsBindings().size() > 0
        || spec.aliases().length > 0
        || spec.helpCommand()) {
      throw new IllegalStateException(spec.qualifiedName() + ": a setting that is not written");
    }
  }

  /**
   * Writes what one annotated field gives: an option, a positional parameter, a mixin, or the
   * injection of a spec or of the parent command.
   */
  private void member(
      CommandSpec spec, Field f, Class<?> parent, Body b, List<ArgSpec> written, String object) {
    List<Annotation> found = new ArrayList<>();
    for (Annotation a : f.getAnnotations()) {
      if (isPicocli(a)) {
        if (a instanceof ArgGroup || a instanceof Unmatched) {
          throw new IllegalStateException(f + ": @" + simpleName(a) + " is not written");
        }
        checkAttributes(a, f.toString());
        found.add(a);
      }
    }
    if (found.isEmpty()) {
      return;
    }
    if (found.size() > 1) {
      throw new IllegalStateException(f + ": more than one picocli annotation");
    }
    if (Modifier.isPrivate(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
      throw new IllegalStateException(
          f + ": the generated code cannot set a private or final field");
    }
    Annotation a = found.get(0);
    String field = object + "." + f.getName();
    if (a instanceof Option || a instanceof Parameters) {
      ArgSpec arg = argFor(spec, f);
      written.add(arg);
      b.statement("spec." + (arg.isOption() ? "addOption" : "addPositional"), arg(arg, f, object));
    } else if (a instanceof Mixin) {
      if (!object.equals("c")) {
        throw new IllegalStateException(f + ": a mixin within a mixin is not written");
      }
      String name = ((Mixin) a).name().isEmpty() ? f.getName() : ((Mixin) a).name();
      CommandSpec mixin = spec.mixins().get(name);
      if (mixin == null || mixin.userObject().getClass() != f.getType()) {
        throw new IllegalStateException(f + ": no mixin " + name + " of its type in the model");
      }
      if (get(f, instance(spec.userObject().getClass())) != null) {
        throw new IllegalStateException(
            f + ": a mixin field with an initial object; the generated code makes a new one");
      }
      String method = mixin(mixin, f.getType());
      b.line(field + " = new " + typeName(f.getType()) + "();");
      b.call(
          "mixin", "spec", quote(name), method + "(" + field + ", spec)", quote(mixin.toString()));
      written.addAll(mixin.options());
    } else if (a instanceof Spec) {
      if (f.getType() != CommandSpec.class) {
        throw new IllegalStateException(f + ": @Spec on a field that is not a CommandSpec");
      }
      Spec.Target target = ((Spec) a).value();
      if (object.equals("c") && target != Spec.Target.SELF) {
        throw new IllegalStateException(f + ": only @Spec(SELF) is written on a command");
      }
      b.line(field + " = " + (target == Spec.Target.SELF ? "spec" : "mixee") + ";");
    } else if (a instanceof ParentCommand) {
      if (!object.equals("c") || !f.getType().isAssignableFrom(parent)) {
        throw new IllegalStateException(f + ": not a parent command the generator can set");
      }
      b.line(field + " = parent;");
    } else {
      throw new IllegalStateException(f + ": @" + simpleName(a) + " is not written");
    }
  }

  /** The option or positional parameter of {@code spec} bound to {@code f}. */
  private static ArgSpec argFor(CommandSpec spec, Field f) {
    ArgSpec found = null;
    for (ArgSpec arg : spec.args()) {
      if (f.equals(arg.userObject())) {
        if (found != null) {
          throw new IllegalStateException(f + ": bound to more than one argument");
        }
        found = arg;
      }
    }
    if (found == null) {
      throw new IllegalStateException(f + ": no argument of the model is bound to it");
    }
    return found;
  }

  /** Writes (once per class) the method that builds a mixin's model; its name. */
  private String mixin(CommandSpec mixin, Class<?> type) {
    for (Class<?> k : hierarchy(type)) {
      checkClass(k);
      if (k.getAnnotation(Command.class) != null) {
        throw new IllegalStateException(type.getName() + ": @Command on a mixin is not written");
      }
    }
    if (!mixin.positionalParameters().isEmpty()
        || !mixin.subcommands().isEmpty()
        || !mixin.mixins().isEmpty()) {
      throw new IllegalStateException(type.getName() + ": only options are written for a mixin");
    }
    String name = typeNameOf(type).replace(".", "");
    String method = Character.toLowerCase(name.charAt(0)) + name.substring(1);
    Body b = new Body();
    b.line("CommandSpec spec = CommandSpec.wrapWithoutInspection(m, VerifierCommand.FACTORY);");
    List<ArgSpec> written = new ArrayList<>();
    for (Class<?> k : hierarchy(type)) {
      for (Field f : k.getDeclaredFields()) {
        member(mixin, f, Object.class, b, written, "m");
      }
    }
    checkAllWritten(type.getName(), mixin, written);
    b.line("return spec;");
    String text =
        "  /** The model of {@code m}, a {@link "
            + typeName(type)
            + "} mixed into {@code mixee}. */\n"
            + "  private static CommandSpec "
            + method
            + "("
            + typeName(type)
            + " m, CommandSpec mixee) {\n"
            + b
            + "  }\n";
    if (!mixinMethods.containsKey(type)) {
      claim(method);
    }
    String before = mixinMethods.putIfAbsent(type, text);
    if (before != null && !before.equals(text)) {
      throw new IllegalStateException(type.getName() + ": a mixin whose model differs by command");
    }
    return method;
  }

  private static void checkAllWritten(String where, CommandSpec spec, List<ArgSpec> written) {
    List<ArgSpec> expected = new ArrayList<>(spec.options());
    List<ArgSpec> writtenOptions = new ArrayList<>();
    for (ArgSpec a : written) {
      if (a.isOption()) {
        writtenOptions.add(a);
      }
    }
    if (!expected.equals(writtenOptions) || spec.args().size() != written.size()) {
      throw new IllegalStateException(where + ": not every argument written, or not in order");
    }
  }

  /** The builder expression of one option or positional parameter. */
  private Chain arg(ArgSpec arg, Field f, String object) {
    if (!bound.contains(f)) {
      bound.add(f);
    }
    String binding = "new Binding(" + object + ", " + bound.indexOf(f) + ")";
    Chain c;
    if (arg.isOption()) {
      OptionSpec o = (OptionSpec) arg;
      List<String> head = new ArrayList<>();
      head.add(binding);
      boolean picocliOwn = isPicocli(f.getDeclaringClass());
      for (String name : OptionSpec.builder(o).names()) {
        // picocli's own names may hold variables, which picocli resolves as it always does.
        head.add(picocliOwn ? quoteRaw(name) : quote(name));
      }
      c = new Chain("option", head);
      if (o.usageHelp()) {
        c.then("usageHelp", "true");
      }
      if (o.versionHelp()) {
        c.then("versionHelp", "true");
      }
      if (o.help()) {
        throw new IllegalStateException(f + ": help = true is not written");
      }
    } else {
      c = new Chain("positional", List.of(binding));
      Parameters p = f.getAnnotation(Parameters.class);
      if (!p.index().isEmpty()) {
        c.then("index", quote(p.index()));
      }
    }
    attributes(arg, f, c, object);
    return c;
  }

  /** The attributes every argument has, where they differ from what the builder sets alone. */
  private void attributes(ArgSpec arg, Field f, Chain c, String object) {
    if (arg.required()) {
      c.then("required", "true");
    }
    if (!arg.paramLabel().equals("PARAM")) {
      c.then("paramLabel", quote(arg.paramLabel()));
    }
    if (arg.hidden()) {
      c.then("hidden", "true");
    }
    if (!arg.descriptionKey().isEmpty()) {
      c.then("descriptionKey", quote(arg.descriptionKey()));
    }
    String[] description = rawDescription(arg);
    if (description.length > 0) {
      List<String> lines = new ArrayList<>();
      for (String d : description) {
        lines.add(quote(d));
      }
      c.then("description", lines);
    }
    c.then("type", classLiteral(arg.type()));
    Class<?>[] aux = arg.auxiliaryTypes();
    if (!Arrays.equals(aux, defaultAuxiliaryTypes(arg.type()))) {
      List<String> literals = new ArrayList<>();
      for (Class<?> k : aux) {
        literals.add(classLiteral(k));
      }
      c.then("auxiliaryTypes", literals);
    }
    String arity = arity(arg);
    if (arity != null) {
      c.then("arity", arity);
    }
    if (!arg.splitRegex().isEmpty()) {
      c.then("splitRegex", quote(arg.splitRegex()));
    }
    if (arg.converters().length > 0) {
      List<String> made = new ArrayList<>();
      for (ITypeConverter<?> k : arg.converters()) {
        made.add("new " + typeName(k.getClass()) + "()");
      }
      c.then("converters", made);
    }
    if (arg.hasInitialValue()) {
      c.then("initialValue", object + "." + f.getName());
    }
    c.then("withToString", quote(arg.toString()));
    c.then("build", List.of());
  }

  private static String[] rawDescription(ArgSpec arg) {
    return arg.isOption()
        ? OptionSpec.builder((OptionSpec) arg).description()
        : PositionalParamSpec.builder((PositionalParamSpec) arg).description();
  }

  /** The auxiliary types picocli infers when only the type is given. */
  private static Class<?>[] defaultAuxiliaryTypes(Class<?> type) {
    if (type.isArray()) {
      return new Class<?>[] {type.getComponentType()};
    }
    if (Collection.class.isAssignableFrom(type)) {
      return new Class<?>[] {String.class};
    }
    if (Map.class.isAssignableFrom(type)) {
      return new Class<?>[] {String.class, String.class};
    }
    return new Class<?>[] {type};
  }

  /**
   * The arity to give the builder, or null where the builder's own default is the same range (and
   * the same "unspecified" mark, which parsing reads).
   */
  private String arity(ArgSpec arg) {
    Range r = arg.arity();
    Range alone;
    if (arg.isOption()) {
      boolean bool = arg.type() == boolean.class || arg.type() == Boolean.class;
      alone = Range.valueOf(bool ? "0" : "1").unspecified(true);
    } else {
      alone = Range.valueOf("1").unspecified(true);
    }
    if (same(r, alone)) {
      return null;
    }
    if (r.originalValue() != null && same(r, Range.valueOf(r.originalValue()))) {
      return quote(r.originalValue());
    }
    if (r.originalValue() != null && same(r, Range.valueOf(r.originalValue()).unspecified(true))) {
      return typeName(Range.class) + ".valueOf(" + quote(r.originalValue()) + ").unspecified(true)";
    }
    throw new IllegalStateException(arg + ": an arity the generator cannot write: " + r);
  }

  /** Whether two ranges are the same in every field (Range.equals compares only the bounds). */
  static boolean same(Range a, Range b) {
    return a.min() == b.min()
        && a.max() == b.max()
        && a.isVariable() == b.isVariable()
        && a.isUnspecified() == b.isUnspecified()
        && a.isRelative() == b.isRelative()
        && java.util.Objects.equals(a.originalValue(), b.originalValue());
  }

  /**
   * The mixin of the standard help options as picocli's own ({@code AutoHelpMixin}) has it, bound
   * to the fields of a class like it ({@link #HELP_CLASS}), which it writes too.
   */
  private String helpMixin() {
    CommandSpec spec = annotated(HashCommand.class).getCommandSpec().mixins().get(HELP_MIXIN);
    Class<?> type = spec.userObject().getClass();
    Body b = new Body();
    b.line(HELP_CLASS + " m = new " + HELP_CLASS + "();");
    b.line("CommandSpec spec = CommandSpec.wrapWithoutInspection(m, VerifierCommand.FACTORY);");
    List<ArgSpec> written = new ArrayList<>();
    StringBuilder fields = new StringBuilder();
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Option option = f.getAnnotation(Option.class);
      if (option == null || f.getType() != boolean.class) {
        throw new IllegalStateException("picocli's standard help options changed: " + f);
      }
      checkAttributes(option, f.toString());
      ArgSpec arg = argFor(spec, f);
      written.add(arg);
      b.statement("spec.addOption", arg(arg, f, "m"));
      fields.append("    boolean ").append(f.getName()).append(";\n");
    }
    checkAllWritten(type.getName(), spec, written);
    b.line("return spec;");
    helpClass =
        "\n  /** The fields of picocli's own mixin of the standard help options, as it has them. */\n"
            + "  private static final class "
            + HELP_CLASS
            + " {\n"
            + fields
            + "  }\n";
    return "  /** The model of {@code mixinStandardHelpOptions = true}, as picocli makes it. */\n"
        + "  private static CommandSpec standardHelpOptions() {\n"
        + b
        + "  }\n";
  }

  /** The switches of the binding class: every bound field, by number. */
  private String binding() {
    boolean unchecked = false;
    Body read = new Body("        ");
    Body write = new Body("        ");
    for (int i = 0; i < bound.size(); i++) {
      Field f = bound.get(i);
      String owner =
          isPicocli(f.getDeclaringClass()) ? HELP_CLASS : typeName(f.getDeclaringClass());
      String field = "((" + owner + ") object)." + f.getName();
      read.line("case " + i + " -> " + field + ";");
      Type t = f.getGenericType();
      unchecked |= t instanceof ParameterizedType;
      write.line("case " + i + " -> " + field + " = (" + typeName(box(t)) + ") value;");
    }
    read.line("default -> throw new IllegalArgumentException(\"no field \" + field);");
    write.line("default -> throw new IllegalArgumentException(\"no field \" + field);");
    return "\n"
        + "    private Object read() {\n"
        + "      return switch (field) {\n"
        + read
        + "      };\n"
        + "    }\n\n"
        + (unchecked ? "    @SuppressWarnings(\"unchecked\")\n" : "")
        + "    private void write(Object value) {\n"
        + "      switch (field) {\n"
        + write
        + "      }\n"
        + "    }\n"
        + "  }\n";
  }

  private static Type box(Type t) {
    if (t == boolean.class) {
      return Boolean.class;
    } else if (t == int.class) {
      return Integer.class;
    } else if (t == long.class) {
      return Long.class;
    } else if (t instanceof Class<?> && ((Class<?>) t).isPrimitive()) {
      throw new IllegalStateException("a primitive type the generator does not box: " + t);
    }
    return t;
  }

  private void usage(Body b, Command annotation) {
    List<String> lines = new ArrayList<>();
    if (annotation.description().length > 0) {
      for (String d : annotation.description()) {
        lines.add(quote(d));
      }
    }
    boolean any =
        !lines.isEmpty()
            || annotation.usageHelpAutoWidth()
            || !annotation.exitCodeListHeading().isEmpty()
            || annotation.exitCodeList().length > 0;
    if (!any) {
      return;
    }
    imports.add(CommandLine.Model.UsageMessageSpec.class);
    b.line("UsageMessageSpec usage = spec.usageMessage();");
    if (!lines.isEmpty()) {
      b.call("usage.description", lines);
    }
    if (annotation.usageHelpAutoWidth()) {
      b.call("usage.autoWidth", "true");
    }
    if (!annotation.exitCodeListHeading().isEmpty()) {
      b.call("usage.exitCodeListHeading", quote(annotation.exitCodeListHeading()));
    }
    if (annotation.exitCodeList().length > 0) {
      List<String> codes = new ArrayList<>();
      for (String line : annotation.exitCodeList()) {
        codes.add(quote(line));
      }
      b.statement("usage.exitCodeList", new Chain("UsageMessageSpec.keyValuesMap", codes));
    }
  }

  private static Object get(Field f, Object o) {
    try {
      f.setAccessible(true);
      return f.get(o);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private String classLiteral(Class<?> k) {
    return typeName(k) + ".class";
  }

  /** The type as the generated source names it, importing what it needs. */
  private String typeName(Type t) {
    if (t instanceof Class<?>) {
      Class<?> k = (Class<?>) t;
      if (k.isArray()) {
        return typeName(k.getComponentType()) + "[]";
      }
      if (k.isPrimitive()) {
        return k.getName();
      }
      imports.add(k);
      return k.getPackageName().startsWith("picocli") ? k.getSimpleName() : typeNameOf(k);
    }
    if (t instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) t;
      StringBuilder out = new StringBuilder(typeName(p.getRawType())).append('<');
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < args.length; i++) {
        out.append(i > 0 ? ", " : "").append(typeName(args[i]));
      }
      return out.append('>').toString();
    }
    if (t instanceof GenericArrayType) {
      return typeName(((GenericArrayType) t).getGenericComponentType()) + "[]";
    }
    throw new IllegalStateException("a type the generator cannot name: " + t);
  }

  /** {@code Outer.Inner} for a nested class, the simple name for a top-level one. */
  private static String typeNameOf(Class<?> k) {
    if (k.isAnonymousClass() || k.isLocalClass()) {
      throw new IllegalStateException("a class the generated code cannot name: " + k);
    }
    return k.getEnclosingClass() == null
        ? k.getSimpleName()
        : typeNameOf(k.getEnclosingClass()) + "." + k.getSimpleName();
  }

  /** A Java string literal. */
  static String quote(String s) {
    if (s.contains("${")) {
      throw new IllegalStateException(
          "a variable in a string is left to picocli, which the generator does not do: " + s);
    }
    return quoteRaw(s);
  }

  private static String quoteRaw(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (ch < 0x20 || ch > 0x7e) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** {@code text} as javadoc lines filled to the width, each {@code indent + " * "}. */
  private static String javadoc(String text, String indent) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(indent + " *");
    for (String word : text.split(" ")) {
      if (line.length() + 1 + word.length() > WIDTH) {
        out.append(line).append('\n');
        line = new StringBuilder(indent + " *");
      }
      line.append(' ').append(word);
    }
    return out.append(line).append('\n').toString();
  }

  /** The imports of the generated file: top-level classes outside its package and java.lang. */
  private static final class Imports {
    private final Set<String> names = new TreeSet<>();
    private final Map<String, String> bySimpleName = new LinkedHashMap<>();

    /** Imports {@code k} (picocli's own classes by their names, others by their top class). */
    void add(Class<?> k) {
      Class<?> top = k;
      while (top.getEnclosingClass() != null) {
        top = top.getEnclosingClass();
      }
      Class<?> imported = k.getPackageName().startsWith("picocli") ? k : top;
      if (top.getPackageName().equals(PACKAGE) || imported.getPackageName().equals("java.lang")) {
        if (imported != k && !top.getPackageName().equals(PACKAGE)) {
          throw new IllegalStateException("a nested java.lang class: " + k);
        }
        return;
      }
      String before = bySimpleName.putIfAbsent(imported.getSimpleName(), imported.getName());
      if (before != null && !before.equals(imported.getName())) {
        throw new IllegalStateException("two classes named " + imported.getSimpleName());
      }
      names.add(imported.getCanonicalName());
    }

    String declarations() {
      StringBuilder out = new StringBuilder();
      for (String n : names) {
        out.append("import ").append(n).append(";\n");
      }
      return out.toString();
    }
  }

  /**
   * A call and the calls chained on it, as google-java-format lays them out: on one line where that
   * fits, else one call a line.
   */
  private static final class Chain {
    final String head;
    final List<String> headArgs;
    final List<String> names = new ArrayList<>();
    final List<List<String>> args = new ArrayList<>();

    Chain(String head, List<String> headArgs) {
      this.head = head;
      this.headArgs = headArgs;
    }

    Chain then(String name, String arg) {
      return then(name, List.of(arg));
    }

    Chain then(String name, List<String> arg) {
      names.add(name);
      args.add(arg);
      return this;
    }

    String flat() {
      StringBuilder out = new StringBuilder(head).append('(').append(String.join(", ", headArgs));
      out.append(')');
      for (int i = 0; i < names.size(); i++) {
        out.append('.').append(names.get(i)).append('(').append(String.join(", ", args.get(i)));
        out.append(')');
      }
      return out.toString();
    }
  }

  /** The statements of a method body, laid out as google-java-format does. */
  private static final class Body {
    private final String indent;
    private final StringBuilder text = new StringBuilder();

    Body() {
      this("    ");
    }

    Body(String indent) {
      this.indent = indent;
    }

    void line(String s) {
      if (indent.length() + s.length() > WIDTH) {
        throw new IllegalStateException("a line the generator cannot break: " + s);
      }
      text.append(indent).append(s).append('\n');
    }

    /** {@code callee(args);} */
    void call(String callee, String... args) {
      call(callee, Arrays.asList(args));
    }

    void call(String callee, List<String> args) {
      text.append(call(indent, callee, args, ";"));
    }

    /** {@code callee(chain);} */
    void statement(String callee, Chain chain) {
      String flat = callee + "(" + chain.flat() + ");";
      if (indent.length() + flat.length() <= WIDTH) {
        text.append(indent).append(flat).append('\n');
        return;
      }
      String inner = indent + "    ";
      text.append(indent).append(callee).append("(\n");
      if (inner.length() + chain.flat().length() + 2 <= WIDTH) {
        text.append(inner).append(chain.flat()).append(");\n");
        return;
      }
      // The first call's arguments, when broken, go deeper than the chained calls that follow.
      boolean alone = chain.names.isEmpty();
      String head = call(inner, chain.head, chain.headArgs, alone ? ");" : "", alone ? 4 : 8);
      text.append(head);
      for (int i = 0; i < chain.names.size(); i++) {
        boolean last = i == chain.names.size() - 1;
        text.append(
            call(inner + "    ", "." + chain.names.get(i), chain.args.get(i), last ? ");" : ""));
      }
    }

    private static String call(String indent, String callee, List<String> args, String end) {
      return call(indent, callee, args, end, 4);
    }

    private static String call(
        String indent, String callee, List<String> args, String end, int deeper) {
      String flat = indent + callee + "(" + String.join(", ", args) + ")" + end;
      if (flat.length() <= WIDTH) {
        return flat + "\n";
      }
      String inner = indent + " ".repeat(deeper);
      String together = inner + String.join(", ", args) + ")" + end;
      if (together.length() <= WIDTH) {
        return indent + callee + "(\n" + together + "\n";
      }
      StringBuilder out = new StringBuilder(indent).append(callee).append("(\n");
      for (int i = 0; i < args.size(); i++) {
        out.append(inner).append(args.get(i));
        out.append(i < args.size() - 1 ? ",\n" : ")" + end + "\n");
      }
      return out.toString();
    }

    String indented(String more) {
      return text.toString().replaceAll("(?m)^(?=.)", more);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** The fixed part of the generated file: the binding base class and the builders' helpers. */
  private static final String TEMPLATE =
      """

        /** Adds {@code mixin} to {@code mixee} under {@code name}, as picocli adds a mixin. */
        private static void mixin(CommandSpec mixee, String name, CommandSpec mixin, String toString) {
          mixee.addMixin(name, mixin.withToString(toString));
        }

        /** An option bound to a field: the builder with the field as its getter and setter. */
        private static OptionSpec.Builder option(Binding field, String... names) {
          return OptionSpec.builder(names).getter(field).setter(field);
        }

        /** A positional parameter bound to a field. */
        private static PositionalParamSpec.Builder positional(Binding field) {
          return PositionalParamSpec.builder().getter(field).setter(field);
        }

        /**
         * One field of a command or mixin, read and written directly: the getter and setter of the
         * argument bound to it, as picocli's reflective binding of the field would be.
         */
        private static final class Binding implements IGetter, ISetter {
          private final Object object;
          private final int field;

          Binding(Object object, int field) {
            this.object = object;
            this.field = field;
          }

          @Override
          @SuppressWarnings("unchecked")
          public <T> T get() {
            return (T) read();
          }

          @Override
          @SuppressWarnings("unchecked")
          public <T> T set(T value) {
            T old = (T) read();
            write(value);
            return old;
          }
      """;
}
