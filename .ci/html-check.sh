#!/usr/bin/env bash
# Opens the HTML comparison and audit reports in headless Chromium (Debian's chromium, installed here when
# missing) and fails on any console message, CSP violation or network request attempt, or when
# a report does not render its verdict. With --screenshot DIR, also saves screenshots there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "html-check: installing Debian's chromium..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "html-check: SKIPPED: chromium is not installed and this is not root"
    exit 0
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./verifier compare --format html -o "$work/compare.html" \
  testdata/archives/out/app-left.war testdata/archives/out/app-right.war || [ $? = 1 ]
./verifier audit --format html -o "$work/audit.html" --manifest testdata/demo/manifest.json \
  --role software --sums testdata/demo/tampered/SHA256SUMS \
  --buildinfo testdata/demo/tampered/demo-app-1.0.buildinfo \
  --rebuilt testdata/demo/rebuild/demo-app-1.0.jar testdata/demo/tampered/demo-app-1.0.jar \
  || [ $? = 1 ]

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0)

fail=0
check() { # check REPORT VERDICT_MARKUP
  timeout 120 chromium "${flags[@]}" --dump-dom "file://$1" > "$1.dom" 2> "$1.log" || true
  if ! grep -q "$2" "$1.dom"; then
    echo "html-check: FAILED: $(basename "$1") did not render its verdict" >&2
    fail=1
  fi
  if grep -E 'CONSOLE|Refused to|net::ERR|Failed to load resource' "$1.log" >&2; then
    echo "html-check: FAILED: $(basename "$1"): console messages, blocked loads or requests" >&2
    fail=1
  fi
}
check "$work/compare.html" 'class="verdict different">different<'
check "$work/audit.html" 'class="verdict failed">failed<'
if [ "${1:-}" = --screenshot ]; then # --screenshot DIR: DIR/compare-report.png, audit-report.png
  for r in compare audit; do
    timeout 120 chromium "${flags[@]}" --hide-scrollbars --window-size=1100,900 \
      --screenshot="$2/$r-report.png" "file://$work/$r.html" 2>/dev/null
  done
fi
[ $fail = 0 ] && echo "html-check: OK: the reports render offline with no console message or request"
exit $fail
