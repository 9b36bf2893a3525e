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
#   after-end-dir-size.tar      a directory whose header declares 8192 bytes of data, the marker,
#                               and a file right after it: readers that take the next header after
#                               a directory's header (Commons Compress, Python) find the marker
#                               there, where the directory's size says data lies
#   after-end-sparse.tar.gz     a pax sparse file (GNU tar --sparse-version=1.0, a map of several
#                               blocks, which the header's size counts), the marker, and a file
#                               right after it, gzip'd
#   sparse-pax-1.0.tar.gz       honest: that sparse file alone, gzip'd (Commons Compress took a
#                               short read of its data for the end of an extent);
#                               sparse-pax-1.0.sha256 is sha256sum of the file it holds
#   sparse-pax-1.0-aligned.tar.gz   honest: a sparse file whose pax 1.0 map text is exactly one
#                               block (so GNU tar writes no padding after it), then a small file;
#                               Commons Compress skipped the block of data after the map, and read
#                               the file shifted and the next header out of step.
#                               sparse-pax-1.0-aligned.h1: its content digest, from coreutils over
#                               what GNU tar extracts
#   sparse-oldgnu.tar.gz        honest: an old GNU sparse file of 50 extents (GNU tar --format=gnu),
#                               whose map goes on from its header into three extension records,
#                               then a small file; sparse-oldgnu.h1: its content digest, from
#                               coreutils over what GNU tar extracts
#   sparse-3g-pax.tar           a sparse file of 3 GiB (GNU tar --sparse-version=1.0): refused,
#                               Commons Compress takes pax sparse sizes up to 2 GiB (the same
#                               file in GNU's format, --format=gnu, is read)
#   gnu-incremental.tar         honest: a GNU incremental dump (tar -g) of t/ with an empty and a
#                               full directory, whose dump directories ('D') Commons Compress
#                               took for plain ones: the empty one's list read as the marker
#   gnu-incremental-more.tar    the same with a file added to t/full/
#   after-end-first.cpio        honest: the tree of the first archive (GNU cpio, newc)
#   after-end.cpio              that cpio, then a second one (cat), as an initramfs is made
#
# Deterministic; run by make.sh, or alone (Debian: apt-get install tar cpio gzip zip).
set -euo pipefail
cd "$(dirname "$0")"
. ../h1.sh
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

# Byte patches for what no tool writes: a member laid right after a marker.
python3 - "$O" "$tmp" <<'PY'
import subprocess, sys
out, tmp = sys.argv[1], sys.argv[2]

def header(name, size, kind):
    h = bytearray(512)
    h[0:len(name)] = name.encode()
    h[100:108] = b"0000644\0"
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = b"%011o\0" % size
    h[136:148] = b"15125334400\0"  # 2026-01-01
    h[156] = ord(kind)
    h[257:265] = b"ustar\x0000"
    h[148:156] = b" " * 8
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)

hidden = header("evil.txt", 15, "0") + b"never reviewed\n".ljust(512, b"\0")
# A directory declaring data, the marker, the hidden member, zeros to a 10240-byte record.
t = header("d/", 8192, "5") + bytes(1024) + hidden
open(f"{out}/after-end-dir-size.tar", "wb").write(t.ljust(10240, b"\0"))

# A file with 120 extents of 4 KiB, 64 KiB apart: its pax 1.0 sparse map takes several blocks.
with open(f"{tmp}/sparse.bin", "wb") as f:
    for i in range(120):
        f.seek(i * 65536)
        f.write(b"x" * 4096)
    f.truncate(120 * 65536)
subprocess.run(["touch", "-d", "2026-01-01 00:00:00", f"{tmp}/sparse.bin"], check=True)
subprocess.run(["tar", "--format=pax", "--sparse", "--sparse-version=1.0", "--mtime=2026-01-01 00:00:00",
                "--owner=0", "--group=0", "--numeric-owner", "--pax-option=delete=atime,delete=ctime",
                "-C", tmp, "-cf", f"{tmp}/sparse.tar", "sparse.bin"], check=True)
t = bytearray(open(f"{tmp}/sparse.tar", "rb").read())
# GNU tar names the member's ustar header GNUSparseFile.<its process id>: made constant here.
at = t.index(b"GNUSparseFile.") // 512 * 512
name = b"./GNUSparseFile.0/sparse.bin"
t[at:at + 100] = name.ljust(100, b"\0")
t[at + 148:at + 156] = b" " * 8
t[at + 148:at + 156] = b"%06o\0 " % sum(t[at:at + 512])
open(f"{tmp}/sparse.tar", "wb").write(bytes(t))
# The marker: the first all-zero block after the last header's data (tar -tvR names it).
listing = subprocess.run(["tar", "-tvR", "-f", f"{tmp}/sparse.tar"], capture_output=True, text=True).stdout
marker = [int(l.split()[1].rstrip(":")) for l in listing.splitlines() if "Block of NULs" in l][0] * 512
t[marker + 1024:marker + 1024 + len(hidden)] = hidden
open(f"{tmp}/sparse-hidden.tar", "wb").write(bytes(t))
PY
gzip -n -9 -c "$tmp/sparse-hidden.tar" > "$O/after-end-sparse.tar.gz"
gzip -n -9 -c "$tmp/sparse.tar" > "$O/sparse-pax-1.0.tar.gz"
(cd "$tmp" && sha256sum sparse.bin) > "$O/sparse-pax-1.0.sha256"

# 40 extents 64 KiB apart, the first of 12 KiB and the others of 4 KiB, the file ending in a hole:
# 41 map entries whose text is 512 bytes.
mkdir -p "$tmp/aligned" "$tmp/aligned-x"
python3 - "$tmp/aligned/sp.bin" <<'PY'
import sys
with open(sys.argv[1], "wb") as f:
    for i in range(40):
        f.seek(i * 65536)
        f.write(bytes([65 + i % 26]) * (12288 if i == 0 else 4096))
    f.truncate(41 * 65536)
PY
printf 'extra\n' > "$tmp/aligned/after.txt"
touch -d '2026-01-01 00:00:00' "$tmp/aligned/sp.bin" "$tmp/aligned/after.txt"
tar --format=pax --sparse --sparse-version=1.0 --mtime='2026-01-01 00:00:00' --owner=0 --group=0 \
  --numeric-owner --pax-option=delete=atime,delete=ctime -C "$tmp/aligned" -cf "$tmp/aligned.tar" sp.bin after.txt
# GNU tar names a pax sparse member's ustar header GNUSparseFile.<its process id>: made constant.
pid0() { # tar name
  python3 - "$1" "$2" <<'PY'
import sys
p, name = sys.argv[1], sys.argv[2].encode()
t = bytearray(open(p, "rb").read())
at = t.index(b"GNUSparseFile.") // 512 * 512
t[at:at + 100] = b"./GNUSparseFile.0/" + name + b"\0" * (82 - len(name))
t[at + 148:at + 156] = b" " * 8
t[at + 148:at + 156] = b"%06o\0 " % sum(t[at:at + 512])
open(p, "wb").write(bytes(t))
PY
}
pid0 "$tmp/aligned.tar" sp.bin
python3 - "$tmp/aligned.tar" <<'PY'
import sys
p = sys.argv[1]
t = bytearray(open(p, "rb").read())
at = t.index(b"GNUSparseFile.") // 512 * 512
text = t[at + 512:at + 512 + 4096]
lines, pos = 1, 0
for i in range(lines + 1000):
    end = text.index(b"\n", pos)
    if i == 0:
        lines = 1 + 2 * int(text[pos:end])
    pos = end + 1
    if i + 1 == lines:
        break
assert pos == 512, pos  # the map text is exactly one block
open(p, "wb").write(bytes(t))
PY
gzip -n -9 -c "$tmp/aligned.tar" > "$O/sparse-pax-1.0-aligned.tar.gz"
tar -xf "$tmp/aligned.tar" -C "$tmp/aligned-x"
# The content digest (h1) of the files under $1, by coreutils.
h1 "$tmp/aligned-x" > "$O/sparse-pax-1.0-aligned.h1"

# 50 extents of 4 KiB, 64 KiB apart: an old GNU header holds 4 extents, each extension record 21.
mkdir -p "$tmp/oldgnu" "$tmp/oldgnu-x"
python3 - "$tmp/oldgnu/many.bin" <<'PY'
import sys
with open(sys.argv[1], "wb") as f:
    for i in range(50):
        f.seek(i * 65536)
        f.write(bytes([97 + i % 26]) * 4096)
    f.truncate(51 * 65536)
PY
printf 'after\n' > "$tmp/oldgnu/after.txt"
touch -d '2026-01-01 00:00:00' "$tmp/oldgnu/many.bin" "$tmp/oldgnu/after.txt"
tar --format=gnu --sparse --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner \
  -C "$tmp/oldgnu" -cf "$tmp/oldgnu.tar" many.bin after.txt
gzip -n -9 -c "$tmp/oldgnu.tar" > "$O/sparse-oldgnu.tar.gz"
tar -xf "$tmp/oldgnu.tar" -C "$tmp/oldgnu-x"
h1 "$tmp/oldgnu-x" > "$O/sparse-oldgnu.h1"

# A sparse file of 3 GiB and 3 bytes, held in 10 KiB: pax 1.0 (GNU.sparse.realsize).
mkdir -p "$tmp/big"
truncate -s 3G "$tmp/big/big.bin"
printf 'end' >> "$tmp/big/big.bin"
touch -d '2026-01-01 00:00:00' "$tmp/big/big.bin"
big() { # output options...
  local out=$1
  shift
  tar "$@" --sparse --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner \
    -C "$tmp/big" -cf "$O/$out" big.bin
}
big sparse-3g-pax.tar --format=pax --sparse-version=1.0 \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime
pid0 "$O/sparse-3g-pax.tar" big.bin
rm "$tmp/big/big.bin"

mkdir -p "$tmp/inc/t/empty" "$tmp/inc/t/full"
printf 'hi\n' > "$tmp/inc/t/full/a.txt"
printf 'there\n' > "$tmp/inc/t/b.txt"
touch -d '2026-01-01 00:00:00' "$tmp/inc/t" "$tmp/inc/t/empty" "$tmp/inc/t/full" "$tmp/inc/t/full/a.txt" "$tmp/inc/t/b.txt"
# GNU tar stamps each header of an incremental dump with the times of the dump and of the files
# (its atime and ctime fields): set to the mtime here, the checksum made again.
inc() {
  tar -g "$tmp/snapshot-$1" --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner -C "$tmp/inc" -cf "$O/$1" t
  python3 - "$O/$1" <<'PY'
import sys, tarfile
p = sys.argv[1]
t = bytearray(open(p, "rb").read())
for m in tarfile.open(p).getmembers():
    o = m.offset
    t[o + 345:o + 357] = t[o + 136:o + 148]
    t[o + 357:o + 369] = t[o + 136:o + 148]
    t[o + 148:o + 156] = b" " * 8
    t[o + 148:o + 156] = b"%06o\0 " % sum(t[o:o + 512])
open(p, "wb").write(bytes(t))
PY
}
inc gnu-incremental.tar
printf 'new\n' > "$tmp/inc/t/full/c.txt"
touch -d '2026-01-01 00:00:00' "$tmp/inc/t/full/c.txt" "$tmp/inc/t/full"
inc gnu-incremental-more.tar

(cd "$tmp/one" && printf 'a.txt\nb.txt\n' | cpio --quiet -o -H newc --reproducible > "$O/after-end-first.cpio")
(cd "$tmp/two" && printf 'c.txt\n' | cpio --quiet -o -H newc --reproducible > "$tmp/two.cpio")
cat "$O/after-end-first.cpio" "$tmp/two.cpio" > "$O/after-end.cpio"
