import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/**
 * Makes the v6 (RFC 9580) OpenPGP fixtures with BouncyCastle, which gpg 2.2 cannot make: a v6
 * Ed25519 key "Frank" (direct-key and user-id self-signatures, certify+sign), an
 * authentication-only subkey and a signing subkey bound WITHOUT its primary-key back-signature,
 * and detached v6 signatures of data.txt by each; and Gus, a v6 key certify-only by its
 * self-signatures that signs anyway, one of them without any issuer subpacket. Run by
 * make-v6.sh.
 */
public final class GenV6 {
  static final Date CREATED = Date.from(Instant.parse("2026-01-01T00:00:00Z"));
  static final Date SIGNED = Date.from(Instant.parse("2026-02-01T00:00:00Z"));

  public static void main(String[] args) throws Exception {
    BcKeyFingerprintCalculator fp = new BcKeyFingerprintCalculator();
    var gen = new BcPGPKeyPairGeneratorProvider().get(PublicKeyPacket.VERSION_6, CREATED);
    PGPKeyPair primary = gen.generateEd25519KeyPair();
    PGPKeyPair auth = gen.generateEd25519KeyPair().asSubkey(fp);
    PGPKeyPair unbound = gen.generateEd25519KeyPair().asSubkey(fp);
    PGPPublicKey pub = primary.getPublicKey();

    PGPSignatureGenerator g = signer(primary, PGPSignature.DIRECT_KEY, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
    pub = PGPPublicKey.addCertification(pub, g.generateCertification(pub));
    g = signer(primary, PGPSignature.POSITIVE_CERTIFICATION, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
    String uid = "Frank V6 <frank@example.org>";
    pub = PGPPublicKey.addCertification(pub, uid, g.generateCertification(uid, pub));
    g = signer(primary, PGPSignature.SUBKEY_BINDING, KeyFlags.AUTHENTICATION);
    PGPPublicKey authPub =
        PGPPublicKey.addCertification(auth.getPublicKey(), g.generateCertification(pub, auth.getPublicKey()));
    g = signer(primary, PGPSignature.SUBKEY_BINDING, KeyFlags.SIGN_DATA);
    PGPPublicKey unboundPub =
        PGPPublicKey.addCertification(
            unbound.getPublicKey(), g.generateCertification(pub, unbound.getPublicKey()));
    PGPPublicKeyRing ring = new PGPPublicKeyRing(List.of(pub, authPub, unboundPub));

    write("frank-v6.pub.gpg", ring.getEncoded(), false);
    write("frank-v6.pub.asc", ring.getEncoded(), true);
    byte[] data = Files.readAllBytes(Path.of("data.txt"));
    byte[] sig = dataSignature(primary, data);
    write("frank-v6.txt.asc", sig, true);
    write("frank-v6.txt.sig", sig, false);
    write("frank-v6-noissuer.txt.asc", dataSignature(primary, data, false), true);
    write("frank-v6-auth.txt.asc", dataSignature(auth, data), true);
    write("frank-v6-unbound.txt.asc", dataSignature(unbound, data), true);
    // Gus: a v6 primary whose self-signatures give it the certify flag only, signing anyway.
    PGPKeyPair gus = gen.generateEd25519KeyPair();
    PGPPublicKey gusPub = gus.getPublicKey();
    g = signer(gus, PGPSignature.DIRECT_KEY, KeyFlags.CERTIFY_OTHER);
    gusPub = PGPPublicKey.addCertification(gusPub, g.generateCertification(gusPub));
    String gusId = "Gus CertifyOnly <gus@example.org>";
    g = signer(gus, PGPSignature.POSITIVE_CERTIFICATION, KeyFlags.CERTIFY_OTHER);
    gusPub = PGPPublicKey.addCertification(gusPub, gusId, g.generateCertification(gusId, gusPub));
    PGPPublicKeyRing gusRing = new PGPPublicKeyRing(List.of(gusPub));
    write("gus-v6.pub.asc", gusRing.getEncoded(), true);
    write("gus-v6.txt.asc", dataSignature(gus, data), true);
    try (OutputStream o = new FileOutputStream("fingerprints.txt", true)) {
      o.write(line("gus-v6", gusPub));
      o.write(line("frank-v6", pub));
      o.write(line("frank-v6-auth-subkey", auth.getPublicKey()));
      o.write(line("frank-v6-unbound-subkey", unbound.getPublicKey()));
    }
  }

  static byte[] line(String name, PGPPublicKey k) {
    return (name + " " + HexFormat.of().withUpperCase().formatHex(k.getFingerprint()) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  static PGPSignatureGenerator signer(PGPKeyPair key, int type, int flags) throws Exception {
    return signer(key, type, flags, true);
  }

  static PGPSignatureGenerator signer(PGPKeyPair key, int type, int flags, boolean issuer)
      throws Exception {
    PGPSignatureGenerator g =
        new PGPSignatureGenerator(
            new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA512),
            key.getPublicKey());
    g.init(type, key.getPrivateKey());
    PGPSignatureSubpacketGenerator h = new PGPSignatureSubpacketGenerator();
    h.setSignatureCreationTime(true, type == PGPSignature.BINARY_DOCUMENT ? SIGNED : CREATED);
    if (issuer) {
      h.setIssuerFingerprint(true, key.getPublicKey());
    }
    if (flags != 0) {
      h.setKeyFlags(true, flags);
    }
    g.setHashedSubpackets(h.generate());
    if (!issuer) {
      // BC adds an issuer fingerprint when none is given; put it in the unhashed area, which
      // withoutUnhashed() then empties (it is not signed).
      PGPSignatureSubpacketGenerator u = new PGPSignatureSubpacketGenerator();
      u.setIssuerFingerprint(false, key.getPublicKey());
      g.setUnhashedSubpackets(u.generate());
    }
    return g;
  }

  static byte[] dataSignature(PGPKeyPair key, byte[] data) throws Exception {
    return dataSignature(key, data, true);
  }

  static byte[] dataSignature(PGPKeyPair key, byte[] data, boolean issuer) throws Exception {
    PGPSignatureGenerator g = signer(key, PGPSignature.BINARY_DOCUMENT, 0, issuer);
    g.update(data);
    byte[] packet = g.generate().getEncoded();
    return issuer ? packet : withoutUnhashed(packet);
  }

  /** A v6 signature packet (new-format header) with its unhashed subpacket area emptied. */
  static byte[] withoutUnhashed(byte[] packet) throws IOException {
    int off = 2;
    int first = packet[1] & 0xff;
    if (first >= 192 && first < 224) {
      off = 3;
    } else if (first == 255) {
      off = 6;
    }
    byte[] body = java.util.Arrays.copyOfRange(packet, off, packet.length);
    int hl = java.nio.ByteBuffer.wrap(body, 4, 4).getInt();
    int ul = java.nio.ByteBuffer.wrap(body, 8 + hl, 4).getInt();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(body, 0, 8 + hl);
    b.write(new byte[4]);
    b.write(body, 12 + hl + ul, body.length - 12 - hl - ul);
    byte[] nb = b.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xc2);
    if (nb.length < 192) {
      out.write(nb.length);
    } else {
      out.write(((nb.length - 192) >> 8) + 192);
      out.write((nb.length - 192) & 0xff);
    }
    out.write(nb);
    return out.toByteArray();
  }

  static void write(String name, byte[] bytes, boolean armor) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (armor) {
      ArmoredOutputStream a = ArmoredOutputStream.builder().clearHeaders().build(out);
      a.write(bytes);
      a.close();
    } else {
      out.write(bytes);
    }
    Files.write(Path.of(name), out.toByteArray());
  }
}
