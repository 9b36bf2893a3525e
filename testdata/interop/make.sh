#!/usr/bin/env bash
# DSSE interoperability fixtures, both ways, with an independent implementation: Python's
# `cryptography` (Debian: apt-get install python3-cryptography).
#   python/   keys and a statement envelope signed by Python; the tests verify it with verifier.
#   verifier/ an envelope signed by `verifier sign` with Python's keys, and what Python said
#             when it verified it (python-check.txt). The tests check it still verifies.
# Run from anywhere after building (mvn -DskipTests package); keys are new on every run.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
py=/usr/bin/python3
verifier="$here/../../verifier"

rm -rf python verifier
"$py" dsse_python.py make python

mkdir -p verifier
printf 'a rules bundle signed by verifier\n' > verifier/rules-verifier.tar.gz
for k in ed25519 p256; do
  "$verifier" sign --key python/python-$k.key --role threat-rules --version 43 \
    --at 2026-11-20T00:00:00Z --expires P30D -o verifier/rules-verifier.tar.gz.$k.dsse \
    verifier/rules-verifier.tar.gz
done
{
  "$py" dsse_python.py check verifier/rules-verifier.tar.gz.ed25519.dsse python/python-ed25519.pub
  "$py" dsse_python.py check verifier/rules-verifier.tar.gz.p256.dsse python/python-p256.pub
} > verifier/python-check.txt
cat verifier/python-check.txt
# The private keys were needed only to sign; they are not kept.
rm -f python/*.key
