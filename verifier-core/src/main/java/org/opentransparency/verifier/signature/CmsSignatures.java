package org.opentransparency.verifier.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Store;
import org.opentransparency.verifier.InvalidInputException;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.Digest;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.manifest.ManifestKey;

/**
 * CMS/PKCS#7 detached signatures (SPEC 3.7, 3.9; docs/signatures-cms.md): every SignerInfo's signer
 * certificate, found in the signature's certificate set, must chain to an {@code x509-ca} key of
 * the manifest and carry the codeSigning extended key usage; the signed attributes' message-digest
 * must match the update and their signature verify with the signer's key. An RFC 3161 token in the
 * SignerInfo moves the time the certificates' X.509 validity is judged at to its genTime; the
 * manifest's windows of the CA keys are always judged at T.
 */
final class CmsSignatures {
  private CmsSignatures() {}

  /** At most this many SignerInfos in one file. */
  static final int MAX_SIGNERS = 16;

  /** At most this many certificates in one certificate set. */
  static final int MAX_CERTIFICATES = 64;

  static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";

  static final java.security.Provider BC = new BouncyCastleProvider();

  /** At most this many signature checks for one file, in all its SignerInfos, chains and tokens. */
  static final int MAX_CHECKS = 256;

  /**
   * The signature checks one file may still cost: every SignerInfo verification, every certificate
   * signature tried while building a path (the signer's and the TSA's), every certificate PKIX
   * verifies again, every token signature. Once spent, whatever still needs a check is refused.
   */
  static final class Budget {
    private int left = MAX_CHECKS;
    private boolean exhausted;

    /** Spends {@code n} checks; false (and nothing spent) when fewer are left. */
    boolean take(int n) {
      if (n > left) {
        exhausted = true;
        return false;
      }
      left -= n;
      return true;
    }

    boolean exhausted() {
      return exhausted;
    }

    Refusal refusal() {
      return new Refusal(
          ReasonCode.MALFORMED_SIGNATURE,
          "the CMS signature needs more than " + MAX_CHECKS + " signature checks; not checked");
    }
  }

  /** The DER (or BER) of a DER or PEM ({@code PKCS7}, {@code CMS}) signature file. */
  static byte[] unarmor(byte[] sig) throws InvalidInputException {
    String text = new String(sig, StandardCharsets.ISO_8859_1).strip();
    for (String label : List.of("PKCS7", "CMS")) {
      String begin = "-----BEGIN " + label + "-----";
      String end = "-----END " + label + "-----";
      if (text.startsWith(begin)) {
        if (!text.endsWith(end)) {
          throw new InvalidInputException("PEM block without its " + end + " line");
        }
        String body = text.substring(begin.length(), text.length() - end.length());
        // Only the base64 alphabet, '=' padding and line breaks: a MIME decoder would skip
        // anything else (another PEM block, stray text) without a word.
        if (!body.matches("[A-Za-z0-9+/=\r\n]*")) {
          throw new InvalidInputException(
              "the PEM block holds something other than base64 and line breaks");
        }
        try {
          return Base64.getDecoder().decode(body.replaceAll("[\r\n]", ""));
        } catch (IllegalArgumentException e) {
          throw new InvalidInputException("bad base64 in the PEM block", e);
        }
      }
    }
    return sig;
  }

  /** The digest a CMS digestAlgorithm names, when it is one the verifier accepts. */
  static DigestAlgorithm strongDigest(ASN1ObjectIdentifier oid) {
    if (NISTObjectIdentifiers.id_sha256.equals(oid)) {
      return DigestAlgorithm.SHA256;
    }
    if (NISTObjectIdentifiers.id_sha384.equals(oid)) {
      return DigestAlgorithm.SHA384;
    }
    if (NISTObjectIdentifiers.id_sha512.equals(oid)) {
      return DigestAlgorithm.SHA512;
    }
    return null;
  }

  static boolean weakDigest(ASN1ObjectIdentifier oid) {
    return OIWObjectIdentifiers.idSHA1.equals(oid)
        || PKCSObjectIdentifiers.md5.equals(oid)
        || PKCSObjectIdentifiers.md2.equals(oid);
  }

  /** A failure: a reason code and its explanation. */
  record Refusal(ReasonCode code, String message) {}

  /**
   * Why a SignerInfo's digest algorithm is refused, or null: SHA-256/384/512 only; SHA-1 and MD5
   * are weak, the rest unsupported.
   */
  static Refusal digestPolicy(ASN1ObjectIdentifier oid, String what) {
    if (strongDigest(oid) != null) {
      return null;
    }
    if (weakDigest(oid)) {
      return new Refusal(
          ReasonCode.WEAK_DIGEST, what + " uses the weak digest " + digestName(oid) + "");
    }
    return new Refusal(
        ReasonCode.UNSUPPORTED_FORMAT, what + " uses the unsupported digest " + oid.getId());
  }

  private static String digestName(ASN1ObjectIdentifier oid) {
    return OIWObjectIdentifiers.idSHA1.equals(oid) ? "SHA-1" : "MD5/MD2 (" + oid.getId() + ")";
  }

  /**
   * Why a SignerInfo's signature algorithm is refused for this key, or null: the algorithm a signer
   * names must fit its certificate's key (ECDSA with an EC key on P-256/384/521, RSA PKCS#1 v1.5 or
   * PSS with an RSA key of 2048 bits or more, Ed25519 with an Ed25519 key) and hash with SHA-256 or
   * stronger.
   */
  static Refusal signaturePolicy(AlgorithmIdentifier sigAlg, PublicKey key, String what) {
    ASN1ObjectIdentifier oid = sigAlg.getAlgorithm();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
    ASN1ObjectIdentifier keyAlg = spki.getAlgorithm().getAlgorithm();
    if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA1)
        || oid.equals(PKCSObjectIdentifiers.sha1WithRSAEncryption)
        || oid.equals(PKCSObjectIdentifiers.md5WithRSAEncryption)) {
      return new Refusal(ReasonCode.WEAK_DIGEST, what + " is signed with SHA-1 or MD5");
    }
    boolean ecdsa =
        oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA256)
            || oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA384)
            || oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA512);
    boolean rsa =
        oid.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption)
            || oid.equals(PKCSObjectIdentifiers.sha384WithRSAEncryption)
            || oid.equals(PKCSObjectIdentifiers.sha512WithRSAEncryption)
            || oid.equals(PKCSObjectIdentifiers.rsaEncryption)
            || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS);
    boolean ed25519 = oid.equals(EdECObjectIdentifiers.id_Ed25519);
    if (ecdsa) {
      ASN1Encodable curve = spki.getAlgorithm().getParameters();
      boolean known =
          keyAlg.equals(X9ObjectIdentifiers.id_ecPublicKey)
              && (X9ObjectIdentifiers.prime256v1.equals(curve)
                  || SECObjectIdentifiers.secp384r1.equals(curve)
                  || SECObjectIdentifiers.secp521r1.equals(curve));
      return known
          ? null
          : new Refusal(
              ReasonCode.BAD_SIGNATURE, what + " claims ECDSA but its key is not P-256/384/521");
    }
    if (rsa) {
      if (!keyAlg.equals(PKCSObjectIdentifiers.rsaEncryption) || !(key instanceof RSAPublicKey)) {
        return new Refusal(ReasonCode.BAD_SIGNATURE, what + " claims RSA but its key is not RSA");
      }
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      if (bits < VerificationKey.MIN_RSA_BITS) {
        return new Refusal(
            ReasonCode.BAD_SIGNATURE,
            what + " has an RSA key of " + bits + " bits, under " + VerificationKey.MIN_RSA_BITS);
      }
      if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
        RSASSAPSSparams p = RSASSAPSSparams.getInstance(sigAlg.getParameters());
        AlgorithmIdentifier mgfHash = AlgorithmIdentifier.getInstance(p.getMaskGenAlgorithm());
        if (strongDigest(p.getHashAlgorithm().getAlgorithm()) == null
            || !PKCSObjectIdentifiers.id_mgf1.equals(mgfHash.getAlgorithm())
            || strongDigest(AlgorithmIdentifier.getInstance(mgfHash.getParameters()).getAlgorithm())
                == null) {
          return new Refusal(
              ReasonCode.WEAK_DIGEST, what + " uses RSA-PSS without SHA-256 or stronger");
        }
      }
      return null;
    }
    if (ed25519) {
      return keyAlg.equals(EdECObjectIdentifiers.id_Ed25519)
          ? null
          : new Refusal(
              ReasonCode.BAD_SIGNATURE, what + " claims Ed25519 but its key is not Ed25519");
    }
    return new Refusal(
        ReasonCode.UNSUPPORTED_FORMAT, what + " uses the unsupported signature algorithm " + oid);
  }

  /** The certificates of a certificate set, in the JDK's form (bounded). */
  static List<X509Certificate> pool(Store<X509CertificateHolder> store)
      throws InvalidInputException {
    Collection<X509CertificateHolder> all = store.getMatches(null);
    if (all.size() > MAX_CERTIFICATES) {
      throw new InvalidInputException("more than " + MAX_CERTIFICATES + " certificates");
    }
    List<X509Certificate> out = new ArrayList<>();
    for (X509CertificateHolder h : all) {
      try {
        out.add(CmsKeys.jdk(h.getEncoded()));
      } catch (CertificateException | IOException | RuntimeException e) {
        throw new InvalidInputException("a certificate of the signature cannot be read", e);
      }
    }
    return out;
  }

  /** The certificates of a set that match a SignerInfo's signer identifier. */
  @SuppressWarnings("unchecked")
  static List<X509CertificateHolder> signerCerts(
      Store<X509CertificateHolder> store, SignerInformation si) {
    return new ArrayList<>(store.getMatches(si.getSID()));
  }

  /** Whether a leaf may sign code: codeSigning EKU, and digitalSignature when keyUsage is set. */
  static Refusal usage(X509Certificate leaf, String purpose, String what) {
    try {
      List<String> eku = leaf.getExtendedKeyUsage();
      if (eku == null || !eku.contains(purpose)) {
        return new Refusal(
            ReasonCode.KEY_NOT_AUTHORIZED,
            what
                + " "
                + CmsKeys.name(leaf)
                + " lacks the "
                + (purpose.equals(CODE_SIGNING) ? "codeSigning" : "timeStamping")
                + " extended key usage");
      }
      boolean[] ku = leaf.getKeyUsage();
      if (ku != null && !ku[0] && !ku[1]) {
        return new Refusal(
            ReasonCode.KEY_NOT_AUTHORIZED,
            what + " " + CmsKeys.name(leaf) + " may not sign (keyUsage)");
      }
      return null;
    } catch (CertificateException | RuntimeException e) {
      return new Refusal(ReasonCode.KEY_NOT_AUTHORIZED, what + " has an unreadable EKU");
    }
  }

  private static DetachedCheck refusal(ReasonCode code, String message) {
    return DetachedCheck.refusal(code, message, MAX_SIGNERS);
  }

  static DetachedCheck parse(byte[] signature, List<ManifestKey> keys)
      throws InvalidInputException {
    byte[] der = unarmor(signature);
    CMSSignedData parsed;
    SignedData sd;
    List<X509Certificate> pool;
    Collection<SignerInformation> signers;
    try {
      ContentInfo ci = ContentInfo.getInstance(ASN1Primitive.fromByteArray(der));
      if (!CMSObjectIdentifiers.signedData.equals(ci.getContentType())) {
        throw new InvalidInputException("CMS content is not signedData");
      }
      sd = SignedData.getInstance(ci.getContent());
      parsed = new CMSSignedData(ci);
      pool = pool(parsed.getCertificates());
      signers = parsed.getSignerInfos().getSigners();
      for (SignerInformation si : signers) {
        si.getDigestAlgorithmID().getAlgorithm();
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (Exception e) {
      throw new InvalidInputException("not a CMS SignedData: " + e.getMessage(), e);
    }
    if (sd.getEncapContentInfo().getContent() != null) {
      return refusal(
          ReasonCode.UNSUPPORTED_FORMAT,
          "the CMS signature carries the signed content itself; only detached signatures are"
              + " supported (openssl cms -sign without -nodetach)");
    }
    if (!CMSObjectIdentifiers.data.equals(sd.getEncapContentInfo().getContentType())) {
      return refusal(
          ReasonCode.UNSUPPORTED_FORMAT,
          "the CMS signature's content type is "
              + sd.getEncapContentInfo().getContentType()
              + ", not id-data");
    }
    if (signers.isEmpty()) {
      throw new InvalidInputException("CMS SignedData without a SignerInfo");
    }
    if (signers.size() > MAX_SIGNERS) {
      return refusal(
          ReasonCode.MALFORMED_SIGNATURE,
          "the CMS signature has " + signers.size() + " SignerInfos, more than " + MAX_SIGNERS);
    }
    Set<DigestAlgorithm> needed = EnumSet.noneOf(DigestAlgorithm.class);
    for (SignerInformation si : signers) {
      DigestAlgorithm a = strongDigest(si.getDigestAlgorithmID().getAlgorithm());
      if (a != null) {
        needed.add(a);
      }
    }
    List<ManifestKey> cas = CmsChains.cas(keys);
    return new DetachedCheck() {
      @Override
      public Set<DigestAlgorithm> digests() {
        return needed;
      }

      @Override
      public List<UpdateContent.Sink> sinks() {
        return List.of();
      }

      @Override
      public void finish(Map<DigestAlgorithm, Digest> digests, CheckOutcome out) {
        Map<ASN1ObjectIdentifier, byte[]> hashes = new HashMap<>();
        for (SignerInformation si : signers) {
          ASN1ObjectIdentifier oid = si.getDigestAlgorithmID().getAlgorithm();
          DigestAlgorithm a = strongDigest(oid);
          // A digest this verifier refuses gets an empty placeholder, so that BC still lists the
          // SignerInfo; it is refused by judge() before any verification.
          hashes.put(oid, a != null ? digests.get(a).bytes() : new byte[0]);
        }
        CMSSignedData withHashes;
        try {
          withHashes = new CMSSignedData(hashes, der);
        } catch (Exception e) {
          out.problem(ReasonCode.MALFORMED_SIGNATURE, "CMS signature: " + e.getMessage());
          return;
        }
        Collection<SignerInformation> infos;
        try {
          infos = withHashes.getSignerInfos().getSigners();
        } catch (RuntimeException e) {
          out.problem(ReasonCode.MALFORMED_SIGNATURE, "CMS signature: " + e.getMessage());
          return;
        }
        int n = 0;
        Budget budget = new Budget();
        for (SignerInformation si : infos) {
          n++;
          String what = signers.size() == 1 ? "the CMS signature" : "CMS signature " + n;
          try {
            Judged j = judge(si, withHashes, pool, digests, cas, out.at(), what, budget);
            if (j.refusal != null) {
              out.problem(j.refusal.code(), j.refusal.message());
            } else {
              // The manifest window of the CA is judged at T (SPEC 3.7: each key usable at T);
              // only the X.509 validity of the chain moves to a token's genTime.
              out.verifiedBy(j.ca);
              if (j.timestamped) {
                out.detail("timestamp", j.time.toString());
              }
            }
          } catch (RuntimeException e) {
            out.problem(
                ReasonCode.BAD_SIGNATURE,
                what + " could not be checked: " + e.getClass().getSimpleName());
          }
        }
      }

      @Override
      public int maxSignatures() {
        return MAX_SIGNERS;
      }
    };
  }

  /** The judgement of one SignerInfo: the manifest CA and time, or a refusal. */
  static final class Judged {
    final Refusal refusal;
    final ManifestKey ca;
    final Instant time;
    final boolean timestamped;

    Judged(Refusal refusal, ManifestKey ca, Instant time, boolean timestamped) {
      this.refusal = refusal;
      this.ca = ca;
      this.time = time;
      this.timestamped = timestamped;
    }

    static Judged no(ReasonCode code, String message) {
      return new Judged(new Refusal(code, message), null, null, false);
    }

    static Judged no(Refusal r) {
      return new Judged(r, null, null, false);
    }
  }

  private static Judged judge(
      SignerInformation si,
      CMSSignedData sd,
      List<X509Certificate> pool,
      Map<DigestAlgorithm, Digest> digests,
      List<ManifestKey> cas,
      Instant at,
      String what,
      Budget budget) {
    ASN1ObjectIdentifier digestOid = si.getDigestAlgorithmID().getAlgorithm();
    Refusal r = digestPolicy(digestOid, what);
    if (r != null) {
      return Judged.no(r);
    }
    AttributeTable signed = si.getSignedAttributes();
    if (signed == null) {
      return Judged.no(
          ReasonCode.UNSUPPORTED_FORMAT,
          what + " has no signed attributes (content-type, message-digest); not supported");
    }
    ASN1Encodable contentType = single(signed, CMSAttributes.contentType);
    if (!CMSObjectIdentifiers.data.equals(contentType)) {
      return Judged.no(
          ReasonCode.BAD_SIGNATURE,
          what + " needs exactly one content-type signed attribute of id-data");
    }
    ASN1Encodable md = single(signed, CMSAttributes.messageDigest);
    if (!(md instanceof ASN1OctetString)) {
      return Judged.no(
          ReasonCode.BAD_SIGNATURE, what + " needs exactly one message-digest signed attribute");
    }
    DigestAlgorithm alg = strongDigest(digestOid);
    if (!Arrays.equals(((ASN1OctetString) md).getOctets(), digests.get(alg).bytes())) {
      return Judged.no(
          ReasonCode.DIGEST_MISMATCH,
          what + ": the file's " + alg.id() + " does not match the signed message-digest");
    }
    List<X509CertificateHolder> candidates = signerCerts(sd.getCertificates(), si);
    if (candidates.isEmpty()) {
      return Judged.no(
          ReasonCode.UNKNOWN_KEY,
          what + ": the signer's certificate is not in the signature's certificate set");
    }
    Judged last = null;
    // Two certificates with one identifier are already odd; more are not tried.
    for (X509CertificateHolder holder : candidates.subList(0, Math.min(2, candidates.size()))) {
      last = judgeWith(si, holder, pool, cas, at, what, budget);
      if (last.refusal == null) {
        return last;
      }
    }
    return last;
  }

  private static Judged judgeWith(
      SignerInformation si,
      X509CertificateHolder holder,
      List<X509Certificate> pool,
      List<ManifestKey> cas,
      Instant at,
      String what,
      Budget budget) {
    X509Certificate leaf;
    try {
      leaf = CmsKeys.jdk(holder.getEncoded());
    } catch (CertificateException | IOException e) {
      return Judged.no(ReasonCode.MALFORMED_SIGNATURE, what + ": unreadable signer certificate");
    }
    Refusal r =
        signaturePolicy(
            si.toASN1Structure().getDigestEncryptionAlgorithm(), leaf.getPublicKey(), what);
    if (r != null) {
      return Judged.no(r);
    }
    if (!budget.take(1)) {
      return Judged.no(budget.refusal());
    }
    if (!verifies(si, leaf.getPublicKey())) {
      return Judged.no(
          ReasonCode.BAD_SIGNATURE,
          what + " does not verify with the key of " + CmsKeys.name(leaf));
    }
    CmsTimestamps.Result ts = CmsTimestamps.check(si, cas, at, what, budget);
    if (ts.refusal != null) {
      return Judged.no(ts.refusal);
    }
    Instant time = ts.genTime != null ? ts.genTime : at;
    CmsChains.Result chain = CmsChains.validate(leaf, pool, cas, time, budget);
    if (!chain.ok()) {
      return Judged.no(chain.code, what + ": " + chain.message + atText(ts, time));
    }
    r = usage(leaf, CODE_SIGNING, "signer certificate");
    if (r != null) {
      return Judged.no(r);
    }
    return new Judged(null, chain.ca, time, ts.genTime != null);
  }

  private static String atText(CmsTimestamps.Result ts, Instant time) {
    return ts.genTime != null ? " (judged at the RFC 3161 time " + time + ")" : "";
  }

  /** Whether the signature over the DER signed attributes verifies with this key (fail closed). */
  static boolean verifies(SignerInformation si, PublicKey key) {
    try {
      return si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(key));
    } catch (Exception e) {
      // BC throws on a message-digest mismatch and on bad encodings: not verified.
      return false;
    }
  }

  /** The one value of the one attribute of this type, or null when there is not exactly one. */
  static ASN1Encodable single(AttributeTable table, ASN1ObjectIdentifier type) {
    var all = table.getAll(type);
    if (all.size() != 1) {
      return null;
    }
    ASN1Set values = Attribute.getInstance(all.get(0)).getAttrValues();
    return values.size() == 1 ? values.getObjectAt(0) : null;
  }
}
