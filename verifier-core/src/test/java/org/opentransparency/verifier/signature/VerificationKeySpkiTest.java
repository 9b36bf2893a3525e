package org.opentransparency.verifier.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.Test;
import org.opentransparency.verifier.InvalidInputException;

/**
 * Ed25519 SubjectPublicKeyInfo keys, which {@link VerificationKey#fromSpki} reads without
 * BouncyCastle's {@code PublicKeyFactory}: a key it accepts is one the factory accepts, with the
 * same public key, and one it refuses the factory refuses too.
 */
class VerificationKeySpkiTest {
  private static final AlgorithmIdentifier ED25519 =
      new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

  private static byte[] spki(AlgorithmIdentifier alg, byte[] key) throws Exception {
    return new SubjectPublicKeyInfo(alg, key).getEncoded(ASN1Encoding.DER);
  }

  /** The outcome of BouncyCastle's factory for {@code der}: the key's encoding, or null. */
  private static byte[] factory(byte[] der) {
    try {
      AsymmetricKeyParameter key =
          PublicKeyFactory.createKey(SubjectPublicKeyInfo.getInstance(der));
      return ((Ed25519PublicKeyParameters) key).getEncoded();
    } catch (Exception e) {
      return null;
    }
  }

  @Test
  void aGeneratedKey_isRead_andVerifiesItsSignatureOnly() throws Exception {
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(new SecureRandom());
    byte[] raw = priv.generatePublicKey().getEncoded();
    byte[] der = spki(ED25519, raw);
    VerificationKey key = VerificationKey.fromSpki(der);
    assertEquals(KeyScheme.ED25519, key.scheme());
    assertArrayEquals(der, key.spki());
    assertArrayEquals(raw, factory(der));

    byte[] message = "update 42".getBytes(StandardCharsets.UTF_8);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, priv);
    signer.update(message, 0, message.length);
    byte[] signature = signer.generateSignature();
    assertTrue(key.verify(message, signature));
    assertFalse(key.verify("update 43".getBytes(StandardCharsets.UTF_8), signature));
  }

  /**
   * Keys of the wrong length, encodings that are no point of the curve and random strings: each is
   * accepted or refused as the factory accepts or refuses it, and the factory refuses some.
   */
  @Test
  void everyKeyIsReadAsTheFactoryReadsIt() throws Exception {
    HexFormat hex = HexFormat.of();
    List<byte[]> keys = new ArrayList<>();
    // Wrong lengths made from a valid key, so that only the length can refuse them: the key with a
    // byte more, and its first 31 bytes (a 32-byte read of either would be a valid key).
    byte[] valid = validKey(false);
    keys.add(valid);
    keys.add(Arrays.copyOf(valid, 33));
    keys.add(Arrays.copyOf(valid, 31));
    keys.add(new byte[0]);
    keys.add(new byte[32]);
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xff);
    keys.add(ones);
    // y = 1, the neutral element (a point of small order), and y = p, which is no canonical y.
    keys.add(hex.parseHex("0100000000000000000000000000000000000000000000000000000000000000"));
    keys.add(hex.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 64; i++) {
      byte[] k = new byte[32];
      random.nextBytes(k);
      keys.add(k);
    }
    int refused = 0;
    for (byte[] raw : keys) {
      byte[] der = spki(ED25519, raw);
      byte[] expected = factory(der);
      String what = hex.formatHex(raw);
      if (expected == null) {
        refused++;
        assertThrows(InvalidInputException.class, () -> VerificationKey.fromSpki(der), what);
      } else {
        VerificationKey key = VerificationKey.fromSpki(der);
        assertArrayEquals(der, key.spki(), what);
        assertArrayEquals(
            expected, ((Ed25519PublicKeyParameters) key.parameters()).getEncoded(), what);
        assertArrayEquals(raw, expected, what);
      }
    }
    assertTrue(refused >= 4, "the factory refused only " + refused + " keys");
  }

  /** A generated Ed25519 public key; with {@code evenLastByte}, one whose last bit is 0. */
  private static byte[] validKey(boolean evenLastByte) {
    SecureRandom random = new SecureRandom();
    while (true) {
      byte[] raw = new Ed25519PrivateKeyParameters(random).generatePublicKey().getEncoded();
      if (!evenLastByte || (raw[31] & 1) == 0) {
        return raw;
      }
    }
  }

  @Test
  void parametersOrABitStringWithUnusedBits_areRefused() throws Exception {
    byte[] raw = validKey(true);
    assertArrayEquals(raw, factory(spki(ED25519, raw)));
    byte[] withNull =
        spki(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519, DERNull.INSTANCE), raw);
    assertThrows(InvalidInputException.class, () -> VerificationKey.fromSpki(withNull));
    // The valid key as a BIT STRING of 255 bits: the bit it drops is 0, so a reader that ignored
    // the unused bits would read the valid key back.
    byte[] padded =
        new DERSequence(new ASN1Encodable[] {ED25519, new DERBitString(raw, 1)})
            .getEncoded(ASN1Encoding.DER);
    assertNull(factory(padded));
    assertThrows(InvalidInputException.class, () -> VerificationKey.fromSpki(padded));
  }
}
