package org.opentransparency.verifier.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.opentransparency.verifier.internal.json.StrictJson;

/** Writes a small flat report (strings, numbers, lists) as one JSON object and a newline. */
public final class SimpleJson {
  private SimpleJson() {}

  /** Writes {@code fields} in their iteration order. */
  public static void write(Map<String, ?> fields, OutputStream out) throws IOException {
    try (JsonGenerator g = StrictJson.generator(out)) {
      StrictJson.write(g, fields);
    }
    out.write('\n');
  }
}
