package org.opentransparency.verifier.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.opentransparency.verifier.Reason;
import org.opentransparency.verifier.dsse.Envelope;
import org.opentransparency.verifier.internal.json.StrictJson;
import org.opentransparency.verifier.manifest.KeyManifest;
import org.opentransparency.verifier.manifest.ManifestKey;
import org.opentransparency.verifier.manifest.ManifestVerification;
import org.opentransparency.verifier.manifest.Role;

/** The text and JSON reports of {@code manifest verify}, {@code update} and {@code show}. */
public final class ManifestReport {
  private ManifestReport() {}

  /** {@code OK manifest v3 (Example Security Ltd)} or {@code FAILED manifest: CODE: why}. */
  public static String text(ManifestVerification v) {
    if (v.isValid()) {
      return "OK manifest v" + v.manifest().version() + " (" + v.manifest().publisher() + ")";
    }
    return "FAILED manifest: " + v.reasons().get(0);
  }

  /** {@code {"verdict","version","publisher","reasons":[{"code","message"}]}}. */
  public static void json(ManifestVerification v, OutputStream out) throws IOException {
    try (JsonGenerator g = StrictJson.generator(out)) {
      g.writeStartObject();
      g.writeStringField("verdict", v.verdict().id());
      if (v.manifest() != null) {
        g.writeNumberField("version", v.manifest().version());
        g.writeStringField("publisher", v.manifest().publisher());
      } else {
        g.writeNullField("version");
        g.writeNullField("publisher");
      }
      g.writeArrayFieldStart("signers");
      for (String s : v.signers()) {
        g.writeString(s);
      }
      g.writeEndArray();
      reasons(g, v.reasons());
      g.writeEndObject();
    }
    out.write('\n');
  }

  static void reasons(JsonGenerator g, Iterable<Reason> reasons) throws IOException {
    g.writeArrayFieldStart("reasons");
    for (Reason r : reasons) {
      g.writeStartObject();
      g.writeStringField("code", r.code().id());
      g.writeStringField("message", r.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** A person's summary of a manifest, without checking it. */
  public static String show(KeyManifest m) {
    StringBuilder sb = new StringBuilder();
    sb.append("manifest v").append(m.version()).append(" (").append(m.publisher()).append(")\n");
    sb.append("  issued  ").append(m.issuedAt()).append('\n');
    sb.append("  expires ").append(m.expiresAt()).append('\n');
    sb.append("roles:\n");
    for (Role r : m.roles().values()) {
      long holders = m.keys().stream().filter(k -> k.hasRole(r.name())).count();
      sb.append("  ")
          .append(r.name())
          .append(": ")
          .append(r.threshold())
          .append(" of ")
          .append(holders)
          .append(" keys\n");
    }
    sb.append("keys:\n");
    for (ManifestKey k : m.keys()) {
      sb.append("  ").append(k.keyId()).append(' ').append(k.key().scheme().id());
      sb.append(' ').append(String.join(",", k.roles().stream().sorted().toList()));
      if (k.notBefore() != null) {
        sb.append(" notBefore=").append(k.notBefore());
      }
      if (k.notAfter() != null) {
        sb.append(" notAfter=").append(k.notAfter());
      }
      if (k.revoked() != null) {
        sb.append(" REVOKED at ")
            .append(k.revoked().at())
            .append(" (")
            .append(k.revoked().reason())
            .append(')');
      }
      if (!k.key().scheme().isSpki()) {
        sb.append(" (").append(k.key().describe()).append(')');
      }
      sb.append('\n');
    }
    sb.append("signatures (unchecked):\n");
    if (m.envelope().signatures().isEmpty()) {
      sb.append("  none\n");
    }
    for (Envelope.Signature s : m.envelope().signatures()) {
      sb.append("  keyid ").append(s.keyId().isEmpty() ? "(none)" : s.keyId()).append('\n');
    }
    return sb.toString();
  }

  /** The manifest payload, re-serialized, with the signatures' key ids; nothing is checked. */
  public static void showJson(KeyManifest m, OutputStream out) throws IOException {
    try (JsonGenerator g = StrictJson.generator(out)) {
      g.writeStartObject();
      g.writeStringField("publisher", m.publisher());
      g.writeNumberField("version", m.version());
      g.writeStringField("issuedAt", m.issuedAt().toString());
      g.writeStringField("expiresAt", m.expiresAt().toString());
      g.writeObjectFieldStart("roles");
      for (Map.Entry<String, Role> r : m.roles().entrySet()) {
        g.writeObjectFieldStart(r.getKey());
        g.writeNumberField("threshold", r.getValue().threshold());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeArrayFieldStart("keys");
      for (ManifestKey k : m.keys()) {
        g.writeStartObject();
        g.writeStringField("keyId", k.keyId());
        g.writeStringField("scheme", k.key().scheme().id());
        g.writeArrayFieldStart("roles");
        for (String r : k.roles().stream().sorted().toList()) {
          g.writeString(r);
        }
        g.writeEndArray();
        if (k.notBefore() != null) {
          g.writeStringField("notBefore", k.notBefore().toString());
        }
        if (k.notAfter() != null) {
          g.writeStringField("notAfter", k.notAfter().toString());
        }
        if (k.revoked() != null) {
          g.writeObjectFieldStart("revoked");
          g.writeStringField("at", k.revoked().at().toString());
          g.writeStringField("reason", k.revoked().reason());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("signatures");
      for (Envelope.Signature s : m.envelope().signatures()) {
        g.writeStartObject();
        g.writeStringField("keyid", s.keyId());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.write('\n');
  }
}
