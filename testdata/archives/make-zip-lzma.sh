#!/usr/bin/env bash
# Zips whose entries 7-Zip compressed with LZMA (method 14, `7z a -tzip -mm=LZMA`): the tree of
# make.sh's order-left.zip (deflated by Info-ZIP), and the same tree with two files changed (one
# stored, one LZMA: 7-Zip stores what LZMA does not shrink).
# Writes out/lzma-left.zip and out/lzma-changed-right.zip. Run from anywhere after make.sh
# (Debian: apt-get install p7zip-full).
set -euo pipefail
cd "$(dirname "$0")"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export TZ=UTC LC_ALL=C
mk_tree() { # dir variant, as make.sh makes it
  mkdir -p "$1/org/example" "$1/docs"
  printf 'package org.example;\n\npublic class Greeter {\n  String greet() {\n    return "hello";\n  }\n}\n' > "$1/org/example/Greeter.java"
  printf 'rule demo { condition: true }\n' > "$1/docs/rules.yar"
  head -c 3000 /dev/zero | tr '\0' 'x' > "$1/docs/big.txt"
  python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 8)' > "$1/org/example/data.bin"
  if [ "$2" = b ]; then
    sed -i 's/"hello"/"hello, world"/' "$1/org/example/Greeter.java"
    printf 'y' >> "$1/docs/big.txt"
  fi
  touch -d '2026-01-01 00:00:00' $(find "$1")
}
mk_tree "$W/a" a
mk_tree "$W/b" b
rm -f out/lzma-left.zip out/lzma-changed-right.zip
files="docs/big.txt docs/rules.yar org/example/Greeter.java org/example/data.bin"
(cd "$W/a" && 7z a -tzip -mm=LZMA -mtc=off "$OLDPWD/out/lzma-left.zip" $files > /dev/null)
(cd "$W/b" && 7z a -tzip -mm=LZMA -mtc=off "$OLDPWD/out/lzma-changed-right.zip" $files > /dev/null)
