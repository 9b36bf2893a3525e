package org.opentransparency.verifier.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;

/**
 * The one JSON reader of the project: refuses duplicate member names anywhere (the attack where two
 * parsers read two different documents from the same bytes), trailing content, and documents past
 * the size, depth, string and number limits. Also small typed accessors that refuse wrong types
 * instead of coercing them.
 */
public final class StrictJson {
  /** Deeper than any document we read needs; far below what could exhaust the stack. */
  static final int MAX_DEPTH = 64;

  /**
   * The parser factory: duplicate member names refused, depth and number length bounded. Documents
   * are read into trees with it directly, not through an {@link ObjectMapper}, whose first use
   * costs ~40 ms of start-up (its default date format's locale data) that a small {@code verify}
   * would pay to read two documents.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(64)
                  .build())
          .build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StrictJson() {}

  /** Made on first use: only commands that write JSON need it. */
  private static final class Writer {
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();
  }

  /**
   * Parses a JSON object of at most {@code limits.maxJsonBytes()} bytes.
   *
   * @throws LimitExceededException if the document is larger than the limit
   * @throws InvalidInputException if it is not strict JSON or not an object
   */
  public static ObjectNode parseObject(byte[] json, String what, Limits limits) throws IOException {
    // The document size bounds every string in it.
    Limits.checkBytes(what, json.length, limits.maxJsonBytes(), "maxJsonBytes", "--max-json-bytes");
    requireUtf8(json, what);
    JsonNode node;
    try (JsonParser p = FACTORY.createParser(json)) {
      node = p.nextToken() == null ? null : tree(p);
      JsonToken after = p.nextToken();
      if (after != null) {
        throw new InvalidInputException(
            what + ": not valid JSON: content after the document (" + after.asString() + ")");
      }
    } catch (StreamConstraintsException e) {
      throw new InvalidInputException(what + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new InvalidInputException(what + ": not valid JSON: " + firstLine(messageOf(e)), e);
    }
    if (node == null || !node.isObject()) {
      throw new InvalidInputException(what + ": not a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * The value at the parser's current token, read to its end. Integers are kept whole (as big
   * integers), never rounded; other numbers are doubles. Recursion is bounded by the parser's
   * nesting limit.
   */
  private static JsonNode tree(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT:
        ObjectNode o = NODES.objectNode();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          o.set(name, tree(p));
        }
        return o;
      case START_ARRAY:
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(tree(p));
        }
        return a;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return NODES.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new InvalidInputException("unexpected JSON token " + p.currentToken());
    }
  }

  /**
   * Refuses what Jackson would otherwise read: a byte order mark, UTF-16 or UTF-32 (which it
   * detects), and malformed UTF-8 such as overlong forms ({@code C0 AF} for '/'), which it decodes
   * leniently. JSON exchanged between systems is UTF-8 without a BOM (RFC 8259 section 8.1); two
   * readers must never see two documents in the same bytes.
   */
  private static void requireUtf8(byte[] json, String what) throws InvalidInputException {
    if (json.length >= 3 && (json[0] & 0xff) == 0xef && (json[1] & 0xff) == 0xbb) {
      throw new InvalidInputException(what + ": not valid JSON: starts with a byte order mark");
    }
    for (int i = 0; i < Math.min(4, json.length); i++) {
      if (json[i] == 0) {
        throw new InvalidInputException(what + ": not valid JSON: not UTF-8 (UTF-16 or UTF-32?)");
      }
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(json);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = decoder.decode(in, out, true);
      if (r.isError()) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "%s: not valid JSON: malformed UTF-8 at byte offset %d",
                what,
                in.position()));
      }
      out.clear();
      if (r.isUnderflow()) {
        break;
      }
    }
  }

  private static String messageOf(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      return ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage();
    }
    return String.valueOf(e.getMessage());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** A mapper for writing documents (never for reading untrusted ones). */
  public static ObjectMapper writer() {
    return Writer.MAPPER;
  }

  /** A required string member. */
  public static String string(JsonNode object, String name, String what)
      throws InvalidInputException {
    JsonNode v = object.get(name);
    if (v == null || !v.isTextual()) {
      throw new InvalidInputException(what + ": \"" + name + "\" must be a string");
    }
    return v.textValue();
  }

  /** An optional string member: null when absent. */
  public static String optionalString(JsonNode object, String name, String what)
      throws InvalidInputException {
    JsonNode v = object.get(name);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(what + ": \"" + name + "\" must be a string");
    }
    return v.textValue();
  }

  /** A required integer member in [min, Long.MAX_VALUE]; 1.0 or "1" is not an integer. */
  public static long integer(JsonNode object, String name, long min, String what)
      throws InvalidInputException {
    JsonNode v = object.get(name);
    if (v == null || !v.isIntegralNumber()) {
      throw new InvalidInputException(what + ": \"" + name + "\" must be an integer");
    }
    BigInteger b = v.bigIntegerValue();
    if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.bitLength() > 63) {
      throw new InvalidInputException(
          String.format(Locale.ROOT, "%s: \"%s\" must be an integer >= %d", what, name, min));
    }
    return b.longValueExact();
  }

  /** A required member holding an ISO-8601 instant such as {@code 2026-11-22T00:00:00Z}. */
  public static Instant instant(JsonNode object, String name, String what)
      throws InvalidInputException {
    return parseInstant(string(object, name, what), name, what);
  }

  /** An optional instant member: null when absent. */
  public static Instant optionalInstant(JsonNode object, String name, String what)
      throws InvalidInputException {
    String s = optionalString(object, name, what);
    return s == null ? null : parseInstant(s, name, what);
  }

  private static Instant parseInstant(String s, String name, String what)
      throws InvalidInputException {
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
      throw new InvalidInputException(
          what + ": \"" + name + "\" must be an ISO-8601 instant, got \"" + shown + "\"");
    }
  }

  /** A required object member. */
  public static ObjectNode object(JsonNode object, String name, String what)
      throws InvalidInputException {
    JsonNode v = object.get(name);
    if (v == null || !v.isObject()) {
      throw new InvalidInputException(what + ": \"" + name + "\" must be an object");
    }
    return (ObjectNode) v;
  }

  /** A required array member. */
  public static List<JsonNode> array(JsonNode object, String name, String what)
      throws InvalidInputException {
    JsonNode v = object.get(name);
    if (v == null || !v.isArray()) {
      throw new InvalidInputException(what + ": \"" + name + "\" must be an array");
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }
}
