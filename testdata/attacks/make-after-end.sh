#!/usr/bin/env bash
# Archives with more after their end. GNU tar, Python's tarfile and Commons Compress stop at a
# tar's end-of-archive marker (two zero blocks); `tar -i` reads on and finds whatever follows, and
# the Linux kernel reads an initramfs of several cpio archives joined end to end, where `cpio -i`
# stops at the first trailer. A reviewer who reads the listing of one reader and ships to the
# other has reviewed half of it.
#
#   after-end-first.tar         honest: the tree of the first archive (GNU tar)
#   after-end.tar               that tar, then a second one (cat): tar -t lists ./, a.txt and
#                               b.txt; tar -it also a second ./ and c.txt
#   after-end.tar.gz            the same, gzip'd as one stream
#   after-end-members.tar.gz    the two tars gzip'd each and joined: two gzip members
#   after-end-record.tar        the first tar with one byte that is not zero in the rest of its
#                               last record, after the two zero blocks
#   after-end-padding.tar       honest enough: one byte that is not zero in the padding of its
#                               last entry's data (old writers left stale bytes there; no reader
#                               takes them for anything)
#   after-end-nested.zip        after-end.tar stored in a zip
#   after-end-first.cpio        honest: the tree of the first archive (GNU cpio, newc)
#   after-end.cpio              that cpio, then a second one (cat), as an initramfs is made
#
# Deterministic; run by make.sh, or alone (Debian: apt-get install tar cpio gzip zip).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p out
O=$(pwd)/out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

mkdir -p "$tmp/one" "$tmp/two"
printf 'reviewed\n' > "$tmp/one/a.txt"
printf 'also reviewed\n' > "$tmp/one/b.txt"
printf 'never reviewed\n' > "$tmp/two/c.txt"
touch -d '2026-01-01 00:00:00' "$tmp"/one/* "$tmp"/two/*
t() { tar --sort=name --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner -C "$1" -cf - .; }
t "$tmp/one" > "$O/after-end-first.tar"
t "$tmp/two" > "$tmp/two.tar"
cat "$O/after-end-first.tar" "$tmp/two.tar" > "$O/after-end.tar"
gzip -n -9 -c "$O/after-end.tar" > "$O/after-end.tar.gz"
cat <(gzip -n -9 -c "$O/after-end-first.tar") <(gzip -n -9 -c "$tmp/two.tar") > "$O/after-end-members.tar.gz"

# The first tar's blocks (tar -tvR): ./ at 0, a.txt's header and data at 512 and 1024, b.txt's
# at 1536 and 2048, the marker at 2560, then zeros to the end of its 10240-byte record.
cp "$O/after-end-first.tar" "$O/after-end-record.tar"
printf 'X' | dd of="$O/after-end-record.tar" bs=1 seek=8000 conv=notrunc status=none
# b.txt's data is the last: 14 bytes in the block at 2048; the byte at 2100 is its padding.
cp "$O/after-end-first.tar" "$O/after-end-padding.tar"
printf 'X' | dd of="$O/after-end-padding.tar" bs=1 seek=2100 conv=notrunc status=none

mkdir -p "$tmp/zip"
cp "$O/after-end.tar" "$tmp/zip/bundle.tar"
touch -d '2026-01-01 00:00:00' "$tmp/zip/bundle.tar"
rm -f "$O/after-end-nested.zip"
(cd "$tmp/zip" && zip -q -X -0 "$O/after-end-nested.zip" bundle.tar)

(cd "$tmp/one" && printf 'a.txt\nb.txt\n' | cpio --quiet -o -H newc --reproducible > "$O/after-end-first.cpio")
(cd "$tmp/two" && printf 'c.txt\n' | cpio --quiet -o -H newc --reproducible > "$tmp/two.cpio")
cat "$O/after-end-first.cpio" "$tmp/two.cpio" > "$O/after-end.cpio"
