#!/usr/bin/env bash
# Whole-process timings of verifier against the native tools users would otherwise run, side by
# side on this machine, written to benchmarks/RESULTS.md. Each pair is ALTERNATED run by run
# (A B A B ...) after a warm-up of each, so drift on a busy machine hits both alike; the table
# gives medians. Not part of CI (too slow, too noisy); run by hand and commit RESULTS.md.
#
# Every row is run on each JDK the launcher can use: the newest JDK >= 25 with its AOT caches,
# when there is one, and the default java with its class-data sharing archive (VERIFIER_AOT=off).
# Rows with a target (issue #17's, and #5's before them) say whether it was met.
#
#   benchmarks/compare-tools.sh            all workloads, RUNS=5 (diffoscope: DIFFOSCOPE_RUNS=3;
#                                          the rows of a tenth of a second: FAST_RUNS=15)
#   ONLY=sha256,verify benchmarks/compare-tools.sh     some workloads
#   LAUNCHERS=off benchmarks/compare-tools.sh          the default java only
#
# Workloads: sha256, sha512, blake3, multi (sha256+sha512 in one pass vs sha512 alone), dir
# (1,000 files, 1 GiB), small (100,000 files of 4 KiB), compare (two ~100 MB jars, timestamps and
# one class differ; peak RSS too), tgz (two ~1 GiB tar.gz: time and peak RSS), verify (a small
# file: DSSE, OpenPGP, minisign; against `java -version` of the same JDK, and gpgv, minisign -V),
# startup (verifier --version against `java -version` of the same JDK, and openssl version).
# As root it installs what it needs from Debian's packages (openssl, coreutils, b3sum, gnupg,
# minisign, diffoscope, hyperfine is not needed); otherwise it skips what is missing and says so.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
verifier="$repo/verifier"
RUNS=${RUNS:-5}
# verify and --version take a tenth of a second or less, where a machine's noise moves five runs'
# median by 10-20% from one run of the script to the next: more runs, for a few seconds more.
FAST_RUNS=${FAST_RUNS:-15}
DIFFOSCOPE_RUNS=${DIFFOSCOPE_RUNS:-3}
ONLY=${ONLY:-sha256,sha512,blake3,multi,dir,small,compare,tgz,verify,startup}
work=${WORK:-$(mktemp -d /var/tmp/verifier-bench.XXXXXX)}
out="$repo/benchmarks/RESULTS.md"
rows=()
skipped=()
notes=()

want() { [[ ",$ONLY," == *",$1,"* ]]; }
have() { command -v "$1" >/dev/null 2>&1; }
install() { # install PKG...: as root only
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$@" >/dev/null; }
  fi
}

# seconds CMD...: wall time of one run, output discarded; the run's peak RSS (KB) is left in
# $work/rss when GNU time is there
seconds() {
  local t0 t1
  rm -f "$work/rss"
  t0=$(date +%s%N)
  local status=0
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || status=$?
  else
    "$@" >/dev/null 2>&1 || status=$?
  fi
  echo "$status" >> "$work/status"
  t1=$(date +%s%N)
  printf '%.3f\n' "$(echo "scale=4; ($t1 - $t0) / 1000000000" | bc)"
}
rss_mb() { [ -f "$work/rss" ] && echo $(( $(tail -1 "$work/rss") / 1024 )) || echo "?"; }
median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f\n", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# The launchers to run our side with: "aot" (the newest JDK >= 25 and its caches) and "off".
. "$repo/verifier-cli/src/aot/aot.sh"
if [ -z "${LAUNCHERS:-}" ]; then
  LAUNCHERS=off
  newest_jdk && LAUNCHERS="aot off"
fi
declare -A jdk_label java_bin
for l in $LAUNCHERS; do
  if [ "$l" = aot ]; then
    newest_jdk || { echo "LAUNCHERS=aot: no JDK >= 25 found" >&2; exit 2; }
    java_bin[$l]=$aot_jdk/bin/java
    jdk_label[$l]="$aot_jdk_version, AOT cache"
  else
    java_bin[$l]=$(command -v java)
    jdk_label[$l]="$(java -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/'), CDS archive"
  fi
done

# met TARGET VALUE: "met" or "missed" for a target "<=X"; "" for none ("-")
met() {
  [ "$1" = - ] && return 0
  if [ "$(echo "$2 ${1#<=}" | awk '{print ($1 <= $2) ? 1 : 0}')" = 1 ]; then echo met; else echo missed; fi
}

# run_theirs L: one timed run of pair's THEIRS, "{java}" replaced by launcher L's java
run_theirs() {
  local t=() w
  for w in "${theirs[@]}"; do
    if [ "$w" = "{java}" ]; then t+=("${java_bin[$1]}"); else t+=("$w"); fi
  done
  seconds "${t[@]}"
}

# pair NAME TOOLNAME RUNS TARGET -- OURS... -- THEIRS...: alternated runs, one table row per
# launcher. OURS runs with VERIFIER_AOT set for each launcher; a THEIRS word "{java}" becomes that
# launcher's java, and THEIRS then runs once per launcher too. TARGET: "<=X" on the ratio, or "-".
# RSS_TARGET=N (MB) adds a target on our peak RSS. THEIR_RUNS=N runs THEIRS only N times (a tool
# that takes minutes), in the last N rounds; OURS still runs RUNS times.
pair() {
  local name=$1 tool=$2 runs=$3 target=$4
  shift 4
  [ "$1" = -- ] && shift
  local ours=() theirs=()
  while [ "$1" != -- ]; do ours+=("$1"); shift; done
  shift
  theirs=("$@")
  local per_launcher=0 w
  for w in "${theirs[@]}"; do [ "$w" = "{java}" ] && per_launcher=1; done
  local l i
  declare -A a b ra
  for l in $LAUNCHERS; do
    seconds env VERIFIER_AOT="$l" "${ours[@]}" >/dev/null
    [ $per_launcher = 1 ] && run_theirs "$l" >/dev/null
  done
  [ $per_launcher = 0 ] && seconds "${theirs[@]}" >/dev/null
  local their_runs=${THEIR_RUNS:-$runs} theirs_now
  [ "$their_runs" -gt "$runs" ] && their_runs=$runs
  for ((i = 0; i < runs; i++)); do
    theirs_now=0
    [ $((runs - i)) -le "$their_runs" ] && theirs_now=1
    for l in $LAUNCHERS; do
      a[$l]+="$(seconds env VERIFIER_AOT="$l" "${ours[@]}") "
      ra[$l]+="$(rss_mb) "
      if [ $per_launcher = 1 ] && [ $theirs_now = 1 ]; then
        b[$l]+="$(run_theirs "$l") "
      fi
    done
    if [ $per_launcher = 0 ] && [ $theirs_now = 1 ]; then
      b[shared]+="$(seconds "${theirs[@]}") "
    fi
  done
  for l in $LAUNCHERS; do
    local key=shared
    [ $per_launcher = 1 ] && key=$l
    local ma mb ratio mem="" verdict rverdict="" toolname=$tool
    ma=$(printf '%s\n' ${a[$l]} | median)
    mb=$(printf '%s\n' ${b[$key]} | median)
    # The verdict is taken on the ratio unrounded: 0.0149 (67x faster) is not "0.01".
    local exact
    exact=$(echo "scale=6; $ma / $mb" | bc)
    verdict=$(met "$target" "$exact")
    if [ "$(echo "$exact < 0.1" | bc)" = 1 ]; then
      ratio=$(printf '%.4f' "$exact")
    else
      ratio=$(printf '%.3f' "$exact") # 3.004 is not "3.00" beside "missed"
    fi
    local tgt="ratio $target"
    [ "$target" = - ] && tgt="-"
    if [ "${RSS:-}" = 1 ]; then
      local mrss
      mrss=$(printf '%s\n' ${ra[$l]} | median)
      mem="; peak RSS ours (MB): ${ra[$l]}"
      if [ -n "${RSS_TARGET:-}" ]; then
        tgt="$tgt; peak RSS <=${RSS_TARGET} MB (median $(printf '%.0f' "$mrss") MB)"
        rverdict=$(met "<=$RSS_TARGET" "$mrss")
        [ "$rverdict" = missed ] && verdict=missed
      fi
    fi
    [ $per_launcher = 1 ] && toolname="$tool (${jdk_label[$l]%%,*})"
    local counts="${runs} runs each"
    [ "$their_runs" != "$runs" ] && counts="${runs} runs ours, ${their_runs} theirs"
    rows+=("| $name | ${jdk_label[$l]} | $ma s | $toolname | $mb s | ${ratio}x | $tgt | ${verdict:--} | $counts, alternated; ours: ${a[$l]% }; theirs: ${b[$key]% }$mem |")
    echo "$name [${jdk_label[$l]}]: verifier $ma s, $toolname $mb s (${ratio}x) ${verdict}"
  done
}

[ -x "$repo/verifier-cli/target/verifier.jar" ] || "$verifier" --version >/dev/null
have bc || install bc
mkdir -p "$work"
echo "work directory: $work"

if want sha256 || want sha512 || want multi || want blake3; then
  [ -f "$work/big.bin" ] || head -c 1073741824 /dev/urandom > "$work/big.bin"
  cat "$work/big.bin" > /dev/null   # into the page cache
fi
if want sha256; then
  pair "SHA-256, 1 GiB file" "openssl dgst -sha256" "$RUNS" "<=1.1" -- "$verifier" hash "$work/big.bin" -- openssl dgst -sha256 "$work/big.bin"
  pair "SHA-256, 1 GiB file" "sha256sum" "$RUNS" "<=0.25" -- "$verifier" hash "$work/big.bin" -- sha256sum "$work/big.bin"
fi
if want sha512; then
  pair "SHA-512, 1 GiB file" "openssl dgst -sha512" "$RUNS" "<=1.1" -- "$verifier" hash -a sha512 "$work/big.bin" -- openssl dgst -sha512 "$work/big.bin"
  pair "SHA-512, 1 GiB file" "sha512sum" "$RUNS" - -- "$verifier" hash -a sha512 "$work/big.bin" -- sha512sum "$work/big.bin"
fi
if want multi; then
  pair "SHA-256 + SHA-512 in one read vs SHA-512 alone, 1 GiB" "verifier hash -a sha512" "$RUNS" "<=1.15" -- "$verifier" hash -a sha256 -a sha512 "$work/big.bin" -- "$verifier" hash -a sha512 "$work/big.bin"
fi
if want blake3; then
  have b3sum || install b3sum
  if have b3sum; then
    pair "BLAKE3, 1 GiB file" "b3sum" "$RUNS" - -- "$verifier" hash -a blake3 "$work/big.bin" -- b3sum "$work/big.bin"
  else
    skipped+=("blake3: b3sum not installed")
  fi
fi
if want dir; then
  if [ ! -d "$work/dir" ]; then
    mkdir -p "$work/dir"
    for i in $(seq -w 1 1000); do head -c 1073741 /dev/urandom > "$work/dir/f$i.bin"; done
  fi
  cat "$work"/dir/* > /dev/null
  pair "SHA-256, 1,000 files (1 GiB)" "openssl dgst -sha256 (one process)" "$RUNS" "<=0.556" -- "$verifier" hash "$work/dir" -- bash -c "openssl dgst -sha256 '$work'/dir/*"
  pair "SHA-256, 1,000 files (1 GiB)" "sha256sum" "$RUNS" - -- "$verifier" hash "$work/dir" -- bash -c "sha256sum '$work'/dir/*"
fi
if want small; then
  if [ ! -d "$work/small" ]; then
    # 100,000 files of 4 KiB in 100 directories: the cost per file, not per byte.
    python3 -c '
import os, sys
for d in range(100):
    os.makedirs(f"{sys.argv[1]}/d{d:03}", exist_ok=True)
    for f in range(1000):
        with open(f"{sys.argv[1]}/d{d:03}/f{f:04}.bin", "wb") as h:
            h.write(os.urandom(4096))
' "$work/small"
  fi
  find "$work/small" -type f -print0 | xargs -0 cat > /dev/null
  pair "SHA-256, 100,000 files of 4 KiB" "find -print0, xargs -0 -P2 openssl dgst -sha256" "$RUNS" "<=0.667" -- "$verifier" hash "$work/small" -- bash -c "find '$work/small' -type f -print0 | xargs -0 -P2 openssl dgst -sha256"
fi
if want compare; then
  have diffoscope || install diffoscope
  if have diffoscope; then
    if [ ! -f "$work/left.jar" ]; then
      # Two ~100 MB jars of the same ~33,000 entries (a JDK's src.zip unpacked twice, in a/ and
      # b/): other timestamps, one line of String.java changed.
      src=$(for z in /usr/lib/jvm/*/lib/src.zip; do [ -f "$z" ] && echo "$z"; done | tail -1)
      if [ -z "$src" ]; then
        skipped+=("compare: no JDK src.zip to build the jars from")
      else
        rm -rf "$work/src" && mkdir -p "$work/src/a" "$work/src/b"
        (cd "$work/src/a" && unzip -q "$src") && (cd "$work/src/b" && unzip -q "$src")
        (cd "$work/src" && jar --create --date=2026-01-01T00:00:00Z --file "$work/left.jar" .)
        f=$(find "$work/src/b" -name String.java | head -1)
        printf '\n// rebuilt\n' >> "$f"
        (cd "$work/src" && jar --create --date=2026-06-01T12:00:00Z --file "$work/right.jar" .)
      fi
    fi
    if [ -f "$work/left.jar" ]; then
      THEIR_RUNS=$DIFFOSCOPE_RUNS RSS=1 RSS_TARGET=140 pair "compare two $(du -m "$work/left.jar" | cut -f1) MB jars (timestamps + one file)" "diffoscope" "$RUNS" "<=0.01" -- "$verifier" compare "$work/left.jar" "$work/right.jar" -- diffoscope --no-progress "$work/left.jar" "$work/right.jar"
      # The verdicts must agree: both exit 1, "the pair differs". diffoscope ran last.
      theirs_status=$(tail -1 "$work/status")
      ours_status=0
      "$verifier" compare "$work/left.jar" "$work/right.jar" > "$work/ours.txt" || ours_status=$?
      notes+=("compare verdicts: verifier exit $ours_status, \"$(head -1 "$work/ours.txt" | cut -d: -f1)\", a report of $(wc -c < "$work/ours.txt") bytes; diffoscope exit $theirs_status (1: differences found)")
    fi
  else
    skipped+=("compare: diffoscope not installed")
  fi
fi
if want verify; then
  have gpgv || install gpgv
  have minisign || install minisign
  sig="$repo/testdata/signatures"
  m="$work/verify-manifest-3.json"
  if [ ! -f "$m" ]; then
    rm -f "$work"/root.* "$work"/dsse-key.* "$work"/dsse.txt*
    "$verifier" keygen --scheme ed25519 --out "$work/root" >/dev/null
    "$verifier" keygen --scheme ed25519 --out "$work/dsse-key" >/dev/null
    "$verifier" manifest create --publisher bench --version 1 --expires 3650d --key root=$work/root.pub \
      --key software="$sig/openpgp/alice.pub.asc" --key software="$sig/minisign/minisign.pub" \
      --key software="$work/dsse-key.pub" -o "$m"
    "$verifier" manifest sign --key "$work/root.key" "$m"
    echo "a small update" > "$work/dsse.txt"
    "$verifier" sign --key "$work/dsse-key.key" --role software "$work/dsse.txt" >/dev/null
    gpg --dearmor < "$sig/openpgp/alice.pub.asc" > "$work/alice.gpg" 2>/dev/null || true
  fi
  dsse=("$verifier" verify --manifest "$m" --role software "$work/dsse.txt")
  openpgp=("$verifier" verify --manifest "$m" --role software --at 2026-11-22T00:00:00Z --signature "$sig/openpgp/alice.txt.asc" "$sig/openpgp/data.txt")
  mini=("$verifier" verify --manifest "$m" --role software "$sig/minisign/message.txt")
  # Against the JVM's own start (issue #17: at most 3x `java -version` of the same JDK).
  pair "verify a small file (DSSE, ed25519)" "java -version" "$FAST_RUNS" "<=3" -- "${dsse[@]}" -- "{java}" -version
  pair "verify a small file (OpenPGP, ed25519)" "java -version" "$FAST_RUNS" "<=3" -- "${openpgp[@]}" -- "{java}" -version
  pair "verify a small file (minisign)" "java -version" "$FAST_RUNS" "<=3" -- "${mini[@]}" -- "{java}" -version
  if have gpgv; then
    pair "verify a small file (OpenPGP, ed25519)" "gpgv" "$FAST_RUNS" - -- "${openpgp[@]}" -- gpgv --keyring "$work/alice.gpg" "$sig/openpgp/alice.txt.asc" "$sig/openpgp/data.txt"
  else
    skipped+=("verify: gpgv not installed")
  fi
  if have minisign; then
    pair "verify a small file (minisign)" "minisign -V" "$FAST_RUNS" - -- "${mini[@]}" -- minisign -Vm "$sig/minisign/message.txt" -p "$sig/minisign/minisign.pub"
  else
    skipped+=("verify: minisign not installed")
  fi
fi
if want tgz; then
  # Two ~1 GiB tar.gz (a 1 GiB random file and nine 1 MiB files, other mtimes, one byte changed
  # at 500,000,000): our time and peak RSS only (diffoscope would take hours on it).
  if [ ! -f "$work/right.tar.gz" ]; then
    [ -f "$work/big.bin" ] || head -c 1073741824 /dev/urandom > "$work/big.bin"
    rm -rf "$work/tgz" && mkdir -p "$work/tgz/a" "$work/tgz/b"
    cp "$work/big.bin" "$work/tgz/a/big.bin"
    for i in 1 2 3 4 5 6 7 8 9; do head -c 1048576 /dev/urandom > "$work/tgz/a/f$i.bin"; done
    cp -a "$work/tgz/a/." "$work/tgz/b/"
    printf 'X' | dd of="$work/tgz/b/big.bin" bs=1 seek=500000000 conv=notrunc status=none
    touch -d 2026-01-01 "$work"/tgz/a/*; touch -d 2026-06-01 "$work"/tgz/b/*
    tar -C "$work/tgz/a" -cf - . | gzip -1 > "$work/left.tar.gz"
    tar -C "$work/tgz/b" -cf - . | gzip -1 > "$work/right.tar.gz"
    rm -rf "$work/tgz"
  fi
  RSS=1 RSS_TARGET=300 pair "compare two $(du -m "$work/left.tar.gz" | cut -f1) MB tar.gz (one entry differs)" "gzip -dc of both (a floor)" "$RUNS" - -- "$verifier" compare "$work/left.tar.gz" "$work/right.tar.gz" -- bash -c "gzip -dc '$work/left.tar.gz' >/dev/null; gzip -dc '$work/right.tar.gz' > /dev/null"
fi
if want startup; then
  # Against the JVM's own start (issue #17: at most 2x `java -version` of the same JDK).
  pair "start-up: --version (launcher included)" "java -version" "$FAST_RUNS" "<=2" -- "$verifier" --version -- "{java}" -version
  pair "start-up: --version (launcher included)" "openssl version" "$FAST_RUNS" - -- "$verifier" --version -- openssl version
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
flags=$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(sha_ni|avx2|avx512f)$' | tr '\n' ' ')
jdk=""
for l in $LAUNCHERS; do
  jdk+="${jdk_label[$l]} ($("${java_bin[$l]}" -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version 2>/dev/null | awk '/ UseSHA256Intrinsics | UseSHA512Intrinsics /{printf "%s=%s ", $2, $4}' | sed 's/ $//')); "
done
jdk=${jdk%; }
# What starting any process costs on this machine today: the "x java -version" targets are
# ratios of start-up times, and on a VM where a fork and exec (and the page faults of a new
# process) are slow, both sides slow down and the ratio flatters us. A median of 200 runs of
# /bin/true, in milliseconds, goes into the header beside the figures.
spawn=$(python3 -c '
import statistics, subprocess, time
t = []
for _ in range(200):
    s = time.perf_counter()
    subprocess.run(["/bin/true"])
    t.append(time.perf_counter() - s)
print(f"{statistics.median(t) * 1000:.2f}")
')
# Sections below the table ("## ...": bomb refusal, TUF conformance, ...) are measured by other
# means; they are kept as they are.
kept=""
if [ -f "$out" ]; then
  kept=$(awk '/^## /{found=1} found' "$out")
fi
{
  echo "# Side-by-side timings"
  echo
  echo "Made by \`benchmarks/compare-tools.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $cpu; CPU flags: $flags; JDKs: $jdk)."
  echo "Whole processes, wall time, files in the page cache; medians of alternated runs. Ratio < 1: verifier is faster."
  echo "Starting a process here: ${spawn} ms (/bin/true from python3, median of 200). Where that is slow, so is \`java -version\`, and the start-up ratios below flatter us: compare runs of this script by it too."
  echo
  echo "| workload | JDK | verifier | tool | tool's time | ratio | target | | notes |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  if [ ${#notes[@]} -gt 0 ]; then
    echo
    printf -- '- %s\n' "${notes[@]}"
  fi
  if [ ${#skipped[@]} -gt 0 ]; then
    echo
    echo "Skipped: $(IFS=';'; echo "${skipped[*]}")"
  fi
  if [ -n "$kept" ]; then
    echo
    printf '%s\n' "$kept"
  fi
} > "$out.new"
mv "$out.new" "$out"
echo "wrote $out"
