#!/usr/bin/env bash
# Makes the bundled demo release and its checksum files with GNU tar, gzip and coreutils.
# Deterministic: fixed mtimes, owners and order, gzip without a name or time stamp.
# The checksum files name paths from the repository root, so that the README's first command,
# ./verifier hash --check testdata/demo/SHA256SUMS, runs from there.
set -euo pipefail
cd "$(dirname "$0")"

rm -rf release rules
mkdir -p release rules
cat > rules/ransomware.yar <<'RULE'
rule Demo_Ransom_Note
{
    meta:
        description = "Demo rule: a ransom note dropped beside encrypted files"
        author = "Example Security Ltd"
    strings:
        $a = "YOUR FILES HAVE BEEN ENCRYPTED" ascii wide nocase
        $b = ".onion" ascii
    condition:
        all of them
}
RULE
cat > rules/beacon.yar <<'RULE'
rule Demo_Beacon_Interval
{
    meta:
        description = "Demo rule: a fixed sleep between callbacks"
    strings:
        $s = { 68 60 EA 00 00 FF 15 }
    condition:
        $s
}
RULE
tar --sort=name --mtime='2026-11-22 06:00:00Z' --owner=0 --group=0 --numeric-owner \
    --mode='u=rw,go=r' -cf - rules | gzip -n -9 > release/threat-rules-2026-11-22.tar.gz
rm -rf rules
cat > release/RELEASE-NOTES.txt <<'TXT'
Example Security Ltd - threat rules 2026-11-22
Two new rules: Demo_Ransom_Note, Demo_Beacon_Interval.
TXT

cd ../..
sha256sum testdata/demo/release/* > testdata/demo/SHA256SUMS
sha512sum --tag testdata/demo/release/* > testdata/demo/SHA512SUMS
