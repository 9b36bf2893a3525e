#!/usr/bin/env bash
# How `verifier compare` scales with the number of entries: for zip pairs of 10,000, 50,000 and
# 200,000 small entries (every timestamp differs and one entry's content), the wall time and peak
# RSS of `./verifier compare left right`, on the JDK the launcher picks (JDK 25 or later with its AOT
# cache where there is one; VERIFIER_AOT=off for the default java). Prints a Markdown table and the
# peak RSS each entry adds, from the largest and the smallest pair.
#
#   WORK=/var/tmp/compare-scale RUNS=3 SIZES="10000 50000 200000" benchmarks/compare-scale.sh
#
# The pairs are made once under $WORK by Python's zipfile (deterministic: fixed names, contents and
# dates) and kept for the next run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
work=${WORK:-/var/tmp/compare-scale}
runs=${RUNS:-3}
sizes=${SIZES:-10000 50000 200000}
mkdir -p "$work"

make_pair() {
  local n=$1
  [ -f "$work/left-$n.zip" ] && [ -f "$work/right-$n.zip" ] && return 0
  python3 - "$n" "$work" <<'EOF'
import sys, zipfile
n, work = int(sys.argv[1]), sys.argv[2]
def write(path, date, changed):
    with zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(n):
            info = zipfile.ZipInfo("pkg%03d/entry-%07d.txt" % (i % 500, i), date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            body = ("entry %d: " % i + "lorem ipsum %d " % (i * 7919 % 10007) * 8 + "\n").encode()
            if changed and i == n // 2:
                body = body.replace(b"lorem", b"LOREM", 1)
            z.writestr(info, body)
    import os
    os.replace(path + ".tmp", path)
write("%s/left-%d.zip" % (work, n), (2026, 1, 1, 0, 0, 0), False)
write("%s/right-%d.zip" % (work, n), (2026, 2, 2, 12, 0, 0), True)
EOF
}

median() {
  sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

echo "launcher: $("$here/verifier" --version)"
echo "load: $(uptime | sed 's/.*load average: //')"
echo
echo "| entries | zip size (each) | wall, median of $runs | peak RSS, max of $runs |"
echo "|---|---|---|---|"
first_n=""
first_rss=""
last_n=""
last_rss=""
for n in $sizes; do
  make_pair "$n"
  times=()
  peak=0
  for _ in $(seq 1 "$runs"); do
    # compare exits 1 for "different", which these pairs are.
    /usr/bin/time -o "$work/time.txt" -f '%e %M' \
      "$here/verifier" compare "$work/left-$n.zip" "$work/right-$n.zip" >/dev/null 2>&1 || true
    line=$(grep -v 'exited with' "$work/time.txt" | tail -1)
    times+=("${line% *}")
    rss=${line#* }
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  wall=$(printf '%s\n' "${times[@]}" | median)
  size=$(stat -c %s "$work/left-$n.zip")
  printf '| %s | %s MB | %s s | %s MB |\n' "$n" "$(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1e6}')" \
    "$wall" "$(awk -v k="$peak" 'BEGIN {printf "%.0f", k / 1024}')"
  if [ -z "$first_n" ]; then
    first_n=$n
    first_rss=$peak
  fi
  last_n=$n
  last_rss=$peak
done
if [ "$last_n" != "$first_n" ]; then
  echo
  awk -v a="$first_n" -v b="$last_n" -v ra="$first_rss" -v rb="$last_rss" 'BEGIN {
    per = (rb - ra) * 1024 / (b - a)
    printf "Peak RSS added per entry of the pair, from %d to %d entries: %.0f bytes (%.0f a side).\n", a, b, per, per / 2
  }'
fi
