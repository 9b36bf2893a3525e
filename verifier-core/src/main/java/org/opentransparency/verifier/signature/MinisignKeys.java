package org.opentransparency.verifier.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.opentransparency.verifier.InvalidInputException;

/**
 * minisign and OpenBSD signify public keys in a manifest (docs/signatures-minisign.md). Both tools
 * write the same two-line file: {@code untrusted comment: ...}, then the base64 of 42 bytes:
 * algorithm {@code "Ed"}, an 8-byte key number, the 32-byte Ed25519 public key. Those 42 bytes are
 * the manifest's canonical {@code publicKey}; the key id is their lowercase hex SHA-256. The two
 * schemes are kept apart: a minisign key verifies minisign signatures only, a signify key signify
 * signatures only.
 */
final class MinisignKeys {
  private MinisignKeys() {}

  /** The length of a decoded key: algorithm, key number, Ed25519 key. */
  static final int KEY_BYTES = 42;

  /** The length of a key number. */
  static final int KEY_NUMBER_BYTES = 8;

  /** The prefix both tools write (with its space) on the first line of every file they make. */
  static final String UNTRUSTED_PREFIX = "untrusted comment: ";

  /** A decoded minisign or signify public key. Immutable. */
  static final class Key {
    private final KeyScheme scheme;
    private final byte[] encoded;
    private final Ed25519PublicKeyParameters publicKey;

    private Key(KeyScheme scheme, byte[] encoded, Ed25519PublicKeyParameters publicKey) {
      this.scheme = scheme;
      this.encoded = encoded;
      this.publicKey = publicKey;
    }

    KeyScheme scheme() {
      return scheme;
    }

    /** The 8 key-number bytes, as they appear in the key and signature files. */
    byte[] keyNumber() {
      return Arrays.copyOfRange(encoded, 2, 2 + KEY_NUMBER_BYTES);
    }

    boolean hasKeyNumber(byte[] number) {
      return Arrays.equals(encoded, 2, 2 + KEY_NUMBER_BYTES, number, 0, number.length);
    }

    Ed25519PublicKeyParameters publicKey() {
      return publicKey;
    }
  }

  /**
   * A key number as the tool shows it: minisign prints the little-endian u64 in {@code %016X};
   * signify prints none, so its bytes are shown in file order as lowercase hex.
   */
  static String keyNumberText(KeyScheme scheme, byte[] number) {
    if (scheme == KeyScheme.MINISIGN) {
      long v = 0;
      for (int i = KEY_NUMBER_BYTES - 1; i >= 0; i--) {
        v = (v << 8) | (number[i] & 0xff);
      }
      return String.format(Locale.ROOT, "%016X", v);
    }
    return HexFormat.of().formatHex(number);
  }

  static final KeyKind MINISIGN = new Kind(KeyScheme.MINISIGN);

  static final KeyKind SIGNIFY = new Kind(KeyScheme.SIGNIFY);

  private static final class Kind implements KeyKind {
    private final KeyScheme scheme;

    Kind(KeyScheme scheme) {
      this.scheme = scheme;
    }

    @Override
    public KeyScheme scheme() {
      return scheme;
    }

    @Override
    public Object decode(byte[] encoded) throws InvalidInputException {
      if (encoded.length != KEY_BYTES) {
        throw new InvalidInputException(
            scheme.id() + " key must be " + KEY_BYTES + " bytes, not " + encoded.length);
      }
      if (encoded[0] != 'E' || encoded[1] != 'd') {
        throw new InvalidInputException(scheme.id() + " key algorithm must be \"Ed\" (Ed25519)");
      }
      try {
        return new Key(scheme, encoded.clone(), new Ed25519PublicKeyParameters(encoded, 10));
      } catch (RuntimeException e) {
        throw new InvalidInputException("invalid " + scheme.id() + " Ed25519 public key", e);
      }
    }

    @Override
    public String keyId(Object material) {
      return VerificationKey.keyIdOf(((Key) material).encoded);
    }

    @Override
    public List<byte[]> keyMaterial(Object material) {
      // The Ed25519 key alone: the key number is the owner's to choose.
      return List.of(((Key) material).publicKey().getEncoded());
    }

    @Override
    public String describe(Object material) {
      return scheme.id() + " key " + keyNumberText(scheme, ((Key) material).keyNumber());
    }

    @Override
    public boolean recognizes(byte[] file) {
      List<byte[]> lines = lines(file);
      if (lines.size() < 2 || !startsWith(lines.get(0), UNTRUSTED_PREFIX)) {
        return false;
      }
      if (scheme == KeyScheme.MINISIGN
          && !new String(lines.get(0), UTF_8).toLowerCase(Locale.ROOT).contains("minisign")) {
        return false;
      }
      byte[] key = strictBase64(lines.get(1));
      return key != null && key.length == KEY_BYTES && key[0] == 'E' && key[1] == 'd';
    }

    @Override
    public List<byte[]> importFile(byte[] file) throws InvalidInputException {
      List<byte[]> lines = lines(file);
      if (lines.size() != 2 || !startsWith(lines.get(0), UNTRUSTED_PREFIX)) {
        throw new InvalidInputException(
            "a "
                + scheme.id()
                + " public key file is two lines: \"untrusted comment: ...\" and the base64 key");
      }
      byte[] key = strictBase64(lines.get(1));
      if (key == null) {
        throw new InvalidInputException(scheme.id() + " public key is not canonical base64");
      }
      decode(key);
      return List.of(key);
    }
  }

  /**
   * The lines of a text file: split at LF, one CR before each LF dropped (CRLF files), the final
   * line terminator optional. An empty file has no lines.
   */
  static List<byte[]> lines(byte[] file) {
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < file.length; i++) {
      if (file[i] == '\n') {
        int end = i > start && file[i - 1] == '\r' ? i - 1 : i;
        out.add(Arrays.copyOfRange(file, start, end));
        start = i + 1;
      }
    }
    if (start < file.length) {
      out.add(Arrays.copyOfRange(file, start, file.length));
    }
    return out;
  }

  static boolean startsWith(byte[] line, String prefix) {
    byte[] p = prefix.getBytes(UTF_8);
    return line.length >= p.length && Arrays.equals(line, 0, p.length, p, 0, p.length);
  }

  /**
   * Decodes standard base64 only in its one canonical form (padded, no whitespace, zero spare
   * bits), or null.
   */
  static byte[] strictBase64(byte[] text) {
    try {
      byte[] decoded = Base64.getDecoder().decode(text);
      return Arrays.equals(Base64.getEncoder().encode(decoded), text) ? decoded : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
