package org.opentransparency.verifier.hash;

/**
 * Writes checksum lines as coreutils and BSD tools do, escaping names that hold a backslash, a
 * newline or a carriage return: such a line starts with {@code \}, and those characters are written
 * {@code \\}, {@code \n} and {@code \r}.
 */
public final class ChecksumLines {
  private ChecksumLines() {}

  /** {@code <hex> <name>}, as sha256sum prints it. */
  public static String coreutils(Digest digest, String name) {
    String escaped = escape(name);
    return (escaped == name ? "" : "\\") + digest.hex() + "  " + escaped;
  }

  /** {@code <TAG> (<name>) = <hex>}, as {@code sha256sum --tag} prints it. */
  public static String bsd(Digest digest, String name) {
    String escaped = escape(name);
    return (escaped == name ? "" : "\\")
        + digest.algorithm().bsdTag()
        + " ("
        + escaped
        + ") = "
        + digest.hex();
  }

  /** The name as a checksum line shows it, with a leading backslash when escaping was needed. */
  public static String display(String name) {
    String escaped = escape(name);
    return escaped == name ? name : "\\" + escaped;
  }

  /** Returns {@code name} itself when nothing needs escaping. */
  static String escape(String name) {
    if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Undoes {@link #escape}; null when the text holds an escape coreutils does not write. */
  static String unescape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i == text.length()) {
        return null;
      }
      switch (text.charAt(i)) {
        case '\\':
          sb.append('\\');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        default:
          return null;
      }
    }
    return sb.toString();
  }
}
