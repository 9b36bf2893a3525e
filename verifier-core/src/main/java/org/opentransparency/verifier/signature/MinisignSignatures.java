package org.opentransparency.verifier.signature;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.manifest.ManifestKey;

/**
 * minisign ({@code .minisig}) and OpenBSD signify ({@code .sig}) detached signatures
 * (docs/signatures-minisign.md).
 *
 * <p>minisign: four lines: {@code untrusted comment: ...}; the base64 of 74 bytes (algorithm {@code
 * "ED"}, Ed25519 over the BLAKE2b-512 of the file, or legacy {@code "Ed"}, Ed25519 over the file
 * itself; the 8-byte key number; the 64-byte signature); {@code trusted comment: TEXT}; the base64
 * of the 64-byte global signature, Ed25519 over the signature bytes followed by TEXT. Both must
 * verify with the same key. signify: the first two lines only, algorithm {@code "Ed"}.
 *
 * <p>Lines end in LF or CRLF, the last one optionally in minisign (signify requires it, as the tool
 * does); base64 must be canonical; anything else (missing, extra or empty lines, other lengths) is
 * malformed. An algorithm other than these, and signify's embedded-message form ({@code signify -S
 * -e}), are {@code UNSUPPORTED_FORMAT}.
 */
final class MinisignSignatures {
  private MinisignSignatures() {}

  private static final String TRUSTED_PREFIX = "trusted comment: ";
  private static final int SIGNATURE_LINE_BYTES = 2 + MinisignKeys.KEY_NUMBER_BYTES + 64;

  /** A minisign signature file, its key number matched against the manifest's minisign keys. */
  static DetachedCheck parseMinisign(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    List<byte[]> lines = MinisignKeys.lines(signature);
    if (lines.size() != 4) {
      throw new InvalidInputException(
          "a minisign signature is four lines (untrusted comment, signature, trusted comment,"
              + " global signature), not "
              + lines.size());
    }
    byte[] sigLine = signatureLine(lines, "minisign");
    if (!MinisignKeys.startsWith(lines.get(2), TRUSTED_PREFIX)) {
      throw new InvalidInputException("the third line must start with \"" + TRUSTED_PREFIX + "\"");
    }
    byte[] comment = Arrays.copyOfRange(lines.get(2), TRUSTED_PREFIX.length(), lines.get(2).length);
    byte[] global = MinisignKeys.strictBase64(lines.get(3));
    if (global == null || global.length != 64) {
      throw new InvalidInputException("the global signature must be canonical base64 of 64 bytes");
    }
    Parsed p = new Parsed(KeyScheme.MINISIGN, sigLine, comment, global);
    if (p.algorithm.equals("ED")) {
      return p.check(keys, null, DigestAlgorithm.BLAKE2B_512);
    }
    if (p.algorithm.equals("Ed")) {
      return p.check(
          keys,
          UpdateContent.wholeMessage("sign with minisign's default prehashed mode (without -l)"),
          null);
    }
    return refusal(
        ReasonCode.UNSUPPORTED_FORMAT,
        "minisign signature algorithm \"" + p.algorithm + "\" is not supported (only ED and Ed)");
  }

  /** A signify signature file, its key number matched against the manifest's signify keys. */
  static DetachedCheck parseSignify(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    List<byte[]> lines = MinisignKeys.lines(signature);
    if (lines.size() < 2) {
      throw new InvalidInputException(
          "a signify signature is two lines (untrusted comment, signature)");
    }
    byte[] sigLine = signatureLine(lines, "signify");
    Parsed p = new Parsed(KeyScheme.SIGNIFY, sigLine, null, null);
    if (lines.size() > 2) {
      return refusal(
          ReasonCode.UNSUPPORTED_FORMAT,
          "content after the signify signature: an embedded message (signify -S -e) is not"
              + " supported; sign with a detached signature");
    }
    if (signature[signature.length - 1] != '\n') {
      // signify itself refuses a signature line without its newline.
      throw new InvalidInputException("the signify signature line must end with a newline");
    }
    if (!p.algorithm.equals("Ed")) {
      return refusal(
          ReasonCode.UNSUPPORTED_FORMAT,
          "signify signature algorithm \"" + p.algorithm + "\" is not supported (only Ed)");
    }
    return p.check(
        keys, UpdateContent.wholeMessage("sign a statement (verifier sign) instead"), null);
  }

  /** Checks the untrusted comment line and decodes the signature line (74 bytes). */
  private static byte[] signatureLine(List<byte[]> lines, String format)
      throws InvalidInputException {
    if (!MinisignKeys.startsWith(lines.get(0), MinisignKeys.UNTRUSTED_PREFIX)) {
      throw new InvalidInputException(
          "the first line must start with \"" + MinisignKeys.UNTRUSTED_PREFIX + "\"");
    }
    byte[] sig = MinisignKeys.strictBase64(lines.get(1));
    if (sig == null || sig.length != SIGNATURE_LINE_BYTES) {
      throw new InvalidInputException(
          "the "
              + format
              + " signature line must be canonical base64 of "
              + SIGNATURE_LINE_BYTES
              + " bytes");
    }
    return sig;
  }

  private static DetachedCheck refusal(ReasonCode code, String message) {
    return DetachedCheck.refusal(code, message, 1);
  }

  /** A parsed signature line, with minisign's trusted comment and global signature. */
  private static final class Parsed {
    final KeyScheme scheme;
    final String algorithm;
    final byte[] keyNumber;
    final byte[] signature;
    final byte[] comment;
    final byte[] global;

    Parsed(KeyScheme scheme, byte[] line, byte[] comment, byte[] global) {
      this.scheme = scheme;
      this.algorithm = new String(line, 0, 2, StandardCharsets.ISO_8859_1);
      this.keyNumber = Arrays.copyOfRange(line, 2, 2 + MinisignKeys.KEY_NUMBER_BYTES);
      this.signature = Arrays.copyOfRange(line, 2 + MinisignKeys.KEY_NUMBER_BYTES, line.length);
      this.comment = comment;
      this.global = global;
    }

    String keyNumberText() {
      return MinisignKeys.keyNumberText(scheme, keyNumber);
    }

    /**
     * The check against the manifest keys of this scheme with this key number (role holders first):
     * over the whole message when {@code message} is given, else over the {@code digest}.
     */
    DetachedCheck check(
        List<ManifestKey> keys, UpdateContent.WholeMessage message, DigestAlgorithm digest) {
      List<ManifestKey> candidates = new ArrayList<>();
      boolean otherScheme = false;
      for (ManifestKey k : keys) {
        if (k.key().scheme() == scheme) {
          if (k.key().material(scheme, MinisignKeys.Key.class).hasKeyNumber(keyNumber)) {
            candidates.add(k);
          }
        } else if (k.key().scheme() == KeyScheme.MINISIGN
            || k.key().scheme() == KeyScheme.SIGNIFY) {
          otherScheme |=
              k.key().material(k.key().scheme(), MinisignKeys.Key.class).hasKeyNumber(keyNumber);
        }
      }
      if (candidates.isEmpty()) {
        return refusal(
            ReasonCode.UNKNOWN_KEY,
            "signed by "
                + scheme.id()
                + " key "
                + keyNumberText()
                + ", which the manifest does not list"
                + (otherScheme
                    ? " (a key with this number is listed as "
                        + (scheme == KeyScheme.MINISIGN ? "signify" : "minisign")
                        + ", and verifies only that format's signatures)"
                    : ""));
      }
      return new DetachedCheck() {
        @Override
        public Set<DigestAlgorithm> digests() {
          return digest == null ? EnumSet.noneOf(DigestAlgorithm.class) : EnumSet.of(digest);
        }

        @Override
        public List<UpdateContent.Sink> sinks() {
          return message == null ? List.of() : List.of(message);
        }

        @Override
        public void finish(Map<DigestAlgorithm, Digest> digests, CheckOutcome out) {
          byte[] signed = message != null ? message.bytes() : digests.get(digest).bytes();
          boolean commentFailed = false;
          for (ManifestKey k : candidates) {
            Ed25519PublicKeyParameters pub =
                k.key().material(scheme, MinisignKeys.Key.class).publicKey();
            if (!ed25519(pub, signed, signature)) {
              continue;
            }
            if (comment != null) {
              byte[] covered = new byte[signature.length + comment.length];
              System.arraycopy(signature, 0, covered, 0, signature.length);
              System.arraycopy(comment, 0, covered, signature.length, comment.length);
              if (!ed25519(pub, covered, global)) {
                commentFailed = true;
                continue;
              }
              out.detail("trusted comment", display(comment));
            }
            out.verifiedBy(k);
            return;
          }
          out.problem(
              ReasonCode.BAD_SIGNATURE,
              commentFailed
                  ? "the global signature over the trusted comment does not verify with "
                      + scheme.id()
                      + " key "
                      + keyNumberText()
                      + " (the comment was altered)"
                  : "the "
                      + scheme.id()
                      + " signature does not verify with key "
                      + keyNumberText()
                      + " (the file or the signature was altered)");
        }

        @Override
        public int maxSignatures() {
          return 1;
        }
      };
    }
  }

  /** Pure Ed25519 verification on BouncyCastle's own code; any failure inside is "not valid". */
  static boolean ed25519(Ed25519PublicKeyParameters key, byte[] message, byte[] signature) {
    try {
      if (signature.length != 64) {
        return false;
      }
      Ed25519Signer v = new Ed25519Signer();
      v.init(false, key);
      v.update(message, 0, message.length);
      return v.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The trusted comment as shown: its UTF-8 text (invalid sequences replaced), with control
   * characters other than tab written as {@code \xNN} so a comment cannot drive the terminal.
   */
  static String display(byte[] comment) {
    String text = new String(comment, UTF_8);
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c != '\t' && (c < 0x20 || c >= 0x7f && c < 0xa0)) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.toString();
  }
}
