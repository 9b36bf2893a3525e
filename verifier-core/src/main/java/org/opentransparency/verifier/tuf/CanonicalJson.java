package org.opentransparency.verifier.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.internal.PathOrder;

/**
 * The canonical JSON that TUF signs (OLPC canonical JSON, as securesystemslib writes it): no
 * whitespace, object members sorted by the code points of their names, strings with only {@code "}
 * and {@code \} escaped and every other character written as itself in UTF-8, integers only (no
 * fractions, no exponents). A value canonical JSON cannot hold (a non-integer number) makes the
 * document unsignable, so it cannot verify.
 */
final class CanonicalJson {
  private CanonicalJson() {}

  /**
   * The canonical bytes of {@code value}.
   *
   * @throws InvalidInputException if the value holds a number that is not an integer
   */
  static byte[] encode(JsonNode value) throws InvalidInputException {
    StringBuilder out = new StringBuilder(1024);
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode v, StringBuilder out) throws InvalidInputException {
    switch (v.getNodeType()) {
      case OBJECT:
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(v.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
          members.add(it.next());
        }
        // By code point, as Python's sorted() orders str (String.compareTo differs above U+FFFF).
        members.sort((a, b) -> PathOrder.compare(a.getKey(), b.getKey()));
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(members.get(i).getKey(), out);
          out.append(':');
          write(members.get(i).getValue(), out);
        }
        out.append('}');
        return;
      case ARRAY:
        out.append('[');
        for (int i = 0; i < v.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(v.get(i), out);
        }
        out.append(']');
        return;
      case STRING:
        string(v.textValue(), out);
        return;
      case NUMBER:
        if (!v.isIntegralNumber()) {
          throw new InvalidInputException(
              "canonical JSON holds integers only, not " + v.numberValue());
        }
        out.append(v.bigIntegerValue().toString());
        return;
      case BOOLEAN:
        out.append(v.booleanValue() ? "true" : "false");
        return;
      case NULL:
        out.append("null");
        return;
      default:
        throw new InvalidInputException("canonical JSON cannot hold " + v.getNodeType());
    }
  }

  private static void string(String s, StringBuilder out) throws InvalidInputException {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1)))
          && !(Character.isLowSurrogate(c)
              && i > 0
              && Character.isHighSurrogate(s.charAt(i - 1)))) {
        // UTF-8 cannot encode it: two documents would share one canonical form.
        throw new InvalidInputException("canonical JSON cannot hold a lone surrogate (\\u escape)");
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }
}
