#!/usr/bin/env bash
# Opens the HTML comparison report in headless Chromium (Debian's chromium, installed here when
# missing) and fails on any console message, CSP violation or network request attempt, or when
# the report does not render its verdict. With --screenshot FILE, also saves a screenshot.
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
report="$work/report.html"
./verifier compare --format html -o "$report" \
  testdata/archives/out/app-left.war testdata/archives/out/app-right.war || [ $? = 1 ]

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0)
timeout 120 chromium "${flags[@]}" --dump-dom "file://$report" > "$work/dom.html" 2> "$work/log.txt" || true

fail=0
if ! grep -q 'class="verdict different">different<' "$work/dom.html"; then
  echo "html-check: FAILED: the report did not render its verdict" >&2
  fail=1
fi
if grep -E 'CONSOLE|Refused to|net::ERR|Failed to load resource' "$work/log.txt" >&2; then
  echo "html-check: FAILED: console messages, blocked loads or network requests (above)" >&2
  fail=1
fi
if [ "${1:-}" = --screenshot ]; then
  timeout 120 chromium "${flags[@]}" --hide-scrollbars --window-size=1100,800 \
    --screenshot="$2" "file://$report" 2>/dev/null
fi
[ $fail = 0 ] && echo "html-check: OK: the report renders offline with no console message or request"
exit $fail
