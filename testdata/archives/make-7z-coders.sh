#!/usr/bin/env bash
# 7z fixtures for our own 7z reader: one archive per coder and filter that 7-Zip writes for its
# own options, all of one small tree, plus the shapes that exercise the container (solid or not,
# plain or compressed headers, several folders, encryption). tree.tar is the same tree as a tar:
# every 7z here must give its content digest (hash --content) and its entries' bytes.
# Made with 7-Zip 26.01 (Debian p7zip-full); run from anywhere. Tests need no tool at run time.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf 7z-coders work-7z
mkdir -p 7z-coders work-7z/tree
O=$(pwd)/7z-coders
T=$(pwd)/work-7z/tree
export TZ=UTC LC_ALL=C

# The tree: text (what PPMd is for), incompressible bytes from a fixed seed, "machine code" with
# the branch instructions each BCJ filter rewrites, an empty file, an empty directory, a subtree.
mkdir -p "$T/text" "$T/bin" "$T/empty-dir" "$T/sub/deeper"
seq 1 6000 > "$T/text/numbers.txt"
python3 - "$T" <<'PY'
import random, struct, sys
t = sys.argv[1]
r = random.Random(20261201)
words = ("verifier release archive digest signature manifest reproducible build entry folder "
         "coder stream header offset the a of to and in is for with that").split()
lines = []
for i in range(900):
    lines.append(" ".join(r.choice(words) for _ in range(r.randint(3, 12))).capitalize() + ".")
open(f"{t}/text/words.txt", "w").write("\n".join(lines) + "\n")
open(f"{t}/bin/random.bin", "wb").write(bytes(r.getrandbits(8) for _ in range(3000)))
# Code-like bytes: x86 call/jmp/jcc with rel32 to a few targets, ARM BL, Thumb BL pairs, ARM64
# BL/ADRP, PowerPC "bl", SPARC "call", RISC-V JAL/AUIPC, between short runs of filler.
code = bytearray()
targets = [0x1000, 0x2340, 0x5000, 0x7ff0]
while len(code) < 12000:
    kind = r.randrange(10)
    pos = len(code)
    tgt = r.choice(targets)
    if kind == 0:
        code += bytes([0xE8]) + struct.pack("<i", tgt - (pos + 5))
    elif kind == 1:
        code += bytes([0xE9]) + struct.pack("<i", tgt - (pos + 5))
    elif kind == 2:
        code += bytes([0x0F, 0x80 | r.randrange(16)]) + struct.pack("<i", tgt - (pos + 6))
    elif kind == 3:
        code += struct.pack("<I", 0xEB000000 | (((tgt - pos - 8) >> 2) & 0xFFFFFF))
    elif kind == 4:
        off = (tgt - pos - 4) >> 1
        code += struct.pack("<HH", 0xF000 | ((off >> 11) & 0x7FF), 0xF800 | (off & 0x7FF))
    elif kind == 5:
        code += struct.pack("<I", 0x94000000 | (((tgt - pos) >> 2) & 0x3FFFFFF))
        code += struct.pack("<I", 0x90000000 | r.randrange(32))
    elif kind == 6:
        code += struct.pack(">I", 0x48000001 | ((tgt - pos) & 0x3FFFFFC))
    elif kind == 7:
        code += struct.pack(">I", 0x40000000 | (((tgt - pos) >> 2) & 0x3FFFFFFF))
    elif kind == 8:
        code += struct.pack("<I", 0x000000EF | (r.randrange(32) << 7))
        code += struct.pack("<I", 0x00000017 | (r.randrange(32) << 7) | (r.randrange(16) << 12))
    code += bytes(r.choice((0x90, 0x48, 0x89, 0xC3, 0x00, 0x8B)) for _ in range(r.randrange(1, 12)))
open(f"{t}/bin/code.bin", "wb").write(bytes(code))
PY
printf 'nested\n' > "$T/sub/deeper/nested.txt"
: > "$T/sub/empty.txt"
find "$T" -exec touch -d '2026-01-01 00:00:00' {} +

# The reference: the same tree as a tar (its content digest is the h1 every 7z must give).
tar --sort=name --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner -C "$T" -cf "$O/tree.tar" bin empty-dir sub text

z() { # name, 7z switches...: an archive of the whole tree, one thread so that it is deterministic
  local name=$1
  shift
  (cd "$T" && 7z a -bd -bso0 -bsp0 -mmt=1 "$@" "$O/$name" . >/dev/null)
}

# Coders: one archive each (the default solid block and compressed, encoded header).
z copy.7z -m0=Copy
z lzma.7z -m0=LZMA
z lzma2.7z -m0=LZMA2
z ppmd.7z -m0=PPMd
z bzip2.7z -m0=BZip2
z deflate.7z -m0=Deflate
z deflate64.7z -m0=Deflate64
# Filters, each before LZMA2 (7z pairs BCJ2 with LZMA2 for the main stream and LZMA for the call
# and jump streams, its range-coder stream stored: a folder of 4 coders and 4 packed streams).
z bcj.7z -mf=BCJ
z bcj2.7z -mf=BCJ2
z arm.7z -mf=ARM
z armt.7z -mf=ARMT
z arm64.7z -mf=ARM64
z riscv.7z -mf=RISCV
z ppc.7z -mf=PPC
z sparc.7z -mf=SPARC
z ia64.7z -mf=IA64
z delta.7z -mf=Delta:4
# PPMd shapes: not solid (one folder per file), uncompressed header, other orders and model
# sizes (mem=16 is a 64 KiB model that fills up and restarts several times on this tree).
z ppmd-nonsolid.7z -m0=PPMd -ms=off
z ppmd-plain-header.7z -m0=PPMd -mhc=off
z ppmd-o32-mem24.7z -m0=PPMd:o=32:mem=24
z ppmd-o2-mem16.7z -m0=PPMd:o=2:mem=16
z ppmd-o16-mem20.7z -m0=PPMd:o=16:mem=20
# One file in one PPMd stream with a small model (order 4, 64 KiB) and a plain header, so that
# PpmdInputStreamTest can decode its packed stream (bytes 32 up to the header) on its own.
(cd "$T" && 7z a -bd -bso0 -bsp0 -mmt=1 -m0=PPMd:o=4:mem=16 -mhc=off "$O/ppmd-numbers.7z" text/numbers.txt >/dev/null)
# A chain of two coders in one folder (Delta, then PPMd).
z chain-delta-ppmd.7z -m0=Delta:1 -m1=PPMd
# Containers: every file its own folder; two files per solid block; BCJ2 with a plain header.
z multi-folder.7z -m0=LZMA2 -ms=off
z solid-2f.7z -m0=LZMA -ms=2f
z bcj2-plain-header.7z -mf=BCJ2 -mhc=off
# Encrypted (7zAES): data only, names readable; and the header too. Must be refused by name.
z encrypted-fail.7z -m0=LZMA2 -pverifier -mhe=off
z encrypted-header-fail.7z -m0=LZMA2 -pverifier -mhe=on
# A coder no reader knows: the first folder's Copy coder id (00) patched to 7f, CRCs fixed up.
z copy-plain-header.7z -m0=Copy -mhc=off
python3 - "$O/copy-plain-header.7z" "$O/unknown-coder-fail.7z" <<'PY'
import struct, sys, zlib
d = bytearray(open(sys.argv[1], "rb").read())
off, size, _ = struct.unpack_from("<QQI", d, 12)
h = 32 + off
i = d.index(bytes([0x07, 0x0B]), h)  # kUnpackInfo, kFolder, numFolders, inline, 1 coder, 0x01, id
assert d[i + 3:i + 7] == bytes([0x00, 0x01, 0x01, 0x00])
d[i + 6] = 0x7F
struct.pack_into("<I", d, 28, zlib.crc32(d[h:h + size]))
struct.pack_into("<I", d, 8, zlib.crc32(d[12:32]))
open(sys.argv[2], "wb").write(d)
PY

# bsdtar (libarchive) writes 7z too, its header compressed with LZMA that ends with the end
# marker though the header's size is known (7-Zip reads both): one archive per compression. It
# also stores each file's access and change times, so these differ in those bytes when remade.
bz() { # name, compression
  (cd "$T" && bsdtar --format=7zip --options "7zip:compression=$2" -cf "$O/$1" bin empty-dir sub text)
}
bz bsdtar-deflate.7z deflate
bz bsdtar-bzip2.7z bzip2
bz bsdtar-lzma1.7z lzma1
bz bsdtar-ppmd.7z ppmd
bz bsdtar-lzma2.7z lzma2

rm -rf work-7z
ls -l "$O"
