package org.opentransparency.verifier.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.manifest.ManifestKey;

/**
 * OpenPGP detached signatures (armored or binary, v4 and v6; docs/signatures-openpgp.md). Each
 * signature packet of the file is checked by itself against the keys (primary or subkey) of the
 * manifest's {@code openpgp} keys: its issuer subpackets are only hints that pick the keys to try,
 * and without them every openpgp key is tried (bounded). The cryptographic check streams the update
 * through BouncyCastle signature objects in the update's one read; the key's right to sign at T is
 * then judged from verified self-signatures only ({@link OpenPgpCert}).
 */
final class OpenPgpSignatures {
  private OpenPgpSignatures() {}

  /** Most signature packets one file may hold. */
  static final int MAX_SIGNATURES = 16;

  /**
   * Most (signature, key) pairs one FILE may try: each is a verifier hashing the whole update.
   * Signatures naming an issuer take their share first, then those that name none.
   */
  static final int MAX_CANDIDATES = 32;

  private static final String ARMOR = "-----BEGIN PGP SIGNATURE-----";

  private static final String ARMOR_END = "-----END PGP SIGNATURE-----";

  /** One key that may have made one signature, with its own initialised signature object. */
  static final class Candidate implements UpdateContent.Sink {
    final ManifestKey manifestKey;
    final PGPPublicKeyRing ring;
    final PGPPublicKey key;
    final PGPSignature sig;

    /** Set when the signature object failed during the read: it then verifies nothing. */
    boolean broken;

    Candidate(ManifestKey manifestKey, PGPPublicKeyRing ring, PGPPublicKey key, PGPSignature sig) {
      this.manifestKey = manifestKey;
      this.ring = ring;
      this.key = key;
      this.sig = sig;
    }

    @Override
    public void update(byte[] data, int offset, int length) {
      if (broken) {
        return;
      }
      try {
        sig.update(data, offset, length);
      } catch (RuntimeException e) {
        broken = true;
      }
    }

    boolean verifies() {
      if (broken) {
        return false;
      }
      try {
        return sig.verify();
      } catch (Exception e) {
        return false;
      }
    }
  }

  /** One signature packet of the file: why it cannot count before the read, or its candidates. */
  static final class Entry {
    final PGPSignature sig;
    final List<Candidate> candidates = new ArrayList<>();
    ReasonCode early;
    String earlyMessage;

    /** Some key that may have made it was not tried: the file's candidate budget was spent. */
    boolean starved;

    Entry(PGPSignature sig) {
      this.sig = sig;
    }
  }

  /** A copy of a signature, so each key it is tried with has its own verifier state. */
  static PGPSignature copy(PGPSignature s) throws IOException {
    try {
      return readOne(s.getEncoded());
    } catch (InvalidInputException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static PGPSignature readOne(byte[] packet) throws IOException {
    List<PGPSignature> l = packets(packet);
    if (l.size() != 1) {
      throw new IOException("expected one signature packet");
    }
    return l.get(0);
  }

  /** The signature packets of the binary form; anything else in the file is malformed. */
  private static List<PGPSignature> packets(byte[] binary) throws InvalidInputException {
    List<PGPSignature> out = new ArrayList<>();
    try {
      BCPGInputStream in = BCPGInputStream.wrap(new ByteArrayInputStream(binary));
      for (int tag; (tag = in.nextPacketTag()) >= 0; ) {
        if (tag != PacketTags.SIGNATURE) {
          throw new InvalidInputException(
              "an OpenPGP detached signature holds signature packets only, found packet tag "
                  + tag);
        }
        out.add(new PGPSignature(in));
        if (out.size() > MAX_SIGNATURES) {
          throw new InvalidInputException(
              "more than " + MAX_SIGNATURES + " signature packets in one file");
        }
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) {
      throw new InvalidInputException("not an OpenPGP signature: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The binary packets of a signature file, armored or not. An armored file is one block: only
   * whitespace may come before its BEGIN line and after its END line. BouncyCastle's armor reader
   * would go on into a second block, or skip text after the END line, so it is given the block
   * alone.
   */
  private static byte[] dearmor(byte[] file) throws InvalidInputException {
    String head = new String(file, 0, Math.min(file.length, 256), StandardCharsets.ISO_8859_1);
    if (!head.stripLeading().startsWith(ARMOR)) {
      return file;
    }
    String text = new String(file, StandardCharsets.ISO_8859_1);
    int end = text.indexOf(ARMOR_END);
    if (end < 0) {
      throw new InvalidInputException("bad OpenPGP armor: no " + ARMOR_END + " line");
    }
    end += ARMOR_END.length();
    for (int i = end; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        throw new InvalidInputException(
            "bad OpenPGP armor: something other than whitespace after the " + ARMOR_END + " line");
      }
    }
    try (ArmoredInputStream a =
        ArmoredInputStream.builder().build(new ByteArrayInputStream(file, 0, end))) {
      return a.readAllBytes();
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("bad OpenPGP armor: " + e.getMessage(), e);
    }
  }

  /**
   * The check of an OpenPGP detached signature file.
   *
   * @param keys every manifest key, holders of the role first; only {@code openpgp} keys are tried
   * @throws InvalidInputException if the file is not armored or binary OpenPGP signature packets
   */
  static DetachedCheck parse(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    List<PGPSignature> sigs = packets(dearmor(signature));
    if (sigs.isEmpty()) {
      throw new InvalidInputException("no OpenPGP signature packet in the file");
    }
    List<Entry> entries = new ArrayList<>();
    try {
      for (PGPSignature s : sigs) {
        Entry e = new Entry(s);
        entries.add(e);
        screen(e);
      }
      int budget = MAX_CANDIDATES;
      for (boolean hinted : new boolean[] {true, false}) {
        for (Entry e : entries) {
          if (e.early == null && e.sig.getKeyIdentifiers().isEmpty() != hinted) {
            budget = findCandidates(e, keys, budget);
          }
        }
      }
    } catch (RuntimeException e) {
      throw new InvalidInputException("OpenPGP signature does not parse: " + e, e);
    }
    return new DetachedCheck() {
      @Override
      public Set<DigestAlgorithm> digests() {
        return EnumSet.noneOf(DigestAlgorithm.class);
      }

      @Override
      public List<UpdateContent.Sink> sinks() {
        List<UpdateContent.Sink> out = new ArrayList<>();
        for (Entry e : entries) {
          for (Candidate c : e.candidates) {
            out.add(c);
          }
        }
        return out;
      }

      @Override
      public void finish(Map<DigestAlgorithm, Digest> digests, CheckOutcome out) {
        Set<String> signed = new LinkedHashSet<>();
        for (Entry e : entries) {
          try {
            judge(e, out, signed);
          } catch (RuntimeException ex) {
            out.problem(
                ReasonCode.BAD_SIGNATURE,
                "openpgp signature " + describe(e.sig) + " could not be checked: " + ex);
          }
        }
        if (!signed.isEmpty()) {
          out.detail("signed", String.join(", ", signed));
        }
      }

      @Override
      public int maxSignatures() {
        return MAX_SIGNATURES;
      }
    };
  }

  /** Refusals that need no key: signature type, hash algorithm, unknown critical subpackets. */
  private static void screen(Entry e) {
    PGPSignature s = e.sig;
    int type = s.getSignatureType();
    if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
      e.early = ReasonCode.UNSUPPORTED_FORMAT;
      e.earlyMessage =
          String.format(
              Locale.ROOT,
              "openpgp signature %s has type 0x%02x; only document signatures (0x00 binary, 0x01"
                  + " text) sign a file",
              describe(s),
              type);
      return;
    }
    if (s.getVersion() != 4 && s.getVersion() != 6) {
      e.early = ReasonCode.UNSUPPORTED_FORMAT;
      e.earlyMessage = "openpgp signature version " + s.getVersion() + " (only v4 and v6)";
      return;
    }
    String weak = weakHash(s.getHashAlgorithm());
    if (weak != null) {
      e.early = ReasonCode.WEAK_DIGEST;
      e.earlyMessage = "openpgp signature " + describe(s) + " uses " + weak;
      return;
    }
    if (!strongHash(s.getHashAlgorithm())) {
      e.early = ReasonCode.UNSUPPORTED_FORMAT;
      e.earlyMessage =
          "openpgp signature " + describe(s) + " uses hash algorithm " + s.getHashAlgorithm();
      return;
    }
    if (!OpenPgpCert.hasCreationTime(s)) {
      // BouncyCastle would date it 1970-01-01 (getCreationTime() is never null).
      e.early = ReasonCode.MALFORMED_SIGNATURE;
      e.earlyMessage =
          "openpgp signature "
              + describe(s)
              + " has no creation time in its hashed subpackets (RFC 9580 5.2.3.11 requires one)";
      return;
    }
    if (OpenPgpCert.hasUnknownCritical(s)) {
      e.early = ReasonCode.UNSUPPORTED_FORMAT;
      e.earlyMessage =
          "openpgp signature " + describe(s) + " has a critical subpacket we do not know";
    }
  }

  /** Why a hash algorithm is too weak to trust a signature, or null. */
  private static String weakHash(int alg) {
    switch (alg) {
      case HashAlgorithmTags.MD5:
        return "MD5, which is broken";
      case HashAlgorithmTags.SHA1:
        return "SHA-1, which has practical collisions (SHA-256 or stronger required)";
      case HashAlgorithmTags.RIPEMD160:
        return "RIPEMD-160, a 160-bit hash (SHA-256 or stronger required)";
      case HashAlgorithmTags.SHA224:
        return "SHA-224, under the 256-bit floor this verifier keeps for every format (SHA-256 or"
            + " stronger required)";
      default:
        return null;
    }
  }

  private static boolean strongHash(int alg) {
    switch (alg) {
      case HashAlgorithmTags.SHA256:
      case HashAlgorithmTags.SHA384:
      case HashAlgorithmTags.SHA512:
      case HashAlgorithmTags.SHA3_256:
      case HashAlgorithmTags.SHA3_512:
        return true;
      default:
        return false;
    }
  }

  /**
   * The (manifest key, key) pairs that may have made a signature: those its issuer key id or
   * fingerprint subpackets name, or every openpgp key (primary and subkeys) when it names none; at
   * most {@code budget} of them. Returns the budget left; a key left untried for want of budget
   * marks the entry {@code starved}.
   */
  private static int findCandidates(Entry e, List<ManifestKey> keys, int budget) {
    List<KeyIdentifier> issuers = e.sig.getKeyIdentifiers();
    for (ManifestKey mk : keys) {
      if (mk.key().scheme() != KeyScheme.OPENPGP) {
        continue;
      }
      PGPPublicKeyRing ring = mk.key().material(KeyScheme.OPENPGP, PGPPublicKeyRing.class);
      for (PGPPublicKey k : ring) {
        if (!issuers.isEmpty() && !names(issuers, k)) {
          continue;
        }
        if (k.getAlgorithm() != e.sig.getKeyAlgorithm() || k.getVersion() != e.sig.getVersion()) {
          continue;
        }
        if (budget <= 0) {
          e.starved = true;
          return 0;
        }
        budget--;
        try {
          PGPSignature mine = copy(e.sig);
          mine.init(OpenPgpCert.VERIFIERS, k);
          e.candidates.add(new Candidate(mk, ring, k, mine));
        } catch (Exception ex) {
          // A key BouncyCastle cannot verify with cannot have made it.
        }
      }
    }
    return budget;
  }

  /** Whether issuer subpackets name a key (by fingerprint, else by key id). */
  static boolean names(List<KeyIdentifier> issuers, PGPPublicKey k) {
    for (KeyIdentifier id : issuers) {
      if (id.getFingerprint() != null) {
        if (java.util.Arrays.equals(id.getFingerprint(), k.getFingerprint())) {
          return true;
        }
      } else if (id.getKeyId() == k.getKeyID() && !id.isWildcard()) {
        return true;
      }
    }
    return false;
  }

  private static void judge(Entry e, CheckOutcome out, Set<String> signed) {
    if (e.early != null) {
      out.problem(e.early, e.earlyMessage);
      return;
    }
    Candidate by = null;
    for (Candidate c : e.candidates) {
      if (c.verifies()) {
        by = c;
        break;
      }
    }
    if (by == null && e.starved) {
      out.problem(
          ReasonCode.UNKNOWN_KEY,
          "openpgp signature "
              + describe(e.sig)
              + " verifies with none of the "
              + e.candidates.size()
              + " keys tried; the others were not tried: one file may try at most "
              + MAX_CANDIDATES
              + " (signature, key) pairs");
      return;
    }
    if (e.candidates.isEmpty()) {
      out.problem(
          ReasonCode.UNKNOWN_KEY,
          "openpgp signature "
              + describe(e.sig)
              + " is by a key no openpgp key of the manifest holds");
      return;
    }
    if (by == null) {
      out.problem(
          ReasonCode.BAD_SIGNATURE,
          "openpgp signature "
              + describe(e.sig)
              + (e.sig.getKeyIdentifiers().isEmpty()
                  ? " names no issuer and verifies with no openpgp key of the manifest"
                  : " does not verify: the file is not the one that was signed"));
      return;
    }
    Instant at = out.at();
    Instant created = e.sig.getCreationTime().toInstant();
    String what = "openpgp signature " + describe(e.sig) + " made " + created;
    if (created.isAfter(at)) {
      out.problem(ReasonCode.KEY_NOT_YET_VALID, what + ", after " + at);
      return;
    }
    if (by.key.getCreationTime().toInstant().isAfter(created)) {
      out.problem(
          ReasonCode.KEY_NOT_YET_VALID,
          what + ", before its key was created (" + by.key.getCreationTime().toInstant() + ")");
      return;
    }
    PGPSignatureSubpacketVector h = e.sig.getHashedSubPackets();
    long exp = h == null ? 0 : h.getSignatureExpirationTime();
    if (exp > 0 && !at.isBefore(created.plusSeconds(exp))) {
      out.problem(ReasonCode.UPDATE_EXPIRED, what + " expired " + created.plusSeconds(exp));
      return;
    }
    OpenPgpCert.Verdict v = OpenPgpCert.judge(by.ring, by.key, at);
    if (v != null) {
      out.problem(v.code(), v.message());
      return;
    }
    out.verifiedBy(by.manifestKey);
    signed.add(created.toString());
  }

  /** How a signature names its issuer, for messages. */
  private static String describe(PGPSignature s) {
    for (KeyIdentifier id : s.getKeyIdentifiers()) {
      if (id.getFingerprint() != null) {
        return "by " + HexFormat.of().formatHex(id.getFingerprint());
      }
    }
    for (KeyIdentifier id : s.getKeyIdentifiers()) {
      if (!id.isWildcard()) {
        return "by key id " + OpenPgpKeys.longKeyId(id.getKeyId());
      }
    }
    return "(no issuer)";
  }
}
