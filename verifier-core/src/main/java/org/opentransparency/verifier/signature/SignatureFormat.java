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
    return RAW;
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
