#!/usr/bin/env bash
# Compression bombs, and the honest archives of high ratio they are told apart from. The limit
# (SPEC 4, docs/hostile-input.md) is 1000 times the compressed size, past a floor of the first
# MiB; zeros deflate about 1030 times, so a zip of zeros is a bomb whatever its size, and the
# committed ones are small (16 MiB of zeros each): the checks never depend on the absolute size.
#
#   make-bombs.sh             the committed fixtures, in out/ (run by make.sh, or alone)
#   make-bombs.sh --big DIR   the large bombs of the measurements (benchmarks/RESULTS.md, "Bomb
#                             refusal"), about 20 MB each on disk and 20 GiB inside, in DIR
#
# Made with the real tools (Python's zipfile and tarfile, gzip, bzip2, xz, zstd) where they can
# write the attack, and with struct where a header must lie. Deterministic.
# Debian: apt-get install python3 gzip bzip2 xz-utils zstd.
set -euo pipefail
cd "$(dirname "$0")"
export TZ=UTC LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ "${1:-}" = "--big" ]; then
  D=${2:?make-bombs.sh --big DIR}
  mkdir -p "$D"
  # One zip64 entry that declares, and holds, 20 GiB of zeros (20 MB deflated): Python's zipfile.
  python3 - "$D/bomb-20g.zip" <<'PY'
import sys, zipfile
info = zipfile.ZipInfo("zeros.bin", date_time=(2026, 1, 1, 0, 0, 0))
info.compress_type = zipfile.ZIP_DEFLATED
info.file_size = 20 << 30
chunk = bytes(1 << 20)
with zipfile.ZipFile(sys.argv[1], "w", compresslevel=9) as z:
    with z.open(info, "w", force_zip64=True) as w:
        for _ in range(20 << 10):
            w.write(chunk)
PY
  # Streams of 20 GiB of zeros: 1280 members (gzip, bzip2), streams (xz) or frames (zstd) of
  # 16 MiB each, which every reader of the format reads as one stream.
  head -c $((16 << 20)) /dev/zero > "$tmp/zeros"
  gzip -n -9 -c "$tmp/zeros" > "$tmp/m.gz"
  bzip2 -9 -c "$tmp/zeros" > "$tmp/m.bz2"
  xz -9 -c "$tmp/zeros" > "$tmp/m.xz"
  zstd -q -19 -c "$tmp/zeros" > "$tmp/m.zst"
  for ext in gz bz2 xz zst; do
    for _ in $(seq 1280); do cat "$tmp/m.$ext"; done > "$D/bomb-20g.$ext"
  done
  # A tar.gz of one 20 GiB entry of zeros: the header as its own member, then the zeros (and the
  # end-of-archive blocks, zeros too) as members.
  python3 - "$tmp/header.tar" <<'PY'
import sys, tarfile
t = tarfile.TarInfo("zeros.bin")
t.size, t.mtime, t.mode = 20 << 30, 1767225600, 0o644
open(sys.argv[1], "wb").write(t.tobuf(format=tarfile.GNU_FORMAT))
PY
  { gzip -n -9 -c "$tmp/header.tar"; cat "$D/bomb-20g.gz"; head -c 1024 /dev/zero | gzip -n -9 -c; } \
    > "$D/bomb-20g.tar.gz"
  ls -l "$D"/bomb-20g*
  exit 0
fi

mkdir -p out
O=$(pwd)/out
head -c $((16 << 20)) /dev/zero > "$tmp/zeros.bin"
touch -d 2026-01-01T00:00:00Z "$tmp/zeros.bin"

# Compressed tars of one 16 MiB entry of zeros: refused by the running ratio of the stream.
python3 - "$tmp/zeros.bin" "$tmp/bomb.tar" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[2], "w", format=tarfile.GNU_FORMAT) as t:
    info = t.gettarinfo(sys.argv[1], "zeros.bin")
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    with open(sys.argv[1], "rb") as f:
        t.addfile(info, f)
PY
gzip -n -9 -c "$tmp/bomb.tar" > "$O/bomb.tar.gz"
bzip2 -9 -c "$tmp/bomb.tar" > "$O/bomb.tar.bz2"
xz -9 -c "$tmp/bomb.tar" > "$O/bomb.tar.xz"
zstd -q -19 -c "$tmp/bomb.tar" > "$O/bomb.tar.zst"

python3 - "$O" "$tmp" <<'PY'
import io, random, struct, sys, zipfile, zlib
out, tmp = sys.argv[1], sys.argv[2]
DATE = (2026, 1, 1, 0, 0, 0)
zeros = bytes(16 << 20)

def zinfo(name, method=zipfile.ZIP_DEFLATED):
    i = zipfile.ZipInfo(name, date_time=DATE)
    i.compress_type = method
    i.create_system = 3
    i.external_attr = 0o644 << 16
    return i

def write_zip(entries, method=zipfile.ZIP_DEFLATED, zip64=False, seekable=True):
    buf = io.BytesIO()
    sink = buf if seekable else Unseekable(buf)
    with zipfile.ZipFile(sink, "w", compresslevel=9) as z:
        for name, data in entries:
            with z.open(zinfo(name, method), "w", force_zip64=zip64) as w:
                w.write(data)
    return buf.getvalue()

class Unseekable(io.RawIOBase):
    """A pipe: zipfile then writes data descriptors, and local headers without sizes."""
    def __init__(self, buf):
        self.buf = buf
    def writable(self):
        return True
    def write(self, b):
        return self.buf.write(b)

def save(name, data):
    open(f"{out}/{name}", "wb").write(data)

# A zip64 entry that declares, and holds, 16 MiB of zeros: refused on its declared sizes, before
# a byte is inflated (the 20 GiB one of the measurements is the same, larger).
bomb = write_zip([("zeros.bin", zeros)], zip64=True)
save("bomb-zip64.zip", bomb)

def raw_deflate(data, final=True):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH)

def zip64_entry(name, data, crc, local_sizes, central_sizes):
    """One deflated entry whose headers declare (size, compressed size) in zip64 fields."""
    extra = struct.pack("<HHQQ", 1, 16, *local_sizes)
    lh = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x5C21, crc,
                     0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra)) + name + extra
    cextra = struct.pack("<HHQQ", 1, 16, *central_sizes)
    cd = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, 45, 0, 8, 0, 0x5C21, crc,
                     0xFFFFFFFF, 0xFFFFFFFF, len(name), len(cextra), 0, 0, 0, 0o100644 << 16,
                     0) + name + cextra
    body = lh + data
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cd), len(body), 0)
    return body + cd + eocd

# Declared bombs over data that is not deflate at all (a first byte of block type 3, which zlib
# refuses): a reader that inflated before it checked would fail otherwise than on the ratio.
garbage = b"\x07" + random.Random(7).randbytes(1023)
save("bomb-declared-garbage.zip",
     zip64_entry(b"zeros.bin", garbage, 0, (16 << 20, 1024), (16 << 20, 1024)))
# The central directory declares 1000 bytes, the local header (which streaming readers go by)
# 16 MiB.
save("bomb-local-declared.zip",
     zip64_entry(b"zeros.bin", garbage, 0, (16 << 20, 1024), (1000, 1024)))

# Sizes that lie: both headers declare 1000 bytes; the data is 16 MiB of zeros deflated, then
# bytes that are not deflate. Read no further than byte 1001: a size-mismatch, neither the bomb
# nor the garbage behind it inflated.
lie = raw_deflate(zeros, final=False) + garbage
crc = zlib.crc32(zeros[:1000])
lying = zip64_entry(b"zeros.bin", lie, crc, (1000, len(lie)), (1000, len(lie)))
save("bomb-size-lie.zip", lying)
# The same nested in a zip, where it can only be streamed: the zip reader would inflate the rest
# itself to find the next entry, so the nested zip is refused at byte 1001 (a finding of the outer).
save("bomb-size-lie-nested.zip", write_zip([("lying.zip", lying)], zipfile.ZIP_STORED))

# Nested: the zip bomb inside a zip inside a zip (stored, so only the inner entry is a bomb);
# the tar.gz bomb inside a zip; and a zip inside a zip whose bomb entry has a data descriptor
# (written to a pipe), so that no header declares its sizes and only its running ratio tells.
inner = write_zip([("inner.zip", bomb)], zipfile.ZIP_STORED)
save("bomb-nested-zip.zip", write_zip([("middle.zip", inner)], zipfile.ZIP_STORED))
save("bomb-tgz-in-zip.zip",
     write_zip([("rules.tar.gz", open(f"{out}/bomb.tar.gz", "rb").read())], zipfile.ZIP_STORED))
streamed = write_zip([("zeros.bin", zeros)], seekable=False)
save("bomb-nested-descriptor.zip", write_zip([("inner.zip", streamed)], zipfile.ZIP_STORED))

# Honest, and of high ratio: 8 MiB where one byte in 16 KiB is not zero (about 855:1 deflated);
# and under the floor, 1,000,000 zeros (about 1028:1, past the ratio but not the first MiB).
rnd = random.Random(1)
high = bytearray(8 << 20)
for i in range(0, len(high), 16384):
    high[i] = rnd.randrange(1, 256)
high = bytes(high)
open(f"{tmp}/high.bin", "wb").write(high)
save("honest-high-ratio.zip", write_zip([("high.bin", high)]))
save("honest-floor.zip", write_zip([("zeros.bin", bytes(1_000_000))]))
PY
gzip -n -9 -c "$tmp/high.bin" > "$O/honest-high-ratio.gz"
head -c 1000000 /dev/zero | zstd -q -19 -c > "$O/honest-floor.zst"
ls -l "$O"/bomb-* "$O"/bomb.tar.* "$O"/honest-*
