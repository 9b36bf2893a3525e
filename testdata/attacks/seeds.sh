#!/usr/bin/env bash
# Copies the fuzz targets' seed corpora from testdata into Jazzer's regression-input directories
# (verifier-core/src/test/resources/<package>/<Class>Inputs/<method>/), which the normal test run
# replays (seeds only) and JAZZER_FUZZ=1 starts from. Small files only. Run after make.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
T=testdata
R=verifier-core/src/test/resources/org/opentransparency/verifier
seed() { # class-dir method files...
  local d="$R/$1Inputs/$2"
  shift 2
  mkdir -p "$d" # never emptied: crash-* inputs Jazzer saved here are regression tests
  for f in "$@"; do cp "$f" "$d/$(basename "$f")"; done
}
A=$T/archives/out
X=$T/attacks/out
seed fuzz/ArchiveFuzzTest zip $A/same-left.jar $A/order-left.zip $A/app-left.war $A/duplicate-fail.zip \
  $A/unicode-path-fail.zip $A/encrypted-left-fail.zip $A/truncated-fail.jar $X/zip-local-name-mismatch.zip \
  $X/zip-nul-name.zip $X/zip-size-lie-small.zip $X/zip64-size-overflow.zip $X/zip-local-size-mismatch.zip
seed fuzz/ArchiveFuzzTest tar $A/meta-left.tar $X/tar-pax-path-escape.tar $X/tar-pax-size-lie.tar \
  $X/tar-negative-size.tar $X/tar-gnu-longname-huge.tar
seed fuzz/ArchiveFuzzTest compressedTar $A/tgz-left.tar.gz $A/txz-left.tar.xz $A/tbz-left.tar.bz2 \
  $A/tzst-left.tar.zst $A/bomb-fail.bz2 $X/nested20.gz
seed fuzz/ArchiveFuzzTest ar $A/demo-left.deb $X/ar-size-lie.ar $X/ar-negative-size.ar
seed fuzz/ArchiveFuzzTest sevenZ $A/same-left.7z $X/7z-huge-dictionary.7z $X/7z-truncated.7z \
  $T/archives/7z-coders/ppmd-numbers.7z $T/archives/7z-coders/bcj2-plain-header.7z
seed fuzz/ArchiveFuzzTest cpio $A/same-left.cpio $X/cpio-huge-namesize.cpio $X/cpio-huge-filesize.cpio
seed fuzz/ChecksumFuzzTest sums $T/demo/SHA256SUMS $T/demo/SHA512SUMS
printf 'edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb  a.txt\n' > "$R/fuzz/ChecksumFuzzTestInputs/sums/coreutils"
printf 'SHA256 (a.txt) = edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb\n' > "$R/fuzz/ChecksumFuzzTestInputs/sums/bsd"
printf '\\edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb *a\\\\b.txt\n' > "$R/fuzz/ChecksumFuzzTestInputs/sums/escaped"
seed fuzz/BuildInfoFuzzTest buildinfo $T/buildinfo/out/demo-1.0.buildinfo
seed fuzz/ManifestFuzzTest manifest $X/manifest-valid.json $X/manifest-*.json
seed signature/StatementFuzzTest statement $X/statement*.json $X/rules.tar.gz.dsse $X/sig-dsse-*.dsse
seed signature/UpdateVerifierFuzzTest signature $X/rules.tar.gz.sig $X/rules.tar.gz.dsse $X/sig-*.sig \
  $X/sig-dsse-*.dsse $T/signatures/raw/out/rules.tar.gz.*
# The other formats' fixtures (OpenPGP, minisign, signify, CMS): a few of each, small ones.
for f in $(find $T/signatures -type f -size -8k \( -name '*.asc' -o -name '*.gpg' -o -name '*.minisig' -o -name '*.p7s' -o -name '*.sig' \) | grep -v /raw/ | sort | awk -F/ '{n[$3]++} n[$3] <= 8'); do
  cp "$f" "$R/signature/UpdateVerifierFuzzTestInputs/signature/$(echo "$f" | tr / _)"
done
du -sh "$R"/*/*Inputs | sort -h
