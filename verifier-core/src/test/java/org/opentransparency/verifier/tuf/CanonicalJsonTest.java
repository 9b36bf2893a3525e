package org.opentransparency.verifier.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.internal.json.StrictJson;

/** Canonical JSON as securesystemslib's encode_canonical writes it. */
class CanonicalJsonTest {
  private static String canonical(String json) throws IOException {
    return new String(
        CanonicalJson.encode(
            StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8), "t", Limits.defaults())),
        StandardCharsets.UTF_8);
  }

  @Test
  void members_areSortedWithoutWhitespace() throws IOException {
    assertEquals(
        "{\"a\":[1,true,null,false],\"b\":{\"c\":\"d\"}}",
        canonical("{ \"b\": {\"c\": \"d\"}, \"a\": [1, true, null, false] }"));
  }

  @Test
  void strings_escapeOnlyQuoteAndBackslash() throws IOException {
    assertEquals(
        "{\"k\":\"a\\\"b\\\\c\nd\té/\"}", canonical("{\"k\": \"a\\\"b\\\\c\\nd\\t\\u00e9\\/\"}"));
  }

  @Test
  void names_sortByCodePointNotUtf16() throws IOException {
    // U+1F600 (a surrogate pair in UTF-16) sorts after U+FF5E by code point, before it in UTF-16.
    assertEquals(
        "{\"\uff5e\":1,\"\ud83d\ude00\":2}", canonical("{\"\ud83d\ude00\": 2, \"\uff5e\": 1}"));
  }

  @Test
  void bigIntegers_areWrittenWhole() throws IOException {
    assertEquals("{\"v\":123456789012345678901234}", canonical("{\"v\":123456789012345678901234}"));
  }

  @Test
  void fractions_cannotBeCanonical() {
    assertThrows(InvalidInputException.class, () -> canonical("{\"v\": 1.5}"));
  }

  @Test
  void loneSurrogates_cannotBeCanonical() {
    assertThrows(InvalidInputException.class, () -> canonical("{\"v\": \"\\ud800\"}"));
  }
}
