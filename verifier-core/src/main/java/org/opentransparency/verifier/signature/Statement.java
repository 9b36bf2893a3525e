package org.opentransparency.verifier.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.internal.json.StrictJson;

/**
 * An in-toto Statement v1 (v0.1 read too) whose predicate is an update (SPEC 3.6), read strictly
 * from the exact bytes a signature covers.
 */
record Statement(
    List<Subject> subjects, String role, long version, Instant issuedAt, Instant expiresAt) {
  static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  static final String TYPE_V1 = "https://in-toto.io/Statement/v1";
  static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
  static final String PREDICATE_TYPE = "urn:opentransparency:update:v1";

  /** One subject: a name and its digests, algorithm id (lowercase) to hex as written. */
  record Subject(String name, Map<String, String> digests) {
    Subject {
      digests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(digests));
    }
  }

  /** Thrown for a statement of a type or predicate we do not read: UNSUPPORTED_FORMAT. */
  static final class UnsupportedStatementException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    UnsupportedStatementException(String message) {
      super(message);
    }
  }

  static Statement parse(byte[] payload, Limits limits) throws IOException {
    String what = "statement";
    ObjectNode root = StrictJson.parseObject(payload, what, limits);
    String type = StrictJson.string(root, "_type", what);
    if (!type.equals(TYPE_V1) && !type.equals(TYPE_V01)) {
      throw new UnsupportedStatementException("statement _type " + type + " is not in-toto v1");
    }
    String predicateType = StrictJson.string(root, "predicateType", what);
    if (!predicateType.equals(PREDICATE_TYPE)) {
      throw new UnsupportedStatementException(
          "predicateType " + predicateType + " is not " + PREDICATE_TYPE);
    }
    List<Subject> subjects = new ArrayList<>();
    for (JsonNode s : StrictJson.array(root, "subject", what)) {
      if (!s.isObject()) {
        throw new InvalidInputException("statement: each subject must be an object");
      }
      String name = StrictJson.string(s, "name", "statement subject");
      ObjectNode d = StrictJson.object(s, "digest", "statement subject " + name);
      Map<String, String> digests = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : d.properties()) {
        if (!e.getValue().isTextual()) {
          throw new InvalidInputException(
              "statement subject " + name + ": digests must be strings");
        }
        digests.put(e.getKey(), e.getValue().textValue());
      }
      subjects.add(new Subject(name, digests));
    }
    if (subjects.isEmpty()) {
      throw new InvalidInputException("statement: no subject");
    }
    ObjectNode p = StrictJson.object(root, "predicate", what);
    String role = StrictJson.string(p, "role", "statement predicate");
    long version = StrictJson.integer(p, "version", 1, "statement predicate");
    Instant issuedAt = StrictJson.optionalInstant(p, "issuedAt", "statement predicate");
    Instant expiresAt = StrictJson.optionalInstant(p, "expiresAt", "statement predicate");
    return new Statement(subjects, role, version, issuedAt, expiresAt);
  }

  /** The statement's JSON, as {@code sign} writes it. */
  byte[] toJson() throws IOException {
    ObjectNode root = StrictJson.newObject();
    root.put("_type", TYPE_V1);
    var subject = root.putArray("subject");
    for (Subject s : subjects) {
      ObjectNode o = subject.addObject();
      o.put("name", s.name());
      ObjectNode d = o.putObject("digest");
      s.digests().forEach(d::put);
    }
    root.put("predicateType", PREDICATE_TYPE);
    ObjectNode p = root.putObject("predicate");
    p.put("role", role);
    p.put("version", version);
    if (issuedAt != null) {
      p.put("issuedAt", issuedAt.toString());
    }
    if (expiresAt != null) {
      p.put("expiresAt", expiresAt.toString());
    }
    return StrictJson.pretty(root);
  }
}
