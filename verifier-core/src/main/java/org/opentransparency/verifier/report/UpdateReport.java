package org.opentransparency.verifier.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import org.opentransparency.verifier.internal.json.StrictJson;
import org.opentransparency.verifier.signature.UpdateVerification;

/** The text and JSON reports of {@code verifier verify} (SPEC 3.7). */
public final class UpdateReport {
  private UpdateReport() {}

  /**
   * {@code OK <file>: role <role>, signed by <keyId...>} or {@code FAILED <file>: CODE: why},
   * followed by one indented line per detail ({@code trusted comment: ...}).
   */
  public static String text(UpdateVerification v) {
    StringBuilder sb = new StringBuilder();
    if (v.isValid()) {
      sb.append("OK ")
          .append(v.file())
          .append(": role ")
          .append(v.role())
          .append(", signed by ")
          .append(String.join(" ", v.signers()));
    } else {
      sb.append("FAILED ").append(v.file()).append(": ").append(v.reasons().get(0));
    }
    v.details().forEach((k, val) -> sb.append("\n  ").append(k).append(": ").append(val));
    return sb.toString();
  }

  /** The JSON object of SPEC 3.7, with every member present (null when unknown). */
  public static void json(UpdateVerification v, OutputStream out) throws IOException {
    try (JsonGenerator g = StrictJson.generator(out)) {
      object(v, g);
    }
    out.write('\n');
  }

  /** Writes the object of {@link #json} into a generator (the audit report embeds it). */
  static void object(UpdateVerification v, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("verdict", v.verdict().id());
    g.writeStringField("file", v.file());
    g.writeStringField("sha256", v.sha256());
    g.writeStringField("role", v.role());
    g.writeStringField("format", v.format());
    g.writeArrayFieldStart("signers");
    for (String s : v.signers()) {
      g.writeString(s);
    }
    g.writeEndArray();
    g.writeNumberField("threshold", v.threshold());
    if (v.version() == null) {
      g.writeNullField("version");
    } else {
      g.writeNumberField("version", v.version());
    }
    g.writeStringField("expiresAt", v.expiresAt() == null ? null : v.expiresAt().toString());
    if (v.manifestPublisher() == null) {
      g.writeNullField("manifest");
    } else {
      g.writeObjectFieldStart("manifest");
      g.writeStringField("publisher", v.manifestPublisher());
      g.writeNumberField("version", v.manifestVersion());
      g.writeEndObject();
    }
    g.writeObjectFieldStart("details");
    for (var d : v.details().entrySet()) {
      g.writeStringField(d.getKey(), d.getValue());
    }
    g.writeEndObject();
    ManifestReport.reasons(g, v.reasons());
    g.writeEndObject();
  }
}
