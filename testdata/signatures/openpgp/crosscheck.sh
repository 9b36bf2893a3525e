#!/usr/bin/env bash
# Runs GnuPG and our verifier on each OpenPGP fixture and prints both verdicts side by side;
# exits non-zero when they disagree, except on the disagreements listed in EXPECTED (each one a
# rule this verifier keeps on purpose; see docs/signatures-openpgp.md). Run by hand, not by tests.
#
# gpgv has no --faked-system-time, and the fixtures need the tests' notion of time (2026-11-22
# and a few earlier instants), so the native verdict comes from `gpg --verify` on a keyring of
# the fixture keys only (--no-default-keyring --keyring, trust-model always: gpgv's view), with
# --faked-system-time, read from its --status-fd lines.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../../.." && pwd -P)
verifier="$root/verifier"
work=$(mktemp -d)
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
AT=2026-11-22T00:00:00Z
KEYS=(alice bob carol dave erin hank frank-v6 gus-v6)

# The keyring gpg reads, and a manifest with every fixture key in role "software".
# gpg 2.2 cannot parse v6 keys, and one in its keyring hides the keys after it: v4 keys only.
for k in "${KEYS[@]}"; do [[ "$k" == *-v6 ]] || cat "$here/$k.pub.gpg"; done >"$work/keyring.gpg"
cd "$work"
"$verifier" keygen --scheme ed25519 --out r1 >/dev/null
args=()
for k in "${KEYS[@]}"; do args+=(--key "software=$here/$k.pub.asc"); done
"$verifier" manifest create --publisher crosscheck --version 1 --expires P365D --at 2026-11-01T00:00:00Z \
  --key root=r1.pub "${args[@]}" -o m.json
"$verifier" manifest sign -q --key r1.key m.json

# name data signature time
CASES=(
  "alice-armored data.txt alice.txt.asc $AT"
  "alice-binary data.txt alice.txt.sig $AT"
  "alice-tampered data-tampered.txt alice.txt.asc $AT"
  "alice-text-lf data.txt alice-text.txt.asc $AT"
  "alice-text-crlf data-crlf.txt alice-text.txt.asc $AT"
  "alice-binary-crlf data-crlf.txt alice.txt.asc $AT"
  "alice-before-signing data.txt alice.txt.asc 2026-01-15T00:00:00Z"
  "alice-sig-expired data.txt alice-expiring.txt.asc $AT"
  "alice-sig-unexpired data.txt alice-expiring.txt.asc 2026-02-15T00:00:00Z"
  "alice-and-bob data.txt alice-bob.txt.asc $AT"
  "bob-rsa3072 data.txt bob.txt.asc $AT"
  "bob-sha1 data.txt bob-sha1.txt.asc $AT"
  "bob-sha224 data.txt bob-sha224.txt.asc $AT"
  "carol-revoked data.txt carol.txt.asc $AT"
  "dave-expired data.txt dave.txt.asc $AT"
  "dave-before-expiry data.txt dave.txt.asc 2026-03-01T00:00:00Z"
  "erin-subkey data.txt erin.txt.asc $AT"
  "hank-expired-subkey data.txt hank-expired-subkey.txt.asc $AT"
  "hank-subkey-before-expiry data.txt hank-expired-subkey.txt.asc 2026-04-01T00:00:00Z"
  "hank-revoked-subkey data.txt hank-revoked-subkey.txt.asc $AT"
  "frank-v6 data.txt frank-v6.txt.asc $AT"
  "frank-v6-binary data.txt frank-v6.txt.sig $AT"
  "frank-v6-noissuer data.txt frank-v6-noissuer.txt.asc $AT"
  "frank-v6-auth-subkey data.txt frank-v6-auth.txt.asc $AT"
  "frank-v6-unbound-subkey data.txt frank-v6-unbound.txt.asc $AT"
  "gus-v6-certify-only data.txt gus-v6.txt.asc $AT"
)

# Disagreements we keep on purpose, with why.
declare -A EXPECTED=(
  [bob-sha1]="gpg accepts SHA-1 data signatures; we refuse them (WEAK_DIGEST)"
  [bob-sha224]="gpg accepts SHA-224; we keep a 256-bit floor (WEAK_DIGEST)"
  [alice-before-signing]="gpg accepts a signature dated after the time it runs at; we refuse it (KEY_NOT_YET_VALID)"
  [frank-v6]="gpg 2.2 cannot read v6 (RFC 9580) keys or signatures"
  [frank-v6-binary]="gpg 2.2 cannot read v6 (RFC 9580) keys or signatures"
  [frank-v6-noissuer]="gpg 2.2 cannot read v6 (RFC 9580) keys or signatures"
)

gpg_verdict() { # data sig time -> "good" or "bad:<STATUS>"
  local t
  t=$(date -u -d "$3" +%s)
  local st
  st=$(gpg --batch --no-tty --no-default-keyring --keyring "$work/keyring.gpg" --trust-model always \
    --faked-system-time "${t}!" --status-fd 1 --verify "$here/$2" "$here/$1" 2>/dev/null || true)
  if grep -q '^\[GNUPG:\] VALIDSIG' <<<"$st" && grep -q '^\[GNUPG:\] GOODSIG' <<<"$st" &&
    ! grep -qE '^\[GNUPG:\] (BADSIG|ERRSIG|EXPKEYSIG|REVKEYSIG|EXPSIG)' <<<"$st"; then
    echo good
  else
    echo "bad:$(grep -oE '^\[GNUPG:\] (BADSIG|ERRSIG|EXPKEYSIG|REVKEYSIG|EXPSIG|NO_PUBKEY|NODATA|GOODSIG)' <<<"$st" |
      awk '{print $2}' | sort -u | paste -sd, -)"
  fi
}

ours_verdict() { # data sig time
  local out
  if out=$("$verifier" verify --manifest m.json --role software --signature "$here/$2" --at "$3" "$here/$1" 2>&1); then
    echo good
  else
    echo "bad:$(sed -n 's/^FAILED [^:]*: \([A-Z_]*\):.*/\1/p' <<<"$out" | head -1)"
  fi
}

fail=0
printf '%-26s %-28s %-28s %s\n' FIXTURE GPG OURS NOTE
for c in "${CASES[@]}"; do
  read -r name data sig t <<<"$c"
  g=$(gpg_verdict "$data" "$sig" "$t")
  o=$(ours_verdict "$data" "$sig" "$t")
  note=""
  if [ "${g%%:*}" != "${o%%:*}" ]; then
    if [ -n "${EXPECTED[$name]:-}" ]; then
      note="expected: ${EXPECTED[$name]}"
    else
      note="DISAGREE"
      fail=1
    fi
  elif [ -n "${EXPECTED[$name]:-}" ]; then
    note="listed as an expected disagreement but they agree"
    fail=1
  fi
  printf '%-26s %-28s %-28s %s\n' "$name" "$g" "$o" "$note"
done
exit $fail
