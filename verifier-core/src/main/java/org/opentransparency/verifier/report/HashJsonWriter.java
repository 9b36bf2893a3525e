package org.opentransparency.verifier.report;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import org.opentransparency.verifier.hash.CheckResult;
import org.opentransparency.verifier.hash.CheckSummary;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.HashOutcome;
import org.opentransparency.verifier.internal.IoErrors;
import org.opentransparency.verifier.internal.json.StrictJson;

/**
 * Streams the JSON reports of {@code verifier hash} and {@code verifier hash --check} (see
 * docs/json.md), one outcome at a time, so memory stays flat for any number of files.
 *
 * {@snippet :
 * try (HashJsonWriter w = HashJsonWriter.hashReport(out, algorithms)) {
 *   hasher.hash(paths, w::outcome);
 * }
 * }
 */
public final class HashJsonWriter implements AutoCloseable {
  private final JsonGenerator json;

  private HashJsonWriter(JsonGenerator json) {
    this.json = json;
  }

  /** Starts {@code {"algorithms": [...], "files": [}. */
  public static HashJsonWriter hashReport(OutputStream out, Collection<DigestAlgorithm> algorithms)
      throws IOException {
    JsonGenerator g = StrictJson.generator(out);
    g.writeStartObject();
    g.writeArrayFieldStart("algorithms");
    for (DigestAlgorithm a : algorithms) {
      g.writeString(a.id());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("files");
    return new HashJsonWriter(g);
  }

  /** Starts {@code {"results": [}; {@link #checkSummary} ends it. */
  public static HashJsonWriter checkReport(OutputStream out) throws IOException {
    JsonGenerator g = StrictJson.generator(out);
    g.writeStartObject();
    g.writeArrayFieldStart("results");
    return new HashJsonWriter(g);
  }

  /** Writes one element of {@code files}. */
  public void outcome(HashOutcome outcome) {
    try {
      json.writeStartObject();
      json.writeStringField("path", outcome.name());
      if (outcome instanceof HashOutcome.Hashed) {
        HashOutcome.Hashed h = (HashOutcome.Hashed) outcome;
        json.writeStringField("status", "ok");
        json.writeNumberField("size", h.digest().size());
        json.writeObjectFieldStart("digests");
        for (Map.Entry<DigestAlgorithm, Digest> d : h.digest().digests().entrySet()) {
          json.writeStringField(d.getKey().id(), d.getValue().hex());
        }
        json.writeEndObject();
      } else if (outcome instanceof HashOutcome.Skipped) {
        json.writeStringField("status", "skipped");
        json.writeStringField("message", ((HashOutcome.Skipped) outcome).reason());
      } else {
        json.writeStringField("status", "error");
        json.writeStringField("message", IoErrors.reason(((HashOutcome.Failed) outcome).error()));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one element of {@code results}. */
  public void checkResult(String checksumFile, CheckResult r) {
    try {
      json.writeStartObject();
      json.writeStringField("checksumFile", checksumFile);
      json.writeNumberField("line", r.line());
      json.writeStringField("path", r.name());
      json.writeStringField("algorithm", r.algorithm() == null ? null : r.algorithm().id());
      json.writeStringField("status", r.status().id());
      json.writeStringField("message", r.detail());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Ends {@code results} and writes the verdict ({@code ok} when {@code passed}), the summary and
   * the checksum files that could not be read.
   */
  public void checkSummary(CheckSummary s, boolean passed, Collection<String> errors)
      throws IOException {
    json.writeEndArray();
    json.writeStringField("verdict", passed ? "ok" : "failed");
    json.writeObjectFieldStart("summary");
    json.writeNumberField("ok", s.ok());
    json.writeNumberField("failed", s.failed());
    json.writeNumberField("unreadable", s.unreadable());
    json.writeNumberField("ignored", s.ignored());
    json.writeNumberField("malformed", s.malformed());
    json.writeEndObject();
    json.writeArrayFieldStart("errors");
    for (String e : errors) {
      json.writeString(e);
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** Ends the open array and object of a hash report; a check report ends in checkSummary. */
  @Override
  public void close() throws IOException {
    if (json.getOutputContext().inArray()) {
      json.writeEndArray();
      json.writeEndObject();
    }
    json.flush();
    json.close();
  }
}
