package org.opentransparency.verifier.signature;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.opentransparency.verifier.ReasonCode;
import org.opentransparency.verifier.hash.DigestAlgorithm;
import org.opentransparency.verifier.hash.MultiDigester;
import org.opentransparency.verifier.manifest.ManifestKey;

/**
 * RFC 3161 timestamp tokens in a SignerInfo's unsigned attribute id-aa-signatureTimeStampToken. A
 * token counts only when its message imprint is the hash of that SignerInfo's signature value, its
 * signer certificate (from the token's own certificate set) has the timeStamping extended key usage
 * and chains (certificates valid at genTime) to an {@code x509-ca} key of the manifest holding role
 * {@code timestamp}, that key is usable at T (its manifest window), its signature verifies, and
 * genTime is not after T. BC's {@link TimeStampToken#validate} checks neither the chain nor the
 * imprint: both are done here.
 */
final class CmsTimestamps {
  private CmsTimestamps() {}

  static final ASN1ObjectIdentifier TOKEN_ATTRIBUTE =
      new ASN1ObjectIdentifier("1.2.840.113549.1.9.16.2.14");

  static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

  /** The manifest role a TSA's CA must hold. */
  static final String ROLE = "timestamp";

  /** No token (both null), a valid token's genTime, or why the token present is refused. */
  static final class Result {
    final Instant genTime;
    final CmsSignatures.Refusal refusal;

    private Result(Instant genTime, CmsSignatures.Refusal refusal) {
      this.genTime = genTime;
      this.refusal = refusal;
    }
  }

  private static final Result NONE = new Result(null, null);

  private static Result no(ReasonCode code, String message) {
    return new Result(null, new CmsSignatures.Refusal(code, message));
  }

  static Result check(
      SignerInformation si,
      List<ManifestKey> cas,
      Instant at,
      String what,
      CmsSignatures.Budget budget) {
    AttributeTable unsigned = si.getUnsignedAttributes();
    if (unsigned == null || unsigned.getAll(TOKEN_ATTRIBUTE).size() == 0) {
      return NONE;
    }
    String tsWhat = "the RFC 3161 timestamp of " + what;
    ASN1Encodable value = CmsSignatures.single(unsigned, TOKEN_ATTRIBUTE);
    if (value == null) {
      return no(
          ReasonCode.MALFORMED_SIGNATURE,
          what + " carries more than one timestamp token attribute, or one with several values");
    }
    TimeStampToken token;
    try {
      token = new TimeStampToken(ContentInfo.getInstance(value));
    } catch (Exception e) {
      return no(ReasonCode.MALFORMED_SIGNATURE, tsWhat + " does not parse: " + e.getMessage());
    }
    TimeStampTokenInfo info = token.getTimeStampInfo();
    ASN1ObjectIdentifier imprintOid = info.getMessageImprintAlgOID();
    CmsSignatures.Refusal r = CmsSignatures.digestPolicy(imprintOid, tsWhat + "'s message imprint");
    if (r != null) {
      return new Result(null, r);
    }
    DigestAlgorithm alg = CmsSignatures.strongDigest(imprintOid);
    byte[] expected = MultiDigester.digest(si.getSignature(), List.of(alg)).get(alg).bytes();
    if (!Arrays.equals(expected, info.getMessageImprintDigest())) {
      return no(
          ReasonCode.BAD_SIGNATURE,
          tsWhat + " is for another signature (its message imprint does not match)");
    }
    Instant genTime = info.getGenTime().toInstant();
    if (genTime.isAfter(at)) {
      return no(
          ReasonCode.BAD_SIGNATURE,
          tsWhat + " says " + genTime + ", after the verification time " + at);
    }
    SignerInformation tsSigner =
        token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
    r = CmsSignatures.digestPolicy(tsSigner.getDigestAlgorithmID().getAlgorithm(), tsWhat);
    if (r != null) {
      return new Result(null, r);
    }
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
    if (matches.size() != 1) {
      return no(
          ReasonCode.UNKNOWN_KEY,
          tsWhat + ": the TSA certificate is not in the token's certificate set");
    }
    X509CertificateHolder tsaHolder = matches.iterator().next();
    X509Certificate tsa;
    List<X509Certificate> pool;
    try {
      tsa = CmsKeys.jdk(tsaHolder.getEncoded());
      pool = CmsSignatures.pool(token.getCertificates());
    } catch (org.opentransparency.verifier.InvalidInputException e) {
      return no(ReasonCode.MALFORMED_SIGNATURE, tsWhat + ": " + e.getMessage());
    } catch (CertificateException | IOException | RuntimeException e) {
      return no(ReasonCode.MALFORMED_SIGNATURE, tsWhat + ": unreadable TSA certificate");
    }
    r =
        CmsSignatures.signaturePolicy(
            tsSigner.toASN1Structure().getDigestEncryptionAlgorithm(), tsa.getPublicKey(), tsWhat);
    if (r != null) {
      return new Result(null, r);
    }
    r = CmsSignatures.usage(tsa, TIME_STAMPING, "TSA certificate");
    if (r != null) {
      return new Result(null, r);
    }
    // The TSA's chain: to a CA holding role timestamp, else say which CA it reached.
    List<ManifestKey> withRole = new ArrayList<>();
    List<ManifestKey> others = new ArrayList<>();
    for (ManifestKey k : cas) {
      (k.hasRole(ROLE) ? withRole : others).add(k);
    }
    CmsChains.Result chain = CmsChains.validate(tsa, pool, withRole, genTime, budget);
    if (!chain.ok()) {
      if (chain.code == ReasonCode.UNKNOWN_KEY) {
        CmsChains.Result other = CmsChains.validate(tsa, pool, others, genTime, budget);
        if (other.ok()) {
          return no(
              ReasonCode.KEY_NOT_AUTHORIZED,
              tsWhat
                  + ": the TSA chains to key "
                  + other.ca.keyId()
                  + ", which does not hold role "
                  + ROLE);
        }
      }
      return no(chain.code, tsWhat + ": TSA " + chain.message);
    }
    // The manifest window at T (SPEC 3.7), like the signing CA's; X.509 validity at genTime.
    Optional<ReasonCode> unusable = chain.ca.unusableAt(at);
    if (unusable.isPresent()) {
      return no(
          unusable.get(),
          tsWhat
              + ": the TSA's CA key "
              + chain.ca.keyId()
              + " is not usable at "
              + at
              + " ("
              + unusable.get()
              + ")");
    }
    if (!budget.take(1)) {
      return new Result(null, budget.refusal());
    }
    try {
      // Checks the token's signature, its ESS signing-certificate link to this certificate, and
      // the certificate's validity at genTime.
      token.validate(
          new JcaSimpleSignerInfoVerifierBuilder().setProvider(CmsSignatures.BC).build(tsaHolder));
    } catch (Exception e) {
      return no(ReasonCode.BAD_SIGNATURE, tsWhat + " does not verify: " + e.getMessage());
    }
    return new Result(genTime, null);
  }
}
