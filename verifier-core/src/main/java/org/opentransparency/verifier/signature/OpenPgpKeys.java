package org.opentransparency.verifier.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.opentransparency.verifier.InvalidInputException;

/**
 * OpenPGP public keys in a manifest (scheme {@code openpgp}, docs/signatures-openpgp.md). One
 * manifest key is one transferable public key: the primary key with its user ids, subkeys,
 * self-signatures and revocations, stored ({@code publicKey}) as the binary packets BouncyCastle
 * re-encodes it to. Its key id is the lowercase hex fingerprint of the primary key (40 digits for
 * v4, 64 for v6).
 */
final class OpenPgpKeys {
  private OpenPgpKeys() {}

  private static final String BEGIN = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
  private static final String END = "-----END PGP PUBLIC KEY BLOCK-----";

  /** Most keys one key file may give; a KEYS file of a large project has a few dozen. */
  static final int MAX_KEYS_PER_FILE = 256;

  static final KeyKind KIND =
      new KeyKind() {
        @Override
        public KeyScheme scheme() {
          return KeyScheme.OPENPGP;
        }

        @Override
        public Object decode(byte[] encoded) throws InvalidInputException {
          return OpenPgpKeys.decode(encoded);
        }

        @Override
        public String keyId(Object material) {
          return fingerprint(((PGPPublicKeyRing) material).getPublicKey());
        }

        @Override
        public List<byte[]> keyMaterial(Object material) {
          // Algorithm and key bytes of the primary and every subkey: neither the creation time
          // (which the fingerprint covers) nor the version.
          List<byte[]> out = new java.util.ArrayList<>();
          Iterator<PGPPublicKey> keys = ((PGPPublicKeyRing) material).getPublicKeys();
          while (keys.hasNext()) {
            PGPPublicKey k = keys.next();
            byte[] bytes = k.getPublicKeyPacket().getKey().getEncoded();
            byte[] withAlgorithm = new byte[bytes.length + 1];
            withAlgorithm[0] = (byte) k.getAlgorithm();
            System.arraycopy(bytes, 0, withAlgorithm, 1, bytes.length);
            out.add(withAlgorithm);
          }
          return out;
        }

        @Override
        public String describe(Object material) {
          PGPPublicKey primary = ((PGPPublicKeyRing) material).getPublicKey();
          Iterator<byte[]> ids = primary.getRawUserIDs();
          String uid = ids.hasNext() ? new String(ids.next(), StandardCharsets.UTF_8) : null;
          String longId = String.format(Locale.ROOT, "%016X", primary.getKeyID());
          return "OpenPGP v"
              + primary.getVersion()
              + " "
              + (uid != null ? uid : "(no user id)")
              + ", long key id "
              + longId;
        }

        @Override
        public boolean recognizes(byte[] file) {
          return isArmoredKeys(file) || isBinaryKey(file);
        }

        @Override
        public List<byte[]> importFile(byte[] file) throws InvalidInputException {
          return OpenPgpKeys.importFile(file);
        }
      };

  /** The lowercase hex fingerprint of a key. */
  static String fingerprint(PGPPublicKey key) {
    return HexFormat.of().formatHex(key.getFingerprint());
  }

  /** The long key id of a key, as gpg prints it. */
  static String longKeyId(long keyId) {
    return String.format(Locale.ROOT, "%016X", keyId);
  }

  private static boolean isArmoredKeys(byte[] file) {
    String text = new String(file, StandardCharsets.ISO_8859_1);
    return text.contains(BEGIN);
  }

  /** A public key packet (tag 6) first, old or new header format. */
  private static boolean isBinaryKey(byte[] file) {
    if (file.length < 2) {
      return false;
    }
    int h = file[0] & 0xff;
    if ((h & 0xc0) == 0xc0) {
      return (h & 0x3f) == 6;
    }
    return (h & 0xc0) == 0x80 && ((h >> 2) & 0x0f) == 6;
  }

  /** The manifest encoding of one transferable public key, refusing any other encoding. */
  static PGPPublicKeyRing decode(byte[] encoded) throws InvalidInputException {
    List<PGPPublicKeyRing> rings = rings(new ByteArrayInputStream(encoded));
    if (rings.size() != 1) {
      throw new InvalidInputException(
          "an openpgp publicKey must hold exactly one primary key, found " + rings.size());
    }
    PGPPublicKeyRing ring = rings.get(0);
    byte[] canonical;
    try {
      canonical = ring.getEncoded();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("openpgp key does not re-encode: " + e.getMessage(), e);
    }
    if (!Arrays.equals(canonical, encoded)) {
      throw new InvalidInputException(
          "openpgp publicKey is not in canonical form (the binary transferable public key as"
              + " re-encoded; import the key file with manifest create)");
    }
    checkStrength(ring.getPublicKey());
    return ring;
  }

  /** RSA, DSA and ElGamal primary keys need at least 2048 bits, as SPKI RSA keys do. */
  private static void checkStrength(PGPPublicKey primary) throws InvalidInputException {
    int alg = primary.getAlgorithm();
    boolean finiteField =
        alg == PublicKeyAlgorithmTags.RSA_GENERAL
            || alg == PublicKeyAlgorithmTags.RSA_SIGN
            || alg == PublicKeyAlgorithmTags.DSA;
    if (finiteField && primary.getBitStrength() < VerificationKey.MIN_RSA_BITS) {
      throw new InvalidInputException(
          "openpgp key "
              + fingerprint(primary)
              + " has "
              + primary.getBitStrength()
              + " bits, under the "
              + VerificationKey.MIN_RSA_BITS
              + " accepted");
    }
  }

  /** Every transferable public key in a stream of binary packets. */
  private static List<PGPPublicKeyRing> rings(InputStream in) throws InvalidInputException {
    List<PGPPublicKeyRing> out = new ArrayList<>();
    try {
      PGPObjectFactory f = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
      for (Object o; (o = f.nextObject()) != null; ) {
        if (!(o instanceof PGPPublicKeyRing)) {
          throw new InvalidInputException(
              "not an OpenPGP public key: found " + o.getClass().getSimpleName());
        }
        out.add((PGPPublicKeyRing) o);
        if (out.size() > MAX_KEYS_PER_FILE) {
          throw new InvalidInputException(
              "more than " + MAX_KEYS_PER_FILE + " OpenPGP keys in one file");
        }
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("not a valid OpenPGP public key: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The canonical encodings of every primary key in a key file: binary packets, or text with one or
   * more armored public key blocks (an Apache KEYS file), each block read by itself.
   */
  static List<byte[]> importFile(byte[] file) throws InvalidInputException {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    if (isArmoredKeys(file)) {
      String text = new String(file, StandardCharsets.ISO_8859_1);
      int from = 0;
      for (int begin; (begin = text.indexOf(BEGIN, from)) >= 0; ) {
        int end = text.indexOf(END, begin);
        if (end < 0) {
          throw new InvalidInputException("armored OpenPGP key block without its END line");
        }
        end += END.length();
        byte[] block = text.substring(begin, end).getBytes(StandardCharsets.ISO_8859_1);
        rings.addAll(armoredBlock(block));
        from = end;
      }
    } else {
      rings.addAll(rings(new ByteArrayInputStream(file)));
    }
    if (rings.isEmpty()) {
      throw new InvalidInputException("no OpenPGP public key in the file");
    }
    if (rings.size() > MAX_KEYS_PER_FILE) {
      throw new InvalidInputException(
          "more than " + MAX_KEYS_PER_FILE + " OpenPGP keys in one file");
    }
    List<byte[]> out = new ArrayList<>();
    for (PGPPublicKeyRing r : rings) {
      try {
        byte[] canonical = r.getEncoded();
        decode(canonical); // the same checks as the manifest will make
        out.add(canonical);
      } catch (IOException | RuntimeException e) {
        throw new InvalidInputException("OpenPGP key does not re-encode: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static List<PGPPublicKeyRing> armoredBlock(byte[] block) throws InvalidInputException {
    try (ArmoredInputStream a =
        ArmoredInputStream.builder().build(new ByteArrayInputStream(block))) {
      byte[] packets = a.readAllBytes();
      if (packets.length == 0) {
        throw new InvalidInputException("empty armored OpenPGP key block");
      }
      return rings(new ByteArrayInputStream(packets));
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("bad armored OpenPGP key block: " + e.getMessage(), e);
    }
  }
}
