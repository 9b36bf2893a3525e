#!/usr/bin/env bash
# Zips with bytes before them. Every reader (the JDK, Python's zipfile, Info-ZIP, Commons
# Compress) takes the end record's central directory offset as counted from the zip's own start,
# and adds the length of what lies before it to each local header offset: that is how a
# self-extracting archive (a stub, then a zip) is read. An index that took the offsets as they
# stand would read "local headers" inside the prefix, where an attacker can lay a decoy.
#
#   zip-prefix-decoy.zip      the prefix holds a decoy copy of the entries (a.txt with reviewed
#                             content; b.txt whose local extra field swallows the real entries so
#                             that the decoy tiles the file); the real a.txt, which every reader
#                             extracts, has other content with the same size and a forged CRC-32
#   zip-prefix-decoy-honest.zip   the zip the decoy imitates: a.txt with the reviewed content
#   zip64-prefix-decoy.zip    the same, the offsets given in zip64 extra fields
#   zip-prefix-sfx.zip        honest: a shell stub, then a zip from Info-ZIP (offsets not adjusted)
#   zip-prefix-sfx-adjusted.zip   honest: the same after `zip -A` (offsets counted from the file)
#
# Deterministic; run by make.sh, or alone (Debian: apt-get install zip python3).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p out
O=$(pwd)/out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

python3 - "$O" <<'PY'
import struct, sys, zlib
out = sys.argv[1]

def crc(b):
    return zlib.crc32(b) & 0xFFFFFFFF

def forge(data, target):
    """4 bytes x with crc32(data + x) == target: CRC-32 is linear over GF(2)."""
    base = crc(data + b"\0\0\0\0")
    basis = {}
    for k in range(32):
        v, m = crc(data + (1 << k).to_bytes(4, "little")) ^ base, 1 << k
        for bit in range(31, -1, -1):
            if not (v >> bit) & 1:
                continue
            if bit in basis:
                v, m = v ^ basis[bit][0], m ^ basis[bit][1]
            else:
                basis[bit] = (v, m)
                break
    v, m = target ^ base, 0
    for bit in range(31, -1, -1):
        if (v >> bit) & 1:
            v, m = v ^ basis[bit][0], m ^ basis[bit][1]
    x = m.to_bytes(4, "little")
    assert crc(data + x) == target
    return x

def local(name, data, extra_length=0):
    n = name.encode()
    return struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, crc(data), len(data),
                       len(data), len(n), extra_length) + n

def central(name, data, offset, extra=b""):
    n = name.encode()
    return struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 0, 0, 0x21, crc(data),
                       len(data), len(data), len(n), len(extra), 0, 0, 0, 0o100644 << 16,
                       offset) + n + extra

def end(count, length, offset):
    return struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, length, offset, 0)

REVIEWED = b"public class A { /* the reviewed build */ }\n" + b"x" * 200
BODY = b"public class A { static { Runtime.getRuntime().exec(\"evil\"); } }\n"
EVIL = BODY + b"y" * (len(REVIEWED) - 4 - len(BODY))
EVIL += forge(EVIL, crc(REVIEWED))
assert len(EVIL) == len(REVIEWED) and crc(EVIL) == crc(REVIEWED)
B = b"b contents, the same to every reader\n"

# The real zip, its offsets counted from its own start.
real_a = local("a.txt", REVIEWED) + EVIL
offset_b = len(real_a)
real = real_a + local("b.txt", B) + B
P = len(real)
# The decoy prefix, as long as the real entries: a.txt with the reviewed content at 0, and a
# b.txt header at offset_b whose extra field runs to the real b.txt's data.
extra_length = 2 * P - len(B) - offset_b - (30 + len("b.txt"))
decoy = local("a.txt", REVIEWED) + REVIEWED
assert len(decoy) == offset_b
decoy += local("b.txt", B, extra_length)
decoy += b"\x99\x99" + b"\0" * (P - len(decoy) - 2)
assert len(decoy) == P

directory = central("a.txt", REVIEWED, 0) + central("b.txt", B, offset_b)
with open(f"{out}/zip-prefix-decoy.zip", "wb") as f:
    f.write(decoy + real + directory + end(2, len(directory), len(real)))

zip64 = lambda offset: struct.pack("<HHQ", 1, 8, offset)
directory = (central("a.txt", REVIEWED, 0xFFFFFFFF, zip64(0))
             + central("b.txt", B, 0xFFFFFFFF, zip64(offset_b)))
with open(f"{out}/zip64-prefix-decoy.zip", "wb") as f:
    f.write(decoy + real + directory + end(2, len(directory), len(real)))

honest = local("a.txt", REVIEWED) + REVIEWED
offset_b = len(honest)
honest += local("b.txt", B) + B
directory = central("a.txt", REVIEWED, 0) + central("b.txt", B, offset_b)
with open(f"{out}/zip-prefix-decoy-honest.zip", "wb") as f:
    f.write(honest + directory + end(2, len(directory), len(honest)))
PY

# Self-extracting archives, made as Info-ZIP documents it: a stub, then the zip.
printf 'reviewed content\n' > "$tmp/a.txt"
printf 'second entry\n' > "$tmp/b.txt"
touch -d 2026-01-01T00:00:00Z "$tmp/a.txt" "$tmp/b.txt"
rm -f "$tmp/plain.zip"
(cd "$tmp" && zip -q -X "$tmp/plain.zip" a.txt b.txt)
printf '#!/bin/sh\necho "a self-extracting archive would unpack itself here"\nexit 0\n' > "$tmp/stub"
cat "$tmp/stub" "$tmp/plain.zip" > "$O/zip-prefix-sfx.zip"
cp "$O/zip-prefix-sfx.zip" "$O/zip-prefix-sfx-adjusted.zip"
zip -q -A "$O/zip-prefix-sfx-adjusted.zip"
