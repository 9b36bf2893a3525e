package org.opentransparency.verifier.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.Limits;

/**
 * The streaming writer replaced Jackson's ObjectMapper for every document we write, and signed
 * documents must not change form with it: the output is compared with the mapper's, byte for byte.
 */
class StrictJsonWriteTest {
  /**
   * A default mapper: the one the project used was built on StrictJson's factory, whose settings
   * are all for reading, so the two write alike.
   */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void prettyTreeIsTheMappersPrettyForm() throws IOException {
    ObjectNode root = StrictJson.newObject();
    root.put("manifestType", "https://example.test/manifest/v1");
    root.put("version", 3L);
    root.put("big", new BigInteger("123456789012345678901234567890"));
    root.put("ratio", 0.25);
    root.put("ok", true);
    root.putNull("nothing");
    root.put("text", "quote \" backslash \\ tab \t nul \u0000 é \uD83D\uDE00 </script>");
    root.putObject("empty");
    root.putArray("none");
    ObjectNode roles = root.putObject("roles");
    roles.putObject("root").put("threshold", 2);
    roles.putObject("software").put("threshold", 1);
    var keys = root.putArray("keys");
    keys.addObject().put("keyId", "ab").putArray("roles").add("root").add("software");
    keys.add(7).add(-1.5e300).add("s").addNull();

    byte[] ours = StrictJson.pretty(root);
    assertArrayEquals(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root), ours);
    // Read back by the strict reader (integers come back as big integers), written the same again.
    assertArrayEquals(
        ours, StrictJson.pretty(StrictJson.parseObject(ours, "test", Limits.defaults())));
  }

  @Test
  void valuesAreTheMappersCompactForm() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "verify");
    m.put("count", 3);
    m.put("length", 1L << 40);
    m.put("cached", false);
    m.put("missing", null);
    m.put("trusted", new TreeMap<>(Map.of("root", 2L, "targets", 5L)));
    m.put("reasons", List.of(Map.of("code", "SIG_INVALID"), List.of()));
    m.put("tree", StrictJson.newObject().put("a", "b"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = StrictJson.generator(out)) {
      StrictJson.write(g, m);
    }
    assertEquals(
        MAPPER.writeValueAsString(m), new String(out.toByteArray(), StandardCharsets.UTF_8));
  }

  @Test
  void refusesWhatItHasNoFormFor() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = StrictJson.generator(out)) {
      assertThrows(IllegalArgumentException.class, () -> StrictJson.write(g, Instant.EPOCH));
      assertThrows(IllegalArgumentException.class, () -> StrictJson.write(g, Map.of(1, "x")));
    }
  }

  @Test
  void anUnfinishedDocumentStaysUnfinished() throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", "valid");
    m.put("trusted", Map.of("root", Instant.EPOCH));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = StrictJson.generator(out)) {
      assertThrows(IllegalArgumentException.class, () -> StrictJson.write(g, m));
    }
    // Not closed into {"verdict":"valid","trusted":{"root"}}, which would parse as a whole report.
    assertEquals(
        "{\"verdict\":\"valid\",\"trusted\":{\"root\"", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void closingTheGeneratorLeavesTheStreamOpen() throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    try (JsonGenerator g = StrictJson.generator(out)) {
      StrictJson.write(g, "x");
    }
    assertEquals(false, closed[0]);
    assertEquals("\"x\"", out.toString(StandardCharsets.UTF_8));
  }
}
