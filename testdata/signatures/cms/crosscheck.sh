#!/usr/bin/env bash
# Checks every CMS fixture with openssl and with ./verifier, prints both verdicts side by side,
# and exits non-zero when they disagree outside the principled disagreements listed below.
# Run by hand (not by the tests), from anywhere: testdata/signatures/cms/crosscheck.sh
#
# The openssl side:
#   openssl cms -verify -binary -inform DER|PEM -in SIG -content FILE -CAfile root-ca.pem
#     -purpose any -attime EPOCH -out /dev/null
#   and the signer certificate (-signer) must list Code Signing in extendedKeyUsage: OpenSSL
#   3.0 has no "-purpose codesign" (3.2 added it), so the EKU is checked with openssl x509.
#   With an RFC 3161 token in the SignerInfo (extracted with Debian's python3-asn1crypto, as
#   openssl cannot): openssl ts -verify -data <signature value> -in TOKEN -token_in
#   -CAfile tsa-ca.pem -attime genTime must pass, and the CMS is then verified at genTime.
#   The CA files play the part of the manifest roles: root-ca.pem and extra-ca.pem are the
#   "software" CAs, tsa-ca.pem and extra-tsa-ca.pem the "timestamp" CAs (openssl has no role
#   concept).
#
# Principled disagreements (the verdicts differ on purpose):
#   sha1.p7s             openssl still accepts SHA-1 in CMS; the verifier: WEAK_DIGEST.
#   attached.p7s         openssl verifies -content against an attached signature; the verifier
#                        supports detached signatures only: UNSUPPORTED_FORMAT.
#   expired-ts.p7s @ AT  the token's genTime (when make.sh ran) is after T; openssl does not
#                        relate genTime to the verification time, the verifier refuses a token
#                        from the future (BAD_SIGNATURE) and never falls back to T.
#   two-signers.p7s      one SignerInfo under root-ca, one under other-ca (not in the manifest):
#   (openssl refuses)    openssl requires every SignerInfo to verify; the verifier counts the
#                        distinct manifest CAs that verify against the role's threshold (1).
#   sha1-cert.p7s        the leaf's certificate is signed with ecdsa-with-SHA1; openssl 3.0
#   sha1-tsa.p7s         accepts it (security level 1), the verifier refuses SHA-1 in every
#                        certificate signature of a path: WEAK_DIGEST.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../../.." && pwd -P)
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

AT=2026-11-22T00:00:00Z
LATER=2029-01-01T00:00:00Z
V="$repo/verifier"

# A manifest: two root keys, root-ca.pem and extra-ca.pem for software, tsa-ca.pem and
# extra-tsa-ca.pem for timestamp.
for k in r1 r2; do "$V" keygen --scheme ed25519 --out $k >/dev/null; done
"$V" manifest create --publisher "Crosscheck" --version 1 --expires 2030-01-01T00:00:00Z \
  --at 2026-11-01T00:00:00Z --key root=r1.pub --key root=r2.pub \
  --key software="$here/root-ca.pem" --key timestamp="$here/tsa-ca.pem" \
  --key software="$here/extra-ca.pem" --key timestamp="$here/extra-tsa-ca.pem" --threshold root=2 \
  -o m.json >/dev/null
"$V" manifest sign -q --key r1.key m.json
"$V" manifest sign -q --key r2.key m.json

cat "$here/root-ca.pem" "$here/extra-ca.pem" > software-cas.pem
cat "$here/tsa-ca.pem" "$here/extra-tsa-ca.pem" > timestamp-cas.pem

epoch() { date -u -d "$1" +%s; }

# Writes token.der and sigvalue.bin when the first SignerInfo carries a token; exit 1 if none.
extract() {
  "$PY" - "$1" <<'PY'
import sys
from asn1crypto import cms
ci = cms.ContentInfo.load(open(sys.argv[1], 'rb').read())
si = ci['content']['signer_infos'][0]
open('sigvalue.bin', 'wb').write(si['signature'].native)
for a in (si['unsigned_attrs'] or []):
    if a['type'].dotted == '1.2.840.113549.1.9.16.2.14':
        open('token.der', 'wb').write(a['values'][0].dump())
        sys.exit(0)
sys.exit(1)
PY
}

openssl_verdict() { # SIG FILE AT
  local sig=$1 file=$2 at=$3 inform=DER
  grep -q -- '-----BEGIN' "$sig" && inform=PEM
  rm -f token.der signer.pem
  local when
  when=$(epoch "$at")
  if [ "$inform" = DER ] && extract "$sig" 2>/dev/null; then
    local gen
    gen=$(openssl ts -reply -in token.der -token_in -text -token_out 2>/dev/null \
      | sed -n 's/^Time stamp: //p')
    if ! openssl ts -verify -data sigvalue.bin -in token.der -token_in \
      -CAfile timestamp-cas.pem -attime "$(epoch "$gen")" >/dev/null 2>&1; then
      echo "FAIL(timestamp)"
      return
    fi
    when=$(epoch "$gen")
  fi
  if ! openssl cms -verify -binary -inform $inform -in "$sig" -content "$file" \
    -CAfile software-cas.pem -purpose any -attime "$when" -signer signer.pem \
    -out /dev/null >/dev/null 2>&1; then
    echo "FAIL"
    return
  fi
  if ! openssl x509 -in signer.pem -noout -ext extendedKeyUsage 2>/dev/null \
    | grep -q "Code Signing"; then
    echo "FAIL(no codeSigning)"
    return
  fi
  echo "OK"
}

ours_verdict() { # SIG FILE AT
  local out
  out=$("$V" verify --manifest m.json --role software --at "$3" --signature "$1" "$2" 2>&1 \
    | head -1)
  case "$out" in
    OK*) echo "OK" ;;
    FAILED*) echo "FAILED $(echo "$out" | sed 's/^FAILED [^:]*: \([A-Z_]*\):.*/\1/')" ;;
    *) echo "ERROR $out" ;;
  esac
}

principled() { # case name
  case "$1" in
    "sha1.p7s @ $AT" | "attached.p7s @ $AT" | "expired-ts.p7s @ $AT") return 0 ;;
    "two-signers.p7s @ $AT" | "sha1-cert.p7s @ $AT" | "sha1-tsa.p7s @ $LATER") return 0 ;;
  esac
  return 1
}

bad=0
printf '%-50s %-22s %s\n' "case" "openssl" "verifier"
while read -r sig file at; do
  name="$sig${file:+ on $file} @ $at"
  [ "$file" = release.txt ] && name="$sig @ $at"
  o=$(openssl_verdict "$here/$sig" "$here/$file" "$at")
  v=$(ours_verdict "$here/$sig" "$here/$file" "$at")
  ok_o=no; ok_v=no
  [ "$o" = OK ] && ok_o=yes
  [ "$v" = OK ] && ok_v=yes
  note=""
  if [ "$ok_o" != "$ok_v" ]; then
    if principled "$name"; then
      note="  (principled disagreement, see the header)"
    else
      note="  DISAGREE"
      bad=1
    fi
  fi
  printf '%-50s %-22s %s%s\n' "$name" "$o" "$v" "$note"
done <<CASES
good.p7s release.txt $AT
good-pem.p7s release.txt $AT
good.p7s tampered.txt $AT
noeku.p7s release.txt $AT
other-ca.p7s release.txt $AT
no-intermediate.p7s release.txt $AT
sha1.p7s release.txt $AT
malformed.p7s release.txt $AT
attached.p7s release.txt $AT
two-signers.p7s release.txt $AT
same-ca-twice.p7s release.txt $AT
expired.p7s release.txt $AT
expired.p7s release.txt $LATER
expired-ts.p7s release.txt $LATER
expired-ts.p7s release.txt $AT
expired-ts-other.p7s release.txt $LATER
expired-ts-rogue.p7s release.txt $LATER
extra-signer.p7s release.txt $AT
sha1-cert.p7s release.txt $AT
sha1-tsa.p7s release.txt $LATER
many-checks.p7s release.txt $AT
CASES
if [ $bad -ne 0 ]; then
  echo "crosscheck: verdicts disagree" >&2
  exit 1
fi
echo "crosscheck: all verdicts agree (or disagree on principle)"
