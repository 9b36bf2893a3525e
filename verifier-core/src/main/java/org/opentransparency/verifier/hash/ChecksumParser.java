package org.opentransparency.verifier.hash;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the lines of coreutils checksum files ({@code <hex> <name>}, {@code <hex> *<name>}), BSD
 * tag files ({@code SHA256 (<name>) = <hex>}, also OpenSSL's {@code SHA2-256(<name>)= <hex>}) and
 * single-hash files such as Maven's {@code x.jar.sha512} holding only the hex digest.
 */
final class ChecksumParser {
  // Greedy name: BSD tools do not escape names, so the last ") =" ends the name, as in coreutils.
  private static final Pattern BSD =
      Pattern.compile("([A-Za-z0-9-]+) ?\\((.*)\\) ?= ?([0-9A-Fa-f]+)");
  private static final Pattern COREUTILS =
      Pattern.compile("([0-9A-Fa-f]+) [ *](.+)", Pattern.DOTALL);
  private static final Pattern LONE_HEX = Pattern.compile("[0-9A-Fa-f]+");

  /** Either an entry or why the line is improperly formatted. */
  record Parsed(ChecksumEntry entry, String problem) {}

  private final Optional<DigestAlgorithm> forced;
  private final String hint;
  private final String singleHashName;
  private final String singleHashTarget;
  private final Optional<String> singleHashAlgorithm;
  private final UnaryOperator<String> resolve;

  /**
   * @param forced the algorithm the user named, if any: untagged lines must be of it
   * @param fileName the checksum file's name, which hints at the algorithm of untagged lines
   * @param singleHashName how to name the target of a lone digest (the checksum file's name minus
   *     its extension)
   * @param singleHashTarget where that target is
   * @param resolve turns a name in the file into the path to open
   */
  ChecksumParser(
      Optional<DigestAlgorithm> forced,
      String fileName,
      String singleHashName,
      String singleHashTarget,
      UnaryOperator<String> resolve) {
    this.forced = forced;
    this.hint = fileName.toLowerCase(Locale.ROOT);
    this.singleHashName = singleHashName;
    this.singleHashTarget = singleHashTarget;
    this.singleHashAlgorithm = singleHashExtension(hint);
    this.resolve = resolve;
  }

  /** Null for lines that carry nothing to check: blank lines and {@code #} comments. */
  Parsed parse(int number, String raw) {
    String line = stripLeading(raw);
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    boolean escaped = line.startsWith("\\");
    if (escaped) {
      line = line.substring(1);
    }
    Matcher m = BSD.matcher(line);
    if (m.matches()) {
      Optional<DigestAlgorithm> alg =
          DigestAlgorithm.fromTag(m.group(1)).filter(DigestAlgorithm::isStrong);
      if (alg.isEmpty()) {
        return problem(weakOrUnknown(m.group(1)));
      }
      return entry(number, alg.get(), m.group(3), m.group(2), escaped, false);
    }
    m = COREUTILS.matcher(line);
    if (m.matches()) {
      String hex = m.group(1);
      Optional<DigestAlgorithm> alg = untagged(hex.length());
      if (alg.isEmpty()) {
        return problem(noAlgorithmFor(hex.length()));
      }
      return entry(number, alg.get(), hex, m.group(2), escaped, false);
    }
    if (!escaped && singleHashAlgorithm.isPresent() && LONE_HEX.matcher(line.strip()).matches()) {
      String hex = line.strip();
      Optional<DigestAlgorithm> alg =
          DigestAlgorithm.fromId(singleHashAlgorithm.get()).filter(DigestAlgorithm::isStrong);
      if (alg.isEmpty()) {
        return problem(weakOrUnknown(singleHashAlgorithm.get()));
      }
      return entry(number, alg.get(), hex, singleHashName, false, true);
    }
    return problem("improperly formatted checksum line");
  }

  private Parsed entry(
      int number, DigestAlgorithm alg, String hex, String name, boolean escaped, boolean sibling) {
    if (forced.isPresent() && forced.get() != alg) {
      return problem("not a " + forced.get().id() + " line");
    }
    Optional<Digest> expected = Digest.parseHex(alg, hex);
    if (expected.isEmpty()) {
      return problem(
          String.format(
              Locale.ROOT, "%s digest must be %d hex digits", alg.id(), alg.length() * 2));
    }
    String unescaped = escaped ? ChecksumLines.unescape(name) : name;
    if (unescaped == null) {
      return problem("invalid backslash escape in file name");
    }
    String target = sibling ? singleHashTarget : resolve.apply(unescaped);
    return new Parsed(new ChecksumEntry(number, unescaped, target, expected.get()), null);
  }

  private Optional<DigestAlgorithm> untagged(int hexDigits) {
    if (forced.isPresent()) {
      return forced.get().length() * 2 == hexDigits ? forced : Optional.empty();
    }
    switch (hexDigits) {
      case 64:
        if (hint.contains("sha3")) {
          return Optional.of(DigestAlgorithm.SHA3_256);
        }
        if (hint.contains("b3") || hint.contains("blake3")) {
          return Optional.of(DigestAlgorithm.BLAKE3);
        }
        return singleHashAlgorithm
            .flatMap(DigestAlgorithm::fromId)
            .filter(DigestAlgorithm::isStrong)
            .or(() -> Optional.of(DigestAlgorithm.SHA256));
      case 96:
        return Optional.of(DigestAlgorithm.SHA384);
      case 128:
        if (hint.contains("sha3")) {
          return Optional.of(DigestAlgorithm.SHA3_512);
        }
        if (hint.contains("b2") || hint.contains("blake2")) {
          return Optional.of(DigestAlgorithm.BLAKE2B_512);
        }
        return Optional.of(DigestAlgorithm.SHA512);
      default:
        return Optional.empty();
    }
  }

  private String noAlgorithmFor(int hexDigits) {
    if (forced.isPresent()) {
      return "not a " + forced.get().id() + " line";
    }
    if (hexDigits == 32 || hexDigits == 40) {
      return (hexDigits == 32 ? "md5" : "sha1") + "-length digest: too weak to prove integrity";
    }
    return "improperly formatted checksum line";
  }

  private static String weakOrUnknown(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("-", "");
    if (n.equals("md5") || n.equals("sha1") || n.equals("sha")) {
      return name + " is too weak to prove integrity";
    }
    return "unknown digest algorithm " + name;
  }

  private static Parsed problem(String why) {
    return new Parsed(null, why);
  }

  /** The algorithm id a single-hash file's extension names ({@code .sha512}), if it has one. */
  static Optional<String> singleHashExtension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    switch (ext) {
      case "sha256":
      case "sha384":
      case "sha512":
      case "sha3-256":
      case "sha3-512":
      case "blake3":
      case "md5":
      case "sha1":
        return Optional.of(ext);
      case "b3":
        return Optional.of("blake3");
      default:
        return Optional.empty();
    }
  }

  private static String stripLeading(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return s.substring(i);
  }
}
