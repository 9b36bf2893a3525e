#!/usr/bin/env bash
# We sell reproducibility, so we practise it: builds the project twice from clean and checks that
# every jar comes out bit for bit the same. Run from anywhere; exits 1 when a jar differs.
set -euo pipefail
cd "$(dirname "$0")/.."

jars() {
  find . -path '*/target/*.jar' -not -path './testdata/*' -print0 | sort -z | xargs -0 sha256sum
}

build() {
  mvn -B -q -ntp -Dstyle.color=never -DskipTests clean package
}

build
first=$(jars)
sleep 1 # a timestamp that leaked into a jar would now differ
build
second=$(jars)

if [ "$first" != "$second" ]; then
  echo "reproducible-build: FAILED: two clean builds gave different jars:" >&2
  diff <(echo "$first") <(echo "$second") >&2 || true
  exit 1
fi
count=$(echo "$first" | wc -l)
echo "reproducible-build: OK: $count jars identical across two clean builds"
echo "$first"
