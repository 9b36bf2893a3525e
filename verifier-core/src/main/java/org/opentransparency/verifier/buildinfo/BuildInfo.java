package org.opentransparency.verifier.buildinfo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentransparency.verifier.InvalidInputException;

/**
 * A Maven {@code .buildinfo} file as reproducible-central publishes it: build properties and the
 * outputs ({@code outputs.N.filename}, {@code .length}, {@code .checksums.ALG}, also in the {@code
 * outputs.N.M.*} form of multi-module builds). A key given twice is refused: two readers could
 * otherwise check two different digests.
 */
public final class BuildInfo {
  private static final Pattern OUTPUT =
      Pattern.compile(
          "outputs\\.([0-9]+(?:\\.[0-9]+)?)\\.(filename|length|checksums\\.([A-Za-z0-9-]+))");

  /** One artifact the build produced. */
  public record Output(String filename, long length, Map<String, String> checksums) {
    public Output {
      requireNonNull(filename, "filename");
      checksums = Collections.unmodifiableMap(new TreeMap<>(checksums));
    }
  }

  private final Map<String, String> properties;
  private final List<Output> outputs;

  private BuildInfo(Map<String, String> properties, List<Output> outputs) {
    this.properties = Collections.unmodifiableMap(properties);
    this.outputs = List.copyOf(outputs);
  }

  /**
   * Parses a {@code .buildinfo}.
   *
   * @throws InvalidInputException if a key repeats, an output lacks its filename, length or any
   *     checksum, or a length is not a number
   */
  public static BuildInfo parse(byte[] content) throws InvalidInputException {
    Map<String, String> props = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    Properties p =
        new Properties() {
          private static final long serialVersionUID = 1L;

          @Override
          public synchronized Object put(Object key, Object value) {
            if (props.put((String) key, (String) value) != null) {
              duplicates.add((String) key);
            }
            return super.put(key, value);
          }
        };
    try {
      p.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException("buildinfo: not a properties file: " + e.getMessage(), e);
    }
    if (!duplicates.isEmpty()) {
      throw new InvalidInputException("buildinfo: key given twice: " + duplicates.get(0));
    }
    Map<String, Map<String, String>> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      Matcher m = OUTPUT.matcher(e.getKey());
      if (m.matches()) {
        byIndex
            .computeIfAbsent(m.group(1), k -> new LinkedHashMap<>())
            .put(m.group(2), e.getValue().strip());
      }
    }
    List<Output> outputs = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> o : byIndex.entrySet()) {
      Map<String, String> f = o.getValue();
      String name = f.get("filename");
      String length = f.get("length");
      Map<String, String> sums = new LinkedHashMap<>();
      f.forEach(
          (k, v) -> {
            if (k.startsWith("checksums.")) {
              sums.put(k.substring("checksums.".length()).toLowerCase(java.util.Locale.ROOT), v);
            }
          });
      if (name == null || length == null || sums.isEmpty()) {
        throw new InvalidInputException(
            "buildinfo: outputs." + o.getKey() + " needs a filename, a length and a checksum");
      }
      try {
        outputs.add(new Output(name, Long.parseLong(length), sums));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "buildinfo: outputs." + o.getKey() + ".length is not a number");
      }
    }
    if (outputs.isEmpty()) {
      throw new InvalidInputException("buildinfo: no outputs listed");
    }
    return new BuildInfo(props, outputs);
  }

  public Map<String, String> properties() {
    return properties;
  }

  public List<Output> outputs() {
    return outputs;
  }
}
