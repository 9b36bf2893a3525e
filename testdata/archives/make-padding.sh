#!/usr/bin/env bash
# Archives bsdtar writes to stdout: it pads what it writes to a pipe or to stdout with zeros to a
# multiple of its block (10240 bytes), after the compressor's end or the zip's end record. Written
# to a file by name, the same archive has no padding. What the reference tools do with it
# (gzip 1.12, bzip2 1.0.8, xz 5.4.1, zstd 1.5.4, GNU tar 1.34, Info-ZIP unzip 6.00, 7-Zip 26.01,
# Python 3.11, the JDK 17's java.util.zip.ZipFile), checked by hand when this was written:
#
#   gzip -t, gzip -dc     zeros after the last member: exit 0, silent (with -v: "decompression
#                         OK, trailing zero bytes ignored"); any other byte there, or zeros then
#                         another member: "decompression OK, trailing garbage ignored", exit 2,
#                         and GNU tar stops with "Child returned status 2"
#   bzip2 -t, bzip2 -dc   anything after the last stream: "trailing garbage after EOF ignored",
#                         exit 0, zeros included
#   Python gzip, bz2      zeros passed over; Python's gzip reads a member after them (gzip does not)
#   xz -t                 zeros in multiples of 4 are stream padding (exit 0); 1 to 3 zeros:
#                         "Compressed data is corrupt", exit 1; bsdtar's -J output always passes
#   zstd -t               zeros after a frame: "unsupported format", exit 1; GNU tar and bsdtar
#                         itself cannot read bsdtar --zstd's stdout either: refused, as zstd does
#   unzip -t, 7z t        zeros after the end record: no error ("There are data after the end of
#                         archive": a warning from 7z, exit 0); the JDK's ZipFile and Python's
#                         zipfile open the zip while the end record lies in the file's last 64 KiB
#   ar t                  bsdtar --format=ar to stdout: "malformed archive" (GNU ar, llvm-ar and
#                         bsdtar itself): such an ar stays refused
#
#   padded.tar.gz, padded.tar.bz2, padded.zip      bsdtar to stdout: honest, padded with zeros
#   plain.tar.gz, plain.tar.bz2, plain.zip          the same written to a file: no padding
#   padded-garbage-fail.tar.gz, ...bz2, ...zip      padded, its last byte an X
#   padded-member-fail.tar.gz                       padded, and a gzip member after the zeros
#                                                   (Python's gzip reads it, gzip does not)
#   padded.h1                                       h1 of what GNU tar extracts from padded.tar.gz
#                                                   and padded.tar.bz2 and unzip from padded.zip
#                                                   (all one), from coreutils
#
# Run from anywhere (Debian: libarchive-tools gzip bzip2 unzip); the outputs are deterministic.
set -euo pipefail
cd "$(dirname "$0")"
. ../h1.sh
rm -rf padding
mkdir -p padding
O=$(pwd)/padding
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

mkdir -p "$tmp/tree"
printf 'reviewed\n' > "$tmp/tree/a.txt"
printf 'also reviewed\n' > "$tmp/tree/b.txt"
# bsdtar takes the entries from an mtree description, so that the zip's extended timestamp holds
# the modification time alone (read from the files, it holds their access and change times too).
(cd "$tmp/tree" && for f in a.txt b.txt; do
  echo "$f type=file mode=0644 uid=0 gid=0 uname=root gname=root time=1767225600.0 contents=$f"
done) > "$tmp/tree.mtree"
bt() { bsdtar -C "$tmp/tree" "$@" "@$tmp/tree.mtree"; }

# The same archive to stdout (padded) and to a file by name (not padded); gzip without its time.
bt --options 'gzip:!timestamp' -czf - > "$O/padded.tar.gz"
bt --options 'gzip:!timestamp' -czf "$O/plain.tar.gz"
bt -cjf - > "$O/padded.tar.bz2"
bt -cjf "$O/plain.tar.bz2"
bt --format=zip -cf - > "$O/padded.zip"
bt --format=zip -cf "$O/plain.zip"
for f in padded.tar.gz padded.tar.bz2 padded.zip; do
  [ $(( $(stat -c %s "$O/$f") % 10240 )) -eq 0 ] || { echo "$f: not padded" >&2; exit 1; }
done

# The last byte of the padding made an X: trailing garbage, which gzip warns of (exit 2).
for f in tar.gz tar.bz2 zip; do
  cp "$O/padded.$f" "$O/padded-garbage-fail.$f"
  printf 'X' | dd of="$O/padded-garbage-fail.$f" bs=1 seek=$(( $(stat -c %s "$O/padded.$f") - 1 )) \
    conv=notrunc status=none
done
# Zeros, then a member holding another file: gzip stops at the zeros, Python's gzip reads on.
printf 'never reviewed\n' > "$tmp/c.txt"
cat "$O/padded.tar.gz" <(gzip -n -9 -c "$tmp/c.txt") > "$O/padded-member-fail.tar.gz"

mkdir -p "$tmp/x-gz" "$tmp/x-bz2" "$tmp/x-zip"
tar -xzf "$O/padded.tar.gz" -C "$tmp/x-gz"
tar -xjf "$O/padded.tar.bz2" -C "$tmp/x-bz2"
unzip -q "$O/padded.zip" -d "$tmp/x-zip"
h1 "$tmp/x-gz" > "$O/padded.h1"
for x in x-bz2 x-zip; do
  [ "$(h1 "$tmp/$x")" = "$(cat "$O/padded.h1")" ] || { echo "$x: another tree" >&2; exit 1; }
done
ls -l "$O"
