#!/usr/bin/env bash
# cpio archives with hard links, symbolic links and names that are not ASCII, as GNU cpio 2.13 and
# bsdtar write them, and link sets that the readers would extract otherwise, made by hand.
#
# cpio-links/: one tree, a b c three names of one file ("data\n"), f a file, l a symbolic link to a
#   gnu-newc.cpio, gnu-crc.cpio  GNU cpio -H newc / crc: the set's data once, with its last member
#                                (c); the others have size 0. crc: l's checksum is 0, as GNU cpio
#                                writes it for every symbolic link
#   gnu-odc.cpio, gnu-bin.cpio   GNU cpio -H odc / bin: every member with the data; GNU cpio links
#                                the later ones to the first and skips theirs
#   bsdtar-newc.cpio             bsdtar --format newc: the data with the last member, as GNU cpio
#   bsdtar-odc.cpio              bsdtar --format odc: the data with every member
#   newc-data-first.cpio         by hand: a carries the data, b and c (size 0) come after it
#   odc-data-first.cpio          by hand: odc, a carries the data, b and c have size 0
#   tree.tar                     GNU tar of the same tree (a holds the data, b and c link to it)
#   evil-b.tar                   GNU tar of the tree with b a file of its own, "EVIL\n"
#   h1.txt                       each cpio's content digest, from coreutils over what GNU cpio
#                                extracts (cpio -id)
#   refused, by hand (newc unless said; each pair shares a device and inode, link count 2):
#   type-mismatch-fail.cpio      a file and a symbolic link
#   directories-fail.cpio        two directories
#   too-many-members-fail.cpio   three file members where the link count says 2
#   different-data-fail.cpio     a carries "data\n", b "EVIL\n"
#   odc-different-data-fail.cpio odc: a carries nothing, b "data\n" (GNU cpio makes both empty,
#                                bsdtar gives both the data)
#   symlink-targets-fail.cpio    symbolic links to a and to b
#   name-no-nul-fail.cpio        a name whose last byte is an X, not the NUL that should end it:
#                                GNU cpio and bsdtar extract abcX (Commons Compress drops the byte)
#   mixed-formats-fail.cpio      a newc member, then an odc one: GNU cpio extracts the first alone
#                                ("skipped 80 bytes of junk"), bsdtar fails
#   trailer-no-nul-fail.cpio     a, then a trailer whose name is TRAILER!!!X (no NUL): Commons
#                                Compress ends there, GNU cpio and bsdtar extract TRAILER!!!X
#   crc-bad-sum-fail.cpio        gnu-crc.cpio with f's checksum made 1: GNU cpio reports
#                                "f: checksum error (0x82, should be 0x1)"
#
# cpio-names/ (GNU cpio -H newc):
#   utf8.cpio     files named été.txt and 日本.txt (UTF-8)
#   latin1.cpio   files named a\xff and a\xfe (bytes that are not UTF-8): as UTF-8 with a
#                 replacement character, the two would be one name
#   h1.txt        utf8.cpio's content digest, from coreutils over what GNU cpio extracts
#
# Run from anywhere (Debian: cpio, libarchive-tools, tar, python3, coreutils). The outputs are
# deterministic but for bsdtar-*.cpio: bsdtar writes each file's device and inode numbers as the
# file system gives them (their digests in h1.txt do not change).
set -euo pipefail
cd "$(dirname "$0")"
. ../h1.sh
rm -rf cpio-links cpio-names work-cpio
mkdir -p cpio-links cpio-names work-cpio
L=$(pwd)/cpio-links
N=$(pwd)/cpio-names
W=$(pwd)/work-cpio
export TZ=UTC LC_ALL=C
trap 'rm -rf "$W"' EXIT

gnucpio() { # format output dir names...
  local format=$1 out=$2 dir=$3
  shift 3
  (cd "$dir" && printf '%s\n' "$@" |
    cpio --quiet -o -H "$format" --reproducible -R 0:0 > "$out")
}

mkdir -p "$W/t"
printf 'data\n' > "$W/t/a"
ln "$W/t/a" "$W/t/b"
ln "$W/t/a" "$W/t/c"
printf 'x\n' > "$W/t/f"
ln -s a "$W/t/l"
chmod 644 "$W/t/a" "$W/t/f"
touch -h -d '2026-01-01 00:00:00' "$W/t/a" "$W/t/f" "$W/t/l"
for f in newc crc odc bin; do
  gnucpio "$f" "$L/gnu-$f.cpio" "$W/t" a b c f l
done
for f in newc odc; do
  (cd "$W/t" && bsdtar --format "$f" --uid 0 --gid 0 -cf "$L/bsdtar-$f.cpio" a b c f l)
done
tar --format=gnu --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner \
  -C "$W/t" -cf "$L/tree.tar" a b c f l
mkdir -p "$W/e"
cp -a "$W/t/." "$W/e/"
rm "$W/e/b"
printf 'EVIL\n' > "$W/e/b"
touch -d '2026-01-01 00:00:00' "$W/e/b"
tar --format=gnu --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner \
  -C "$W/e" -cf "$L/evil-b.tar" a b c f l

python3 - "$L" <<'PY'
import sys
out = sys.argv[1]
MTIME = 1767225600
REG, DIR, LNK = 0o100644, 0o40755, 0o120777

def newc(name, mode, ino, nlink, data=b"", check=0, magic="070701", end=b"\0"):
    n = name.encode() + end
    fields = [ino, mode, 0, 0, nlink, MTIME, len(data), 0, 0, 0, 0, len(n), check]
    h = (magic + "".join("%08x" % v for v in fields)).encode() + n
    h += b"\0" * (-len(h) % 4)
    return h + data + b"\0" * (-len(data) % 4)

def odc(name, mode, ino, nlink, data=b""):
    n = name.encode() + b"\0"
    h = "070707" + "".join("%06o" % v for v in [0, ino, mode, 0, 0, nlink, 0])
    h += "%011o%06o%011o" % (MTIME, len(n), len(data))
    return h.encode() + n + data

def write(name, members, trailer=newc):
    body = b"".join(members) + trailer("TRAILER!!!", 0, 0, 1)
    with open(f"{out}/{name}", "wb") as f:
        f.write(body + b"\0" * (-len(body) % 512))

D = b"data\n"
write("newc-data-first.cpio",
      [newc("a", REG, 7, 3, D), newc("b", REG, 7, 3), newc("c", REG, 7, 3),
       newc("f", REG, 8, 1, b"x\n"), newc("l", LNK, 9, 1, b"a")])
write("odc-data-first.cpio",
      [odc("a", REG, 7, 3, D), odc("b", REG, 7, 3), odc("c", REG, 7, 3),
       odc("f", REG, 8, 1, b"x\n"), odc("l", LNK, 9, 1, b"a")], odc)
write("type-mismatch-fail.cpio", [newc("a", REG, 7, 2, D), newc("b", LNK, 7, 2, b"a")])
write("directories-fail.cpio", [newc("d", DIR, 7, 2), newc("e", DIR, 7, 2)])
write("too-many-members-fail.cpio",
      [newc("a", REG, 7, 2), newc("b", REG, 7, 2), newc("c", REG, 7, 2, D)])
write("different-data-fail.cpio", [newc("a", REG, 7, 2, D), newc("b", REG, 7, 2, b"EVIL\n")])
write("odc-different-data-fail.cpio", [odc("a", REG, 7, 2), odc("b", REG, 7, 2, D)], odc)
write("symlink-targets-fail.cpio", [newc("l", LNK, 7, 2, b"a"), newc("m", LNK, 7, 2, b"b")])
write("name-no-nul-fail.cpio", [newc("abc", REG, 7, 1, D, end=b"X")])
write("mixed-formats-fail.cpio", [newc("a", REG, 7, 1, D), odc("b", REG, 8, 1, D)])
# A trailer named TRAILER!!! and an X for its NUL: GNU cpio and bsdtar extract a file of that name.
body = newc("a", REG, 7, 1, D) + newc("TRAILER!!!", 0, 0, 1, end=b"X")
with open(f"{out}/trailer-no-nul-fail.cpio", "wb") as f:
    f.write(body + b"\0" * (-len(body) % 512))

# f's checksum field (the 13th of the header) made 1.
crc = bytearray(open(f"{out}/gnu-crc.cpio", "rb").read())
at = crc.index(b"f\0") - 110
assert crc[at:at + 6] == b"070702"
crc[at + 102:at + 110] = b"00000001"
open(f"{out}/crc-bad-sum-fail.cpio", "wb").write(crc)
PY

mkdir -p "$W/n" "$W/x"
printf '\xc3\xa9t\xc3\xa9\n' > "$W/n/$(printf '\xc3\xa9t\xc3\xa9.txt')"
printf 'nihon\n' > "$W/n/$(printf '\xe6\x97\xa5\xe6\x9c\xac.txt')"
touch -d '2026-01-01 00:00:00' "$W/n"/*
gnucpio newc "$N/utf8.cpio" "$W/n" "$(printf '\xc3\xa9t\xc3\xa9.txt')" \
  "$(printf '\xe6\x97\xa5\xe6\x9c\xac.txt')"
printf 'ff\n' > "$W/x/$(printf 'a\xff')"
printf 'fe\n' > "$W/x/$(printf 'a\xfe')"
touch -d '2026-01-01 00:00:00' "$W/x"/*
gnucpio newc "$N/latin1.cpio" "$W/x" "$(printf 'a\xff')" "$(printf 'a\xfe')"

# The content digests of what GNU cpio extracts (coreutils, h1 of ../h1.sh): regular files, each
# name of a hard-link set among them.
extract() { # archive dir
  mkdir -p "$2"
  (cd "$2" && cpio --quiet -id < "$1")
}
for c in gnu-newc gnu-crc gnu-odc gnu-bin bsdtar-newc bsdtar-odc newc-data-first odc-data-first; do
  extract "$L/$c.cpio" "$W/x-$c"
  printf '%s  %s.cpio\n' "$(h1 "$W/x-$c")" "$c"
done > "$L/h1.txt"
extract "$N/utf8.cpio" "$W/x-utf8"
printf '%s  utf8.cpio\n' "$(h1 "$W/x-utf8")" > "$N/h1.txt"
