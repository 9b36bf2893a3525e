#!/usr/bin/env bash
# Makes the minisign fixtures with the real tool (Debian: minisign), committed with its output so
# the tests need no tool. Keys have no password (-W); they are test keys, never use them for real.
#   minisign.pub/.key      the key the test manifests list (role software)
#   other.pub/.key         a key no manifest lists (UNKNOWN_KEY)
#   message.txt            the signed file; message-tampered.txt differs by one byte
#   message.txt.minisig            default prehashed signature ("ED", BLAKE2b-512)
#   message.txt.legacy.minisig     legacy signature (-l, "Ed", pure Ed25519 over the file)
#   message.txt.comment.minisig    prehashed, custom trusted comment (-t)
#   message.txt.other.minisig      by other.key
#   message.txt.tampered-comment.minisig  the default signature with its trusted comment edited
# Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v minisign >/dev/null; then
  flock /tmp/apt.lock apt-get install -y minisign >&2
fi

rm -f ./*.pub ./*.key ./*.minisig message*.txt
minisign -G -W -f -p minisign.pub -s minisign.key >/dev/null
minisign -G -W -f -p other.pub -s other.key >/dev/null

printf 'minisign fixture message\n' > message.txt
printf 'minisign fixture massage\n' > message-tampered.txt

minisign -S -s minisign.key -m message.txt -x message.txt.minisig
minisign -S -l -s minisign.key -m message.txt -x message.txt.legacy.minisig
minisign -S -s minisign.key -m message.txt -x message.txt.comment.minisig \
  -t 'release 1.2.3 of example, built 2026-11-20'
minisign -S -s other.key -m message.txt -x message.txt.other.minisig
# The global signature covers the trusted comment: editing it must break the signature.
sed 's/^trusted comment: timestamp:/trusted comment: timestamp:1/' message.txt.minisig \
  > message.txt.tampered-comment.minisig

# Every fixture must be what we say it is, by the tool's own judgement.
minisign -Vq -p minisign.pub -m message.txt -x message.txt.minisig
minisign -Vq -p minisign.pub -m message.txt -x message.txt.legacy.minisig
minisign -Vq -p minisign.pub -m message.txt -x message.txt.comment.minisig
minisign -Vq -p other.pub -m message.txt -x message.txt.other.minisig
! minisign -Vq -p minisign.pub -m message-tampered.txt -x message.txt.minisig 2>/dev/null
! minisign -Vq -p minisign.pub -m message.txt -x message.txt.tampered-comment.minisig 2>/dev/null
echo "minisign fixtures made" >&2
