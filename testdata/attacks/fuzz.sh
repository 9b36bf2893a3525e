#!/usr/bin/env bash
# The longer fuzzing run (issue 7): every Jazzer target for SECONDS seconds (default 180) with
# JAZZER_FUZZ=1, one JVM per target in the suite's 256 MiB heap, then a Markdown table of
# executions, time and findings (also written to fuzz-results.md beside the logs).
# Usage: testdata/attacks/fuzz.sh [SECONDS] [Class#method ...]
# A finding stops its target: Jazzer prints the stack trace and saves the input as crash-<sha1> in
# verifier-core/src/test/resources/<package>/<Class>Inputs/<method>/, where the normal test run
# then replays it as a regression test. The generated corpus goes to verifier-core/.cifuzz-corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_TARGET=${1:-180}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(ArchiveFuzzTest#zip ArchiveFuzzTest#zipShared ArchiveFuzzTest#tar ArchiveFuzzTest#compressedTar ArchiveFuzzTest#ar
    ArchiveFuzzTest#sevenZ ArchiveFuzzTest#cpio ChecksumFuzzTest#sums BuildInfoFuzzTest#buildinfo
    ManifestFuzzTest#manifest StatementFuzzTest#statement UpdateVerifierFuzzTest#signature)
fi
LOGS=${FUZZ_LOGS:-target/fuzz}
mkdir -p "$LOGS"
mvn -B -ntp -o -q -pl verifier-core -am test-compile
{
  echo "| target | executions | seconds | exec/s | coverage (edges) | findings |"
  echo "|---|---:|---:|---:|---:|---|"
} > "$LOGS/fuzz-results.md"
for t in "${TARGETS[@]}"; do
  log="$LOGS/${t/\#/-}.log"
  echo "fuzzing $t for ${SECONDS_PER_TARGET}s (log: $log)" >&2
  set +e
  JAZZER_FUZZ=1 mvn -B -ntp -o -pl verifier-core surefire:test -Dtest="$t" \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.internal.arg.0=fake_argv0 \
    -Djazzer.internal.arg.1=-max_total_time="$SECONDS_PER_TARGET" > "$log" 2>&1
  rc=$?
  set -e
  done_line=$(grep -a -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
  runs=$(echo "$done_line" | awk '{print $2}')
  secs=$(echo "$done_line" | awk '{print $5}')
  if [ -z "$runs" ]; then # stopped by a finding: the last status line has the count
    runs=$(grep -a -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    secs="<${SECONDS_PER_TARGET}"
  fi
  cov=$(grep -a -oE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  rate=$(grep -a -oE 'exec/s: [0-9]+' "$log" | tail -1 | awk '{print $2}' || true)
  what=none
  if [ "$rc" -ne 0 ]; then
    what="$( (grep -a -m1 -E 'FuzzTestFindingException|Exception:' "$log" || echo "exit $rc") | cut -c1-160) (see $log)"
  fi
  echo "| $t | ${runs:-?} | ${secs:-?} | ${rate:-?} | ${cov:-?} | $what |" | tee -a "$LOGS/fuzz-results.md" >&2
done
cat "$LOGS/fuzz-results.md"
