package org.opentransparency.verifier.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.internal.AtomicFiles;
import org.opentransparency.verifier.internal.BoundedRead;
import org.opentransparency.verifier.internal.json.StrictJson;

/**
 * The highest update version accepted per (role, file name), with the SHA-256 of the file accepted
 * at that version, in {@code updates.json} of a state directory. Callers hold the directory's lock
 * from reading to writing.
 */
final class UpdateRecords {
  static final String FILE = "updates.json";

  record Entry(long version, String sha256) {}

  private final Path file;
  private final Map<String, Entry> entries;

  private UpdateRecords(Path file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  private static String key(String role, String name) {
    return role + "\u0000" + name;
  }

  static UpdateRecords load(Path dir, Limits limits) throws IOException {
    Path file = dir.resolve(FILE);
    byte[] bytes;
    try {
      bytes = BoundedRead.file(file, limits.maxJsonBytes(), "maxJsonBytes", "--max-json-bytes");
    } catch (NoSuchFileException e) {
      return new UpdateRecords(file, new TreeMap<>());
    }
    Map<String, Entry> entries = new TreeMap<>();
    try {
      ObjectNode root = StrictJson.parseObject(bytes, "state " + FILE, limits);
      for (JsonNode u : StrictJson.array(root, "updates", FILE)) {
        String role = StrictJson.string(u, "role", FILE);
        String name = StrictJson.string(u, "name", FILE);
        long version = StrictJson.integer(u, "version", 1, FILE);
        String sha256 = StrictJson.string(u, "sha256", FILE);
        if (entries.put(key(role, name), new Entry(version, sha256)) != null) {
          throw new InvalidInputException(FILE + ": " + role + " " + name + " listed twice");
        }
      }
    } catch (InvalidInputException e) {
      // A damaged state must stop us, never reset the versions we protect.
      throw new IOException(
          "state " + dir + ": " + FILE + " is damaged (" + e.getMessage() + ")", e);
    }
    return new UpdateRecords(file, entries);
  }

  Entry get(String role, String name) {
    return entries.get(key(role, name));
  }

  void put(String role, String name, long version, String sha256) throws IOException {
    entries.put(key(role, name), new Entry(version, sha256));
    ObjectNode root = StrictJson.newObject();
    ArrayNode list = root.putArray("updates");
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      int nul = e.getKey().indexOf('\u0000');
      ObjectNode o = list.addObject();
      o.put("role", e.getKey().substring(0, nul));
      o.put("name", e.getKey().substring(nul + 1));
      o.put("version", e.getValue().version());
      o.put("sha256", e.getValue().sha256());
    }
    AtomicFiles.write(file, StrictJson.pretty(root));
  }
}
