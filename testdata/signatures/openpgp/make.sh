#!/usr/bin/env bash
# Makes the OpenPGP fixtures with GnuPG (v4 keys and signatures) and, through
# GenV6.java, with BouncyCastle (v6, RFC 9580: gpg 2.2 cannot make them).
# Fixed dates through --faked-system-time; the tests judge at 2026-11-22T00:00:00Z.
# Run from anywhere; rewrites every fixture in this directory. Keys differ per run
# (fresh randomness), so regenerate everything together and commit the result.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
command -v gpg >/dev/null || flock /tmp/apt.lock apt-get install -y gnupg
GNUPGHOME=$(mktemp -d)
export GNUPGHOME
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$GNUPGHOME"' EXIT
echo allow-loopback-pinentry >"$GNUPGHOME/gpg-agent.conf"

# gpg at a fixed time (seconds since the epoch, "!" freezes the clock).
at() { date -u -d "$1" +%s; }
KEYGEN=$(at 2026-01-01T00:00:00Z)
SIGN=$(at 2026-02-01T00:00:00Z)
LATER=$(at 2026-03-01T00:00:00Z)
g() {
  local t=$1
  shift
  gpg --batch --yes --pinentry-mode loopback --passphrase '' --no-tty \
    --faked-system-time "${t}!" "$@"
}
fpr() { gpg --batch --with-colons --fingerprint "$1" | awk -F: '/^fpr/ {print $10; exit}'; }
subfpr() { gpg --batch --with-colons --fingerprint "$1" | awk -F: '/^fpr/ {n++; if (n==2) {print $10; exit}}'; }

rm -f ./*.asc ./*.gpg ./*.sig ./*.txt ./KEYS ./data*
printf 'release 1.0 of the example tool\nsecond line\n' >data.txt
printf 'release 1.0 of the example tool\r\nsecond line\r\n' >data-crlf.txt
printf 'release 1.0 of the example tool\nsecond line, tampered\n' >data-tampered.txt

g "$KEYGEN" --quick-gen-key 'Alice Example <alice@example.org>' ed25519 sign never
g "$KEYGEN" --quick-gen-key 'Bob Example <bob@example.org>' rsa3072 sign never
g "$KEYGEN" --quick-gen-key 'Carol Revoked <carol@example.org>' ed25519 sign never
g "$KEYGEN" --quick-gen-key 'Dave Expired <dave@example.org>' ed25519 sign 2026-06-01
g "$KEYGEN" --quick-gen-key 'Erin Subkey <erin@example.org>' ed25519 cert never
ALICE=$(fpr alice@example.org)
BOB=$(fpr bob@example.org)
CAROL=$(fpr carol@example.org)
DAVE=$(fpr dave@example.org)
ERIN=$(fpr erin@example.org)
# Erin: a signing subkey, and an authentication-only subkey (no signing flag).
g "$KEYGEN" --quick-add-key "$ERIN" ed25519 sign never
ERIN_SIGN=$(subfpr erin@example.org)
g "$KEYGEN" --quick-add-key "$ERIN" ed25519 auth never
ERIN_AUTH=$(gpg --batch --with-colons --fingerprint erin@example.org | awk -F: '/^fpr/ {n++; if (n==3) {print $10; exit}}')

# Hank: two signing subkeys; after they sign, one gets an expiry and the other is revoked.
g "$KEYGEN" --quick-gen-key 'Hank Subkeys <hank@example.org>' ed25519 cert never
HANK=$(fpr hank@example.org)
g "$KEYGEN" --quick-add-key "$HANK" ed25519 sign never
g "$KEYGEN" --quick-add-key "$HANK" ed25519 sign never
HANK_EXPIRING=$(subfpr hank@example.org)
HANK_REVOKED=$(gpg --batch --with-colons --fingerprint hank@example.org | awk -F: '/^fpr/ {n++; if (n==3) {print $10; exit}}')

export_key() { # name fpr
  g "$KEYGEN" --armor --export "$2" >"$1.pub.asc"
  g "$KEYGEN" --export "$2" >"$1.pub.gpg"
}
sign() { # out-file key data [extra gpg options]
  local out=$1 key=$2 data=$3
  shift 3
  g "$SIGN" --detach-sign --local-user "$key" "$@" --output "$out" "$data"
}

sign alice.txt.asc "$ALICE" data.txt --armor
sign alice.txt.sig "$ALICE" data.txt
sign bob.txt.asc "$BOB" data.txt --armor
sign bob-sha1.txt.asc "$BOB" data.txt --armor --digest-algo SHA1
sign bob-sha224.txt.asc "$BOB" data.txt --armor --digest-algo SHA224
sign alice-text.txt.asc "$ALICE" data.txt --armor --textmode
sign alice-expiring.txt.asc "$ALICE" data.txt --armor --default-sig-expire 30d
g "$SIGN" --detach-sign --armor --local-user "$ALICE" --local-user "$BOB" \
  --output alice-bob.txt.asc data.txt
sign carol.txt.asc "$CAROL" data.txt --armor
sign dave.txt.asc "$DAVE" data.txt --armor
sign erin.txt.asc "$ERIN" data.txt --armor
sign erin-primary.txt.asc "${ERIN}!" data.txt --armor || echo "gpg will not sign with Erin's certify-only primary key"
if ! sign erin-auth.txt.asc "${ERIN_AUTH}!" data.txt --armor 2>/dev/null; then
  echo "gpg will not sign with Erin's authentication-only subkey: no fixture for it"
fi

sign hank-expired-subkey.txt.asc "${HANK_EXPIRING}!" data.txt --armor
sign hank-revoked-subkey.txt.asc "${HANK_REVOKED}!" data.txt --armor
g "$LATER" --quick-set-expire "$HANK" 2026-06-01 "$HANK_EXPIRING"
printf 'key 2\nrevkey\ny\n0\n\ny\nsave\n' |
  gpg --pinentry-mode loopback --passphrase '' --no-tty --faked-system-time "${LATER}!" \
    --command-fd 0 --edit-key "$HANK"

# Carol's revocation (gpg made it at key generation) is imported after she signed.
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/$CAROL.rev" >carol.rev
g "$SIGN" --import carol.rev
rm carol.rev

export_key alice "$ALICE"
export_key bob "$BOB"
export_key carol "$CAROL"
export_key dave "$DAVE"
export_key erin "$ERIN"
export_key hank "$HANK"

# An Apache-style KEYS file: a preamble, then per key its listing and its armored block.
{
  echo "This file contains the PGP keys of the example project's release managers."
  echo
  echo "Users: gpg --import KEYS"
  echo "Developers: (gpg --list-sigs <your name> && gpg --armor --export <your name>) >> KEYS"
  for k in "$ALICE" "$BOB" "$ERIN"; do
    echo
    gpg --batch --faked-system-time "${KEYGEN}!" --list-sigs "$k"
    g "$KEYGEN" --armor --export "$k"
  done
} >KEYS

printf '%s\n' "alice $ALICE" "bob $BOB" "carol $CAROL" "dave $DAVE" "erin $ERIN" \
  "erin-sign-subkey $ERIN_SIGN" "erin-auth-subkey $ERIN_AUTH" "hank $HANK" \
  "hank-expiring-subkey $HANK_EXPIRING" "hank-revoked-subkey $HANK_REVOKED" >fingerprints.txt

# v6 (RFC 9580) key and signature by BouncyCastle.
"$here/make-v6.sh"
echo "fixtures written to $here"
