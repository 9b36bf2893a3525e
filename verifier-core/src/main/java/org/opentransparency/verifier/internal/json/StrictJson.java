package org.opentransparency.verifier.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Map;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.LimitExceededException;
import org.opentransparency.verifier.Limits;

/**
 * The one JSON reader and writer of the project. Reading refuses duplicate member names anywhere
 * (the attack where two parsers read two different documents from the same bytes), trailing
 * content, and documents past the size, depth, string and number limits; small typed accessors
 * refuse wrong types instead of coercing them. Writing goes through Jackson's streaming generator:
 * no {@code ObjectMapper} is ever built. Its ~360 classes were loaded by every command that wrote a
 * document or a JSON report ({@code sign}, {@code keygen}, {@code manifest create}, {@code --format
 * json}), its first use cost ~40 ms of start-up, and a JDK 25 cache trained on those commands
 * loaded them at the start of every {@code verify} too.
 */
public final class StrictJson {
  /** Deeper than any document we read needs; far below what could exhaust the stack. */
  static final int MAX_DEPTH = 64;

  /**
   * The parser and generator factory: duplicate member names refused, depth and number length
   * bounded. Documents are read into trees with it directly, not through an {@code ObjectMapper}.
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

  /** An empty object to build a document in. */
  public static ObjectNode newObject() {
    return NODES.objectNode();
  }

  /**
   * A UTF-8 generator writing to {@code out}; closing it leaves {@code out} open, and a document
   * left unfinished (an exception while writing it) unfinished: Jackson would otherwise close its
   * open objects and arrays, and a report cut short would read as a complete one.
   */
  public static JsonGenerator generator(OutputStream out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
    return g;
  }

  /**
   * {@code value} as indented JSON (two spaces, {@code "name" : value}), with no newline at the
   * end: the form of the documents we sign.
   */
  public static byte[] pretty(JsonNode value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = generator(out)) {
      g.useDefaultPrettyPrinter();
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes {@code value}: a tree node, a {@link Map} with string keys (in its iteration order), an
   * {@link Iterable}, a string, a boolean, an {@link Integer}, {@link Long}, {@link BigInteger} or
   * {@link Double}, or null.
   *
   * @throws IllegalArgumentException for anything else, rather than guess at its form
   */
  public static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof JsonNode) {
      writeNode(g, (JsonNode) value);
    } else if (value instanceof String) {
      g.writeString((String) value);
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else if (value instanceof Integer || value instanceof Long) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof BigInteger) {
      g.writeNumber((BigInteger) value);
    } else if (value instanceof Double) {
      g.writeNumber((Double) value);
    } else if (value instanceof Map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new IllegalArgumentException("JSON member name not a string: " + e.getKey());
        }
        g.writeFieldName((String) e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Iterable) {
      g.writeStartArray();
      for (Object o : (Iterable<?>) value) {
        write(g, o);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void writeNode(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT:
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          g.writeFieldName(e.getKey());
          writeNode(g, e.getValue());
        }
        g.writeEndObject();
        break;
      case ARRAY:
        g.writeStartArray();
        for (JsonNode e : node) {
          writeNode(g, e);
        }
        g.writeEndArray();
        break;
      case STRING:
        g.writeString(node.textValue());
        break;
      case BOOLEAN:
        g.writeBoolean(node.booleanValue());
        break;
      case NULL:
        g.writeNull();
        break;
      case NUMBER:
        if (node.isIntegralNumber()) {
          g.writeNumber(node.bigIntegerValue());
        } else if (node.isDouble()) {
          g.writeNumber(node.doubleValue());
        } else {
          throw new IllegalArgumentException("no JSON form for number node " + node.numberType());
        }
        break;
      default:
        throw new IllegalArgumentException("no JSON form for " + node.getNodeType() + " node");
    }
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
