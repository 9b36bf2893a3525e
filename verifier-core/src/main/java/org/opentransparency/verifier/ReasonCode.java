package org.opentransparency.verifier;

/**
 * Why a verification said no: the stable codes of SPEC 3.7, printed as they are named here in text
 * and JSON.
 */
public enum ReasonCode {
  BAD_SIGNATURE,
  UNKNOWN_KEY,
  KEY_NOT_AUTHORIZED,
  THRESHOLD_NOT_MET,
  KEY_NOT_YET_VALID,
  KEY_EXPIRED,
  KEY_REVOKED,
  DIGEST_MISMATCH,
  NAME_MISMATCH,
  ROLE_MISMATCH,
  WEAK_DIGEST,
  UPDATE_EXPIRED,
  ROLLBACK,
  VERSION_CONFLICT,
  MANIFEST_EXPIRED,
  MANIFEST_THRESHOLD_NOT_MET,
  MANIFEST_ROLLBACK,
  MANIFEST_INVALID,
  MALFORMED_SIGNATURE,
  MISSING_SIGNATURE,
  UNSUPPORTED_FORMAT,
  // TUF repositories (docs/tuf.md); the generic codes above are used where they fit.
  TUF_METADATA_INVALID,
  TUF_METADATA_MISSING,
  TUF_EXPIRED,
  TUF_VERSION_MISMATCH,
  TUF_ROLE_REMOVED,
  TUF_FETCH_FAILED,
  TUF_TARGET_NOT_FOUND;

  /** The wire id: the constant's name, which SPEC fixes. */
  public String id() {
    return name();
  }
}
