#!/usr/bin/env bash
# Makes the bundled demo: a vendor's release as a reviewer receives it, an independent rebuild,
# and a tampered copy. Needs the verifier built (./verifier builds it), Maven, GNU tar and gzip.
#
#   manifest.json   the vendor's key manifest: root 2-of-3, software, threat-rules; signed by two
#                   root keys, valid until 2036
#   keys/           the public keys in it (the private keys are made here and not kept)
#   src/            the demo application's source (a small Maven project)
#   release/        what the vendor publishes:
#                     demo-app-1.0.jar (+ .dsse)   built by Maven from src/, signed, role software
#                     demo-app-1.0.buildinfo       made by maven-artifact-plugin for that build
#                     threat-rules-2026-11-22.tar.gz (+ .dsse)  rules bundle, role threat-rules,
#                                                  version 20261122, expires 2026-11-29T06:00:00Z
#                     RELEASE-NOTES.txt, SHA256SUMS (names relative to release/)
#   rebuild/        an independent rebuild of demo-app-1.0.jar from src/ on another day (another
#                   project.build.outputTimestamp): the same contents, other timestamps
#   tampered/       the release after one class (RuleEngine, which now skips every rule but the
#                   first) was changed behind the signature, with the vendor's .dsse, SHA256SUMS
#                   and .buildinfo beside it
#   SHA256SUMS, SHA512SUMS  checksums of release/ with paths from the repository root
set -euo pipefail
cd "$(dirname "$0")"
demo=$(pwd)
verifier="$demo/../../verifier"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rm -rf manifest.json keys release rebuild tampered
mkdir -p keys release rebuild tampered

# --- The vendor's keys and manifest ---------------------------------------------------------
for k in root-1 root-2 root-3 software threat-rules; do
  "$verifier" keygen --scheme ed25519 --out "$tmp/$k" >/dev/null
  cp "$tmp/$k.pub" keys/
done
"$verifier" manifest create --publisher "Example Security Ltd" --version 1 \
  --at 2026-11-01T00:00:00Z --expires 2036-11-01T00:00:00Z \
  --key root=keys/root-1.pub --key root=keys/root-2.pub --key root=keys/root-3.pub \
  --key software=keys/software.pub --key threat-rules=keys/threat-rules.pub \
  --threshold root=2 -o manifest.json
"$verifier" manifest sign --key "$tmp/root-1.key" manifest.json
"$verifier" manifest sign --key "$tmp/root-2.key" manifest.json

# --- The software release: built by Maven, with its .buildinfo ------------------------------
build() { # build OUTPUT_TIMESTAMP SOURCE_DIR: leaves target/ in SOURCE_DIR
  (cd "$2" && mvn -B -q -ntp -Dproject.build.outputTimestamp="$1" package \
    org.apache.maven.plugins:maven-artifact-plugin:3.6.0:buildinfo -Dbuildinfo.attach=false \
    >/dev/null)
}
cp -r src "$tmp/vendor"
build 2026-11-20T10:00:00Z "$tmp/vendor"
cp "$tmp/vendor/target/demo-app-1.0.jar" "$tmp/vendor/target/demo-app-1.0.buildinfo" release/
"$verifier" sign --key "$tmp/software.key" --role software --version 1 \
  --at 2026-11-20T12:00:00Z release/demo-app-1.0.jar

# --- The threat-rules bundle ------------------------------------------------------------------
mkdir -p "$tmp/rules/rules"
cat > "$tmp/rules/rules/ransomware.yar" <<'RULE'
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
cat > "$tmp/rules/rules/beacon.yar" <<'RULE'
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
(cd "$tmp/rules" && tar --sort=name --mtime='2026-11-22 06:00:00Z' --owner=0 --group=0 \
  --numeric-owner --mode='u=rw,go=r' -cf - rules) | gzip -n -9 > release/threat-rules-2026-11-22.tar.gz
"$verifier" sign --key "$tmp/threat-rules.key" --role threat-rules --version 20261122 \
  --at 2026-11-22T06:00:00Z --expires 2026-11-29T06:00:00Z release/threat-rules-2026-11-22.tar.gz
cat > release/RELEASE-NOTES.txt <<'TXT'
Example Security Ltd - release 2026-11-22
demo-app 1.0: the scanner. Threat rules 2026-11-22: Demo_Ransom_Note, Demo_Beacon_Interval.
TXT
(cd release && sha256sum demo-app-1.0.jar threat-rules-2026-11-22.tar.gz RELEASE-NOTES.txt > SHA256SUMS)

# --- An independent rebuild, another day --------------------------------------------------------
cp -r src "$tmp/rebuild"
build 2026-11-28T15:30:00Z "$tmp/rebuild"
cp "$tmp/rebuild/target/demo-app-1.0.jar" rebuild/

# --- The tampered release: one class changed after signing ---------------------------------------
cp -r src "$tmp/tampered"
sed -i 's/hits.add(r.name());/hits.add(r.name());\n        break;/' \
  "$tmp/tampered/src/main/java/com/example/scanner/RuleEngine.java"
build 2026-11-20T10:00:00Z "$tmp/tampered"
cp "$tmp/tampered/target/demo-app-1.0.jar" tampered/
cp release/demo-app-1.0.jar.dsse release/demo-app-1.0.buildinfo release/SHA256SUMS tampered/

cd ../..
sha256sum testdata/demo/release/* > testdata/demo/SHA256SUMS
sha512sum --tag testdata/demo/release/* > testdata/demo/SHA512SUMS
