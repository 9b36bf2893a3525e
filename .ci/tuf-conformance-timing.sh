#!/usr/bin/env bash
# Times the TUF conformance suite with the reference client (python-tuf) and with ours, one after
# the other on the same machine, for benchmarks/RESULTS.md. Our client's first call starts its JVM
# (no server may be running before: each client's whole cost is measured).
set -euo pipefail
cd "$(dirname "$0")/.."
suite=../shared/tuf-conformance
[ -x "$suite/run.sh" ] || { echo "TUF conformance suite not found at $suite" >&2; exit 2; }
[ -f verifier-cli/target/verifier.jar ] || mvn -B -ntp -q -DskipTests package
for client in "$suite/python-tuf-client" .ci/tuf-conformance-client; do
  start=$(date +%s.%N)
  "$suite/run.sh" "$client" 2>&1 | tail -1
  end=$(date +%s.%N)
  echo "$client: $(echo "$end - $start" | bc) s"
done
