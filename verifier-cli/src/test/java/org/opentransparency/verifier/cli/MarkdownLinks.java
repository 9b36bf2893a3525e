package org.opentransparency.verifier.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the links of the project's Markdown files and says which of them do not resolve to a file
 * inside the repository: inline links and images ({@code [text](target)}, {@code ![alt](target)})
 * and reference definitions ({@code [x]: target}), outside fenced code blocks and code spans. Web
 * ({@code http:}, {@code https:}) and {@code mailto:} links are not followed. A relative target
 * resolves against the directory of the file it is in; with {@code #anchor}, the anchor must be a
 * heading of the target Markdown file in GitHub's slug form (or an explicit HTML {@code id}/{@code
 * name}).
 */
final class MarkdownLinks {
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$");
  private static final Pattern REFERENCE =
      Pattern.compile("^ {0,3}\\[([^\\]]+)\\]:[ \\t]*(<[^>]*>|\\S+)");
  private static final Pattern HTML_ID =
      Pattern.compile("<[a-zA-Z][^>]*\\s(?:id|name)=\"([^\"]+)\"");
  private static final Pattern IGNORED_SCHEME =
      Pattern.compile("^(?:https?|mailto):", Pattern.CASE_INSENSITIVE);

  /** One link as written: where it is and what it points at. */
  record Link(Path file, int line, String target) {}

  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  MarkdownLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The Markdown files of the project: README.md, every {@code .md} below docs/, and every other
   * {@code .md} file of the repository outside build output ({@code target/}) and {@code .git}.
   */
  List<Path> markdownFiles() {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !ProjectFiles.isExcluded(root, p))
          .filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every problem with the links of {@code files}, as {@code file:line: [target]: why}. */
  List<String> problems(List<Path> files) {
    List<String> out = new ArrayList<>();
    for (Path f : files) {
      for (Link l : links(f)) {
        String why = problem(l);
        if (why != null) {
          out.add(root.relativize(l.file()) + ":" + l.line() + ": (" + l.target() + "): " + why);
        }
      }
    }
    return out;
  }

  /** The links of one Markdown file, in order. */
  static List<Link> links(Path file) {
    List<Link> out = new ArrayList<>();
    List<String> lines = outsideCodeBlocks(read(file));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher ref = REFERENCE.matcher(line);
      if (ref.find()) {
        out.add(new Link(file, i + 1, unbracket(ref.group(2))));
        continue;
      }
      String text = withoutCodeSpans(line);
      for (int at = text.indexOf("]("); at >= 0; at = text.indexOf("](", at + 2)) {
        String target = inlineTarget(text, at + 2);
        if (target != null) {
          out.add(new Link(file, i + 1, target));
        }
      }
    }
    return out;
  }

  /** Why a link is broken, or null when it resolves. */
  String problem(Link l) {
    String target = l.target();
    if (target.isEmpty()) {
      return "empty link target";
    }
    if (IGNORED_SCHEME.matcher(target).find()) {
      return null;
    }
    int hash = target.indexOf('#');
    String pathPart = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    String decoded = URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (decoded.startsWith("/") || decoded.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return "not a path relative to this file (only http(s) and mailto links may leave the"
          + " repository)";
    }
    Path resolved =
        decoded.isEmpty() ? l.file() : l.file().getParent().resolve(decoded).normalize();
    if (!resolved.startsWith(root)) {
      return "points outside the repository (" + resolved + ")";
    }
    if (!Files.exists(resolved)) {
      return "no such file: " + root.relativize(resolved);
    }
    try {
      if (!resolved.toRealPath().startsWith(root.toRealPath())) {
        return "points outside the repository through a link (" + resolved.toRealPath() + ")";
      }
    } catch (IOException e) {
      return "cannot resolve: " + e.getMessage();
    }
    if (anchor != null && resolved.getFileName().toString().endsWith(".md")) {
      String wanted = URLDecoder.decode(anchor.replace("+", "%2B"), StandardCharsets.UTF_8);
      if (!anchorsOf(resolved).contains(wanted)) {
        return "no heading #" + wanted + " in " + root.relativize(resolved);
      }
    }
    return null;
  }

  private Set<String> anchorsOf(Path md) {
    return anchors.computeIfAbsent(md, MarkdownLinks::headingAnchors);
  }

  /** The anchors GitHub gives a Markdown file: one per heading, and explicit HTML ids. */
  static Set<String> headingAnchors(Path md) {
    Set<String> out = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : outsideCodeBlocks(read(md))) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        String slug = slug(h.group(2));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        out.add(n == 0 ? slug : slug + "-" + n);
      }
      Matcher id = HTML_ID.matcher(line);
      while (id.find()) {
        out.add(id.group(1));
      }
    }
    return out;
  }

  /**
   * GitHub's anchor for a heading: the rendered text (links as their text, code without its
   * backticks, no HTML tags), lowercased, with every character that is not a letter, a digit, a
   * space, a hyphen or an underscore removed, and spaces turned into hyphens.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    text = text.replaceAll("<[^>]+>", "").replace("`", "");
    text = text.replaceAll("(^|\\s)[*_]+|[*_]+(\\s|$)", "$1$2");
    text = text.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                out.append('-');
              } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /**
   * The lines with every line of a fenced code block (its fences too) blanked, so that line numbers
   * stay as they are and nothing in a code block is read as a link or a heading.
   */
  static List<String> outsideCodeBlocks(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    String fence = null;
    for (String line : lines) {
      Matcher f = FENCE.matcher(line);
      if (f.find()) {
        String marker = f.group(1);
        if (fence == null) {
          fence = marker;
        } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
          fence = null;
        }
        out.add("");
        continue;
      }
      out.add(fence == null ? line : "");
    }
    return out;
  }

  /** The line with every code span replaced by spaces (links inside code are not links). */
  static String withoutCodeSpans(String line) {
    StringBuilder out = new StringBuilder(line);
    int i = 0;
    while (i < line.length()) {
      if (line.charAt(i) != '`') {
        i++;
        continue;
      }
      int run = i;
      while (run < line.length() && line.charAt(run) == '`') {
        run++;
      }
      String ticks = line.substring(i, run);
      int close = line.indexOf(ticks, run);
      while (close >= 0
          && close + ticks.length() < line.length()
          && line.charAt(close + ticks.length()) == '`') {
        close = line.indexOf(ticks, close + ticks.length() + 1);
      }
      if (close < 0) {
        i = run;
        continue;
      }
      for (int k = i; k < close + ticks.length(); k++) {
        out.setCharAt(k, ' ');
      }
      i = close + ticks.length();
    }
    return out.toString();
  }

  /**
   * The target of an inline link whose {@code (} is just before {@code start}: {@code <...>}, or
   * the text up to the first space or the {@code )} that closes the link (nested parentheses kept).
   */
  static String inlineTarget(String text, int start) {
    int i = start;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '<') {
      int close = text.indexOf('>', i);
      return close < 0 ? null : text.substring(i + 1, close);
    }
    int depth = 0;
    int j = i;
    for (; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '\\' && j + 1 < text.length()) {
        j++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (Character.isWhitespace(c)) {
        break;
      }
    }
    return j >= text.length() ? null : text.substring(i, j);
  }

  private static String unbracket(String target) {
    return target.startsWith("<") && target.endsWith(">")
        ? target.substring(1, target.length() - 1)
        : target;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
