#!/usr/bin/env bash
# Zips whose headers hide something from a reader that parses them carelessly:
#
#   zip-upath-local-masked.zip   a Unicode Path extra field (0x7075) in a local header, naming
#       ../../evil.sh for a.txt, beside a zip64 field too short to parse (3 bytes). Tools that
#       honour the field (bsdtar, Info-ZIP's unzip on some builds) extract another name than the
#       JDK; a reader that parses the extra data as a whole, and drops it at the first field that
#       does not parse, never sees the Unicode Path field.
#   zip-bzip2-crc-mismatch.zip   a bzip2 entry (method 12, by Python's zipfile) whose CRC-32, in
#       both headers, is not its data's: readers that check it refuse the entry.
#   zip-bzip2-honest.zip   the same entry with its own CRC-32.
#   zip-bad-utf8-name-1.zip, zip-bad-utf8-name-2.zip   one entry each, its name flagged UTF-8
#       but holding a byte that is not (0xff in one, 0xfe in the other): the JDK and Python
#       refuse both; decoded with a replacement character the two names are one.
#
# Deterministic; run by make.sh, or alone (python3).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p out
python3 - "$(pwd)/out" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
data = b"data\n"
name = b"a.txt"
crc = zlib.crc32(data) & 0xFFFFFFFF
other = b"../../evil.sh"
upath = struct.pack("<HHBI", 0x7075, 5 + len(other), 1, zlib.crc32(name) & 0xFFFFFFFF) + other
short_zip64 = struct.pack("<HH", 0x0001, 3) + b"\0\0\0"
extra = upath + short_zip64
local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, crc, len(data), len(data),
                    len(name), len(extra)) + name + extra + data
central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 0, 0, 0x21, crc, len(data),
                      len(data), len(name), 0, 0, 0, 0, 0o100644 << 16, 0) + name
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local), 0)
with open(f"{out}/zip-upath-local-masked.zip", "wb") as f:
    f.write(local + central + end)

import io, zipfile
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    info = zipfile.ZipInfo("a.txt", (2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_BZIP2
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    z.writestr(info, b"bzip2 content, its CRC-32 replaced in both headers\n" * 20)
for i, bad in ((1, b"\xff"), (2, b"\xfe")):
    n = b"a" + bad + b".txt"
    d = b"same content\n"
    c = zlib.crc32(d) & 0xFFFFFFFF
    lh = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 0, 0, 0x21, c, len(d), len(d), len(n),
                     0) + n + d
    cd = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0x800, 0, 0, 0x21, c, len(d),
                     len(d), len(n), 0, 0, 0, 0, 0o100644 << 16, 0) + n
    with open(f"{out}/zip-bad-utf8-name-{i}.zip", "wb") as f:
        f.write(lh + cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cd), len(lh), 0))

with open(f"{out}/zip-bzip2-honest.zip", "wb") as f:
    f.write(buf.getvalue())
b = bytearray(buf.getvalue())
wrong = struct.pack("<I", 0x12345678)
assert struct.unpack_from("<I", b, 0)[0] == 0x04034B50
b[14:18] = wrong
at = b.rfind(b"PK\x01\x02")
b[at + 16:at + 20] = wrong
with open(f"{out}/zip-bzip2-crc-mismatch.zip", "wb") as f:
    f.write(bytes(b))
PY
