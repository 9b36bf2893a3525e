package org.opentransparency.verifier.tuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.tuf.Metadata.DelegatedRole;
import org.opentransparency.verifier.tuf.Metadata.Delegations;
import org.opentransparency.verifier.tuf.Metadata.RoleKeys;

/**
 * Which delegated roles a target path is delegated to (TUF specification 4.5): {@code paths}
 * patterns match segment by segment ({@code *} and {@code ?} never cross a {@code /}, and pattern
 * and path have as many segments), {@code path_hash_prefixes} match the start of the hex SHA-256 of
 * the path, and succinct hash bins pick the one bin the path's hash falls in.
 */
final class PathPatterns {
  private PathPatterns() {}

  /** A role the search should visit next, with who delegated it and how. */
  record Child(String name, RoleKeys keys, boolean terminating) {}

  /** The roles of {@code delegations} the path is delegated to, in the delegator's order. */
  static List<Child> rolesFor(Delegations delegations, String targetPath) {
    List<Child> out = new ArrayList<>();
    byte[] pathHash = sha256(targetPath); // once for every role that matches by hash
    if (delegations.succinct() != null) {
      String bin = delegations.succinct().roleFor(pathHash);
      out.add(new Child(bin, delegations.succinct().keys(), /* terminating= */ true));
      return out;
    }
    for (DelegatedRole r : delegations.roles()) {
      if (isDelegated(r, targetPath, pathHash)) {
        out.add(new Child(r.name(), r.keys(), r.terminating()));
      }
    }
    return out;
  }

  private static boolean isDelegated(DelegatedRole role, String targetPath, byte[] pathHash) {
    if (role.paths() != null) {
      for (String p : role.paths()) {
        if (matches(p, targetPath)) {
          return true;
        }
      }
      return false;
    }
    String hex = java.util.HexFormat.of().formatHex(pathHash);
    for (String prefix : role.hashPrefixes()) {
      if (hex.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Shell-style matching per {@code /}-separated segment, as Python's fnmatch per segment. */
  static boolean matches(String pattern, String path) {
    String[] ps = pattern.split("/", -1);
    String[] ts = path.split("/", -1);
    if (ps.length != ts.length) {
      return false;
    }
    for (int i = 0; i < ps.length; i++) {
      try {
        if (!Pattern.compile(translate(ps[i]), Pattern.DOTALL).matcher(ts[i]).matches()) {
          return false;
        }
      } catch (java.util.regex.PatternSyntaxException e) {
        return false; // a pattern we cannot read delegates nothing
      }
    }
    return true;
  }

  /**
   * fnmatch's translation: {@code *}, {@code ?}, {@code [seq]}, {@code [!seq]}; the rest literal.
   */
  static String translate(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i++);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && glob.charAt(j) == '!') {
          j++;
        }
        if (j < n && glob.charAt(j) == ']') {
          j++;
        }
        while (j < n && glob.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          re.append("\\[");
        } else {
          String set = glob.substring(i, j);
          i = j + 1;
          boolean negate = set.startsWith("!");
          if (negate) {
            set = set.substring(1);
          }
          StringBuilder cls = new StringBuilder("[");
          if (negate) {
            cls.append('^');
          }
          for (int k = 0; k < set.length(); k++) {
            char s = set.charAt(k);
            if (s == '-' && k > 0 && k < set.length() - 1) {
              cls.append('-');
            } else if (Character.isLetterOrDigit(s)) {
              cls.append(s);
            } else {
              // A backslash before a character that is not a letter or digit makes it literal.
              cls.append('\\').append(s);
            }
          }
          cls.append(']');
          re.append(cls);
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  static byte[] sha256(String s) {
    return MultiDigester.digest(s.getBytes(StandardCharsets.UTF_8), List.of(DigestAlgorithm.SHA256))
        .get(DigestAlgorithm.SHA256)
        .bytes();
  }
}
