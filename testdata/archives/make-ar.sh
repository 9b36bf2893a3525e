#!/usr/bin/env bash
# Static libraries (ar archives of object files) as the archivers write them, with what GNU ar
# extracts from each (ar x), hashed by coreutils.
#
#   gnu.a          GNU ar rcs: the symbol table (the member named /), the long-name table (//),
#                  a.o and long_file_name_beyond_sixteen.o (its name in //)
#   gnu-nosym.a    GNU ar rcS: the same members without the symbol table
#   gnu-other.a    GNU ar rcs after the second object's g was renamed h: another symbol table,
#                  another object
#   bsd.a          llvm-ar --format=bsd: the symbol table __.SYMDEF and the names in #1/N form,
#                  each padded with NULs to a multiple of 4 bytes (BSD ar and Apple's libtool pad
#                  so too); ar x and bsdtar end a name at its first NUL
#   bsd-nul-fail.a bsd.a with a.o's padded name ("a.o\0") made "a\0o\0": a NUL, then another
#                  byte, in the name (GNU ar extracts a file named a; what follows is hidden)
#   e9-fail.a      GNU ar rcS of a file caf\xe9 (ISO-8859-1); e8-fail.a: caf\xe8, the same content
#                  (Commons Compress reads both names as caf U+FFFD)
#   symbols-later-fail.a
#                  by hand: the long-name table, a_rather_long_member_name.o (/0) holding X, then a
#                  member named / holding Y: GNU ar takes / for the symbol table only as the first
#                  member, and here for the long name at offset 0: ar x extracts the file with Y
#   two-linker-members.a
#                  by hand: a Microsoft import library's two linker members (/ and /), then a.txt
#   *.h1           the content digest of what GNU ar x extracts (no file of /, a file of
#                  __.SYMDEF), from coreutils
#
# Run from anywhere (Debian: gcc, binutils, llvm, coreutils); gcc 12.2, binutils 2.40 and llvm 14
# made the committed files. GNU ar's D and llvm-ar's deterministic default write zero times,
# owners and modes, so the outputs are deterministic for one compiler.
set -euo pipefail
cd "$(dirname "$0")"
. ../h1.sh
rm -rf ar
mkdir -p ar
O=$(pwd)/ar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

cd "$tmp"
printf 'int f(void) { return 1; }\n' > a.c
printf 'int g(void) { return 2; }\nint a_long_symbol_name(void) { return 3; }\n' \
  > long_file_name_beyond_sixteen.c
gcc -O2 -c a.c long_file_name_beyond_sixteen.c
ar rcsD "$O/gnu.a" a.o long_file_name_beyond_sixteen.o
ar rcSD "$O/gnu-nosym.a" a.o long_file_name_beyond_sixteen.o
llvm-ar rcs --format=bsd "$O/bsd.a" a.o long_file_name_beyond_sixteen.o
printf 'int h(void) { return 2; }\nint a_long_symbol_name(void) { return 3; }\n' \
  > long_file_name_beyond_sixteen.c
gcc -O2 -c long_file_name_beyond_sixteen.c
ar rcsD "$O/gnu-other.a" a.o long_file_name_beyond_sixteen.o

printf 'reviewed\n' > "$(printf 'caf\xe9')"
printf 'reviewed\n' > "$(printf 'caf\xe8')"
ar rcSD "$O/e9-fail.a" "$(printf 'caf\xe9')"
ar rcSD "$O/e8-fail.a" "$(printf 'caf\xe8')"

member() { # name data: a header and the data, padded to an even length
  printf '%-16s%-12s%-6s%-6s%-8s%-10s`\n' "$1" 0 0 0 644 "${#2}"
  printf '%s' "$2"
  if [ $(( ${#2} % 2 )) -eq 1 ]; then printf '\n'; fi
}
{
  printf '!<arch>\n'
  member // "a_rather_long_member_name.o/"$'\n'
  member /0 'X'
  member / 'Y'
} > "$O/symbols-later-fail.a"
mkdir "$tmp/later" && (cd "$tmp/later" && ar x "$O/symbols-later-fail.a")
[ "$(cat "$tmp/later/a_rather_long_member_name.o")" = Y ] ||
  { echo "symbols-later-fail.a: ar x extracts otherwise" >&2; exit 1; }

# A Microsoft import library's shape: two linker members named /, then a file. GNU ar passes over
# the second (bfd's check for PE archives): ar x extracts a.txt alone.
python3 - "$O/two-linker-members.a" <<'PY'
import sys
def member(name, data):
    h = b"%-16s%-12s%-6s%-6s%-8s%-10s`\n" % (name, b"0", b"0", b"0", b"644", b"%d" % len(data))
    return h + data + (b"\n" if len(data) % 2 else b"")
# The first linker member: no symbols (a big-endian count); the second: no members, no symbols.
body = member(b"/", b"\0" * 4) + member(b"/", b"\0" * 8) + member(b"a.txt", b"reviewed\n")
open(sys.argv[1], "wb").write(b"!<arch>\n" + body)
PY
mkdir "$tmp/two" && (cd "$tmp/two" && ar x "$O/two-linker-members.a")
[ "$(ls "$tmp/two")" = a.txt ] || { echo "two-linker-members.a: ar x extracts otherwise" >&2; exit 1; }

# a.o's name in bsd.a: "#1/4" then "a.o\0"; its dot made a NUL.
at=$(grep -abo $'a\\.o\x00' "$O/bsd.a" | head -1 | cut -d: -f1)
[ -n "$at" ] || { echo "bsd.a: a.o's name not found" >&2; exit 1; }
cp "$O/bsd.a" "$O/bsd-nul-fail.a"
printf '\0' | dd of="$O/bsd-nul-fail.a" bs=1 seek=$((at + 1)) conv=notrunc status=none
printf 'a.o\x00' | cmp -s - <(dd if="$O/bsd-nul-fail.a" bs=1 skip="$at" count=4 status=none) &&
  { echo "bsd-nul-fail.a: not changed" >&2; exit 1; }

for a in gnu gnu-nosym gnu-other bsd; do
  rm -rf "$tmp/x" && mkdir "$tmp/x"
  (cd "$tmp/x" && ar x "$O/$a.a")
  h1 "$tmp/x" > "$O/$a.h1"
done
ls -l "$O"
