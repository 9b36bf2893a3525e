#!/usr/bin/env bash
# Runs signify-openbsd -V and our ./verifier verify on every fixture (and a few variants made on
# the fly) and prints both verdicts side by side. Exits non-zero when they disagree, except where
# we are knowingly stricter (marked "stricter": signify accepts, we refuse; see
# docs/signatures-minisign.md). We must never accept what signify refuses. Run by hand; needs
# signify-openbsd and a JDK.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../../.." && pwd -P)
verifier="$root/verifier"
at=2026-11-22T00:00:00Z
command -v signify-openbsd >/dev/null || {
  echo "crosscheck: signify-openbsd is not installed" >&2
  exit 2
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$verifier" keygen --scheme ed25519 --out r1 >/dev/null
"$verifier" keygen --scheme ed25519 --out r2 >/dev/null
"$verifier" manifest create --publisher crosscheck --version 1 --expires P3650D \
  --at 2026-01-01T00:00:00Z --key root=r1.pub --key root=r2.pub \
  --key software="$here/signify.pub" --threshold root=2 -o m.json >/dev/null
"$verifier" manifest sign -q --key r1.key m.json
"$verifier" manifest sign -q --key r2.key m.json

sed 's/$/\r/' "$here/message.txt.sig" > crlf.sig
head -c -1 "$here/message.txt.sig" > no-final-newline.sig
{ cat "$here/message.txt.sig"; echo garbage; } > trailing-garbage.sig

# file  signature  expectation. The embedded form (signify -e) is checked by signify only with
# -e, which a detached verification does not use: signify -V without -e ignores the message after
# the signature, and we refuse the file.
cases="
message.txt message.txt.sig same
message.txt message.txt.other.sig same
message-tampered.txt message.txt.sig same
message.txt message.txt.embedded.sig stricter
message.txt $work/crlf.sig same
message.txt $work/no-final-newline.sig same
message.txt $work/trailing-garbage.sig stricter
"
status=0
printf '%-22s %-26s %-8s %-8s %s\n' FILE SIGNATURE SIGNIFY VERIFIER OURS
while read -r file sig expect; do
  [ -z "$file" ] && continue
  case "$sig" in /*) s=$sig ;; *) s=$here/$sig ;; esac
  if signify-openbsd -Vq -p "$here/signify.pub" -m "$here/$file" -x "$s" >/dev/null 2>&1; then
    native=OK
  else
    native=FAILED
  fi
  line=$("$verifier" verify --manifest m.json --role software --at "$at" --signature "$s" \
    "$here/$file" 2>&1 | head -1)
  ours=${line%% *}
  verdict=agree
  if [ "$native" != "$ours" ]; then
    if [ "$expect" = stricter ] && [ "$native" = OK ]; then
      verdict="stricter (expected)"
    else
      verdict=DISAGREE
      status=1
    fi
  fi
  printf '%-22s %-26s %-8s %-8s %s [%s]\n' "$file" "$(basename "$s")" "$native" "$ours" \
    "${line#* }" "$verdict"
done <<< "$cases"
exit $status
