#!/usr/bin/env bash
# Runs the JMH benchmarks of the hot paths (digests, providers, file reading, archives,
# signatures) and writes benchmarks/JMH-RESULTS.md: the table JMH prints, the exact command, the
# date and the machine (CPU, flags, JDK, whether the SHA intrinsics were on). Not part of CI (too
# slow, too noisy); run by hand on a quiet machine and commit the result.
#
#   benchmarks/run-jmh.sh                 every benchmark, short iterations (~15 minutes)
#   benchmarks/run-jmh.sh Digest Archive  only the benchmarks whose names match
#   JMH_OPTS="-f 2 -wi 5 -i 10" benchmarks/run-jmh.sh    longer, tighter error bars
#   OUT=benchmarks/JMH-SIGNATURES.md benchmarks/run-jmh.sh Signature   another file
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[ -f "$jar" ] || mvn -B -q -ntp -DskipTests package
opts=${JMH_OPTS:-"-f 1 -wi 2 -w 1s -i 3 -r 1s"}
out=${OUT:-benchmarks/JMH-RESULTS.md}
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT

# shellcheck disable=SC2086 # the options are words
java -jar "$jar" $opts -rf text -rff "$raw" "$@"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(sha_ni|avx2|avx512f)$' | tr '\n' ' ')
jdk=$(java -version 2>&1 | head -1)
intrinsics=$(java -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null |
  awk '/ UseSHA256Intrinsics | UseSHA512Intrinsics | UseSHA3Intrinsics /{printf "%s=%s ", $2, $4}')
{
  echo "# JMH results"
  echo
  echo "Made by \`${JMH_OPTS:+JMH_OPTS=\"$JMH_OPTS\" }benchmarks/run-jmh.sh $*\` on $(date -u +%Y-%m-%d), that is"
  echo "\`java -jar $jar $opts $*\`,"
  echo "on $(nproc) cores ($cpu; CPU flags: $flags), $jdk; $intrinsics."
  echo "Short iterations on a shared VM: read the error column; docs/benchmarks.md explains the figures."
  echo
  echo '```'
  cat "$raw"
  echo '```'
} > "$out"
echo "wrote $out"
