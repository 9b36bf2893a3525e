package org.opentransparency.verifier.signature;

import java.nio.charset.StandardCharsets;

/** Signature file formats, told apart by content, never by file name. */
public enum SignatureFormat {
  /** A DSSE envelope holding an in-toto statement (SPEC 3.6). */
  DSSE("dsse"),
  /** Signature bytes over the file itself: binary, hex or base64. */
  RAW("raw"),
  OPENPGP("openpgp"),
  MINISIGN("minisign"),
  SIGNIFY("signify"),
  CMS("cms");

  private final String id;

  SignatureFormat(String id) {
    this.id = id;
  }

  /** The JSON id. */
  public String id() {
    return id;
  }

  /** The format of a signature file's content. */
  static SignatureFormat detect(byte[] sig) {
    String head =
        new String(sig, 0, Math.min(sig.length, 256), StandardCharsets.ISO_8859_1).stripLeading();
    // A binary raw signature may start with '{' too (1 in 256); JSON is text throughout.
    if (head.startsWith("{") && isText(sig)) {
      return DSSE;
    }
    if (head.startsWith("-----BEGIN PGP SIGNATURE-----")) {
      return OPENPGP;
    }
    if (head.startsWith("untrusted comment:")) {
      // Both start so; only minisign adds a "trusted comment:" line and a global signature.
      String all = new String(sig, StandardCharsets.ISO_8859_1);
      return all.contains("\ntrusted comment:") ? MINISIGN : SIGNIFY;
    }
    if (head.startsWith("-----BEGIN PKCS7-----") || head.startsWith("-----BEGIN CMS-----")) {
      return CMS;
    }
    if (isOpenPgpPackets(sig)) {
      return OPENPGP;
    }
    if (isCmsSignedData(sig)) {
      return CMS;
    }
    return RAW;
  }

  /** Whether the bytes are not text: a binary OpenPGP or DER CMS signature, or a raw one. */
  static boolean isBinary(byte[] sig) {
    return !isText(sig);
  }

  /**
   * Whether the bytes are a sequence of OpenPGP signature packets (tag 2, old or new header format)
   * that ends exactly at the end of the file. Random bytes (a raw signature) pass this with a
   * probability of about 1 in 100,000; those are checked as raw when they do not parse.
   */
  static boolean isOpenPgpPackets(byte[] b) {
    int i = 0;
    int packets = 0;
    while (i < b.length) {
      int h = b[i] & 0xff;
      long len;
      int next;
      if ((h & 0xc0) == 0xc0) {
        // New format: the tag is the low six bits.
        if ((h & 0x3f) != 2 || i + 1 >= b.length) {
          return false;
        }
        int l0 = b[i + 1] & 0xff;
        if (l0 < 192) {
          len = l0;
          next = i + 2;
        } else if (l0 < 224) {
          if (i + 2 >= b.length) {
            return false;
          }
          len = ((l0 - 192L) << 8) + (b[i + 2] & 0xff) + 192;
          next = i + 3;
        } else if (l0 == 255) {
          if (i + 5 >= b.length) {
            return false;
          }
          len = readBe(b, i + 2, 4);
          next = i + 6;
        } else {
          return false; // partial lengths are not used for signature packets
        }
      } else if ((h & 0xc0) == 0x80) {
        // Old format: tag in bits 5-2, length type in bits 1-0.
        if (((h >> 2) & 0x0f) != 2) {
          return false;
        }
        int type = h & 3;
        if (type == 3) {
          return false;
        }
        int n = 1 << type;
        if (i + n >= b.length) {
          return false;
        }
        len = readBe(b, i + 1, n);
        next = i + 1 + n;
      } else {
        return false;
      }
      if (len < 1 || next + len > b.length) {
        return false;
      }
      i = (int) (next + len);
      packets++;
    }
    return packets > 0;
  }

  private static long readBe(byte[] b, int off, int n) {
    long v = 0;
    for (int k = 0; k < n; k++) {
      v = (v << 8) | (b[off + k] & 0xff);
    }
    return v;
  }

  /** Whether the bytes are one DER/BER ContentInfo of type signedData, with nothing after it. */
  static boolean isCmsSignedData(byte[] b) {
    if (b.length < 16 || b[0] != 0x30) {
      return false;
    }
    try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(b)) {
      org.bouncycastle.asn1.ASN1Primitive p = in.readObject();
      if (p == null || in.readObject() != null) {
        return false;
      }
      org.bouncycastle.asn1.cms.ContentInfo ci =
          org.bouncycastle.asn1.cms.ContentInfo.getInstance(p);
      return org.bouncycastle.asn1.cms.CMSObjectIdentifiers.signedData.equals(ci.getContentType());
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isText(byte[] b) {
    for (byte x : b) {
      if (x >= 0 && x < 0x20 && x != '\t' && x != '\n' && x != '\r' || x == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
