#!/usr/bin/env bash
# Runs minisign -V and our ./verifier verify on every fixture (and a few variants made on the fly)
# and prints both verdicts side by side. Exits non-zero when they disagree, except where we are
# knowingly stricter (marked "stricter": minisign accepts, we refuse; docs/signatures-minisign.md).
# We must never accept what minisign refuses. Run by hand; needs minisign and a JDK.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
root=$(cd "$here/../../.." && pwd -P)
verifier="$root/verifier"
at=2026-11-22T00:00:00Z
command -v minisign >/dev/null || { echo "crosscheck: minisign is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$verifier" keygen --scheme ed25519 --out r1 >/dev/null
"$verifier" keygen --scheme ed25519 --out r2 >/dev/null
"$verifier" manifest create --publisher crosscheck --version 1 --expires P3650D \
  --at 2026-01-01T00:00:00Z --key root=r1.pub --key root=r2.pub \
  --key software="$here/minisign.pub" --threshold root=2 -o m.json >/dev/null
"$verifier" manifest sign -q --key r1.key m.json
"$verifier" manifest sign -q --key r2.key m.json

# Variants of the default signature: line endings both tools accept, and trailing content that
# minisign ignores and we refuse.
sed 's/$/\r/' "$here/message.txt.minisig" > crlf.minisig
head -c -1 "$here/message.txt.minisig" > no-final-newline.minisig
{ cat "$here/message.txt.minisig"; echo garbage; } > trailing-garbage.minisig

# file  signature  expectation
cases="
message.txt message.txt.minisig same
message.txt message.txt.legacy.minisig same
message.txt message.txt.comment.minisig same
message.txt message.txt.other.minisig same
message-tampered.txt message.txt.minisig same
message-tampered.txt message.txt.legacy.minisig same
message.txt message.txt.tampered-comment.minisig same
message.txt $work/crlf.minisig same
message.txt $work/no-final-newline.minisig same
message.txt $work/trailing-garbage.minisig stricter
"
status=0
printf '%-22s %-38s %-8s %-8s %s\n' FILE SIGNATURE MINISIGN VERIFIER OURS
while read -r file sig expect; do
  [ -z "$file" ] && continue
  case "$sig" in /*) s=$sig ;; *) s=$here/$sig ;; esac
  if minisign -Vq -p "$here/minisign.pub" -m "$here/$file" -x "$s" >/dev/null 2>&1; then
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
  printf '%-22s %-38s %-8s %-8s %s [%s]\n' "$file" "$(basename "$s")" "$native" "$ours" \
    "${line#* }" "$verdict"
done <<< "$cases"
exit $status
