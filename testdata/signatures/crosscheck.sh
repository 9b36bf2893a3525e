#!/usr/bin/env bash
# Runs every format's side-by-side check of our verdicts against the native tool on the same
# fixtures: gpg (openpgp/), minisign (minisign/), signify-openbsd (signify/), openssl cms/ts
# (cms/), openssl pkeyutl/dgst (raw/, recorded by make.sh and compared by OpenSslRawSignatureTest).
# Each script installs nothing: a missing tool is reported and that format skipped. Not run by the
# tests (they need none of these tools); run by hand. Exits non-zero when any format disagrees
# other than on the principled differences each script lists.
set -uo pipefail
cd "$(dirname "$0")"
fail=0
for f in openpgp minisign signify cms; do
  echo "=== $f"
  if bash "$f/crosscheck.sh"; then
    echo "=== $f: agrees"
  else
    echo "=== $f: DISAGREES (or could not run)"
    fail=1
  fi
done
echo "=== raw (openssl): recorded verdicts"
cat raw/out/openssl-verdicts.txt
exit $fail
