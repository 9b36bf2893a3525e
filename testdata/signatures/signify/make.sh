#!/usr/bin/env bash
# Makes the OpenBSD signify fixtures with the real tool (Debian: signify-openbsd), committed with
# its output so the tests need no tool. Keys have no passphrase (-n); they are test keys only.
#   signify.pub/.sec       the key the test manifests list (default comment)
#   other.pub/.sec         a key no manifest lists (UNKNOWN_KEY), with a custom comment (-c)
#   message.txt            the signed file; message-tampered.txt differs by one byte
#   message.txt.sig        signature by signify.sec
#   message.txt.other.sig  signature by other.sec
#   message.txt.embedded.sig  signify -e: the message embedded after the signature (refused)
# Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v signify-openbsd >/dev/null; then
  flock /tmp/apt.lock apt-get install -y signify-openbsd >&2
fi

rm -f ./*.pub ./*.sec ./*.sig message*.txt
signify-openbsd -G -n -p signify.pub -s signify.sec
signify-openbsd -G -n -c 'other release key' -p other.pub -s other.sec

printf 'signify fixture message\n' > message.txt
printf 'signify fixture massage\n' > message-tampered.txt

signify-openbsd -S -s signify.sec -m message.txt -x message.txt.sig
signify-openbsd -S -s other.sec -m message.txt -x message.txt.other.sig
signify-openbsd -S -e -s signify.sec -m message.txt -x message.txt.embedded.sig

signify-openbsd -Vq -p signify.pub -m message.txt -x message.txt.sig
signify-openbsd -Vq -p other.pub -m message.txt -x message.txt.other.sig
! signify-openbsd -Vq -p signify.pub -m message-tampered.txt -x message.txt.sig 2>/dev/null
! signify-openbsd -Vq -p signify.pub -m message.txt -x message.txt.other.sig 2>/dev/null
echo "signify fixtures made" >&2
