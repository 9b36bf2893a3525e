package org.opentransparency.verifier.dsse;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.Limits;
import org.opentransparency.verifier.internal.json.StrictJson;

/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse): a payload, its type, and signatures
 * over {@link Pae#encode(String, byte[]) PAE(type, payload)}. Immutable.
 *
 * <p>Parsing is strict (duplicate members refused, base64 checked) but checks no signature: that is
 * the verifier's job, against keys it trusts. A signature's {@code keyid} is only a hint.
 */
public final class Envelope {
  /** One signature and the key id it claims (empty when it claims none). Immutable. */
  public static final class Signature {
    private final String keyId;
    private final byte[] sig;

    public Signature(String keyId, byte[] sig) {
      this.keyId = requireNonNull(keyId, "keyId");
      this.sig = sig.clone();
    }

    /** The key id the signature claims: a hint for finding the key, never trusted. */
    public String keyId() {
      return keyId;
    }

    /** A copy of the signature bytes. */
    public byte[] sig() {
      return sig.clone();
    }
  }

  private final String payloadType;
  private final byte[] payload;
  private final List<Signature> signatures;

  public Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
    this.payloadType = requireNonNull(payloadType, "payloadType");
    this.payload = payload.clone();
    this.signatures = List.copyOf(signatures);
  }

  /**
   * Parses an envelope.
   *
   * @throws org.opentransparency.verifier.LimitExceededException if larger than the JSON limit
   * @throws InvalidInputException if it is not a strict DSSE envelope
   */
  public static Envelope parse(byte[] json, String what, Limits limits) throws IOException {
    ObjectNode root = StrictJson.parseObject(json, what, limits);
    String type = StrictJson.string(root, "payloadType", what);
    byte[] payload = base64(StrictJson.string(root, "payload", what), what, "payload");
    List<Signature> sigs = new ArrayList<>();
    for (JsonNode s : StrictJson.array(root, "signatures", what)) {
      if (!s.isObject()) {
        throw new InvalidInputException(what + ": each signature must be an object");
      }
      String keyId = StrictJson.optionalString(s, "keyid", what);
      byte[] sig = base64(StrictJson.string(s, "sig", what), what, "sig");
      sigs.add(new Signature(keyId == null ? "" : keyId, sig));
    }
    return new Envelope(type, payload, sigs);
  }

  /** DSSE allows standard and URL-safe base64; nothing else (no whitespace) is accepted. */
  private static byte[] base64(String s, String what, String field) throws InvalidInputException {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(s);
      } catch (IllegalArgumentException e2) {
        throw new InvalidInputException(what + ": \"" + field + "\" is not base64");
      }
    }
  }

  public String payloadType() {
    return payloadType;
  }

  /** A copy of the decoded payload. */
  public byte[] payload() {
    return payload.clone();
  }

  public List<Signature> signatures() {
    return signatures;
  }

  /** The bytes every signature of this envelope is over. */
  public byte[] pae() {
    return Pae.encode(payloadType, payload);
  }

  /** The same envelope with one more signature. */
  public Envelope withSignature(Signature signature) {
    List<Signature> more = new ArrayList<>(signatures);
    more.add(signature);
    return new Envelope(payloadType, payload, more);
  }

  /** Pretty-printed JSON with standard padded base64, ending in a newline. */
  public byte[] toJson() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = StrictJson.generator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("payloadType", payloadType);
      g.writeStringField("payload", Base64.getEncoder().encodeToString(payload));
      g.writeArrayFieldStart("signatures");
      for (Signature s : signatures) {
        g.writeStartObject();
        g.writeStringField("keyid", s.keyId());
        g.writeStringField("sig", Base64.getEncoder().encodeToString(s.sig));
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
