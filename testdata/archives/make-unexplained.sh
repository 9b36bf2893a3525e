#!/usr/bin/env bash
# Archive pairs whose bytes differ where no entry and no field of the comparison does: the same
# entries with the same metadata, other bytes around them. The comparison says "equivalent" and
# must show where they differ (the field `bytes`). Made from out/meta-left.tar (make.sh) with zstd,
# gzip and zip; Python appends the zstd skippable frame, which the zstd tool does not write.
# Run from anywhere (Debian: zstd, gzip, zip, python3); the outputs are deterministic.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf unexplained work-unexplained
mkdir -p unexplained work-unexplained
O=$(pwd)/unexplained
W=$(pwd)/work-unexplained
T=$(pwd)/out/meta-left.tar
export TZ=UTC LC_ALL=C

# zstd: the same frame, and on the right a skippable frame after it (RFC 8878, 3.1.2): data that
# every zstd reader passes over, so the tar inside is the same.
zstd -q -19 -c "$T" > "$O/skippable-left.tar.zst"
cp "$O/skippable-left.tar.zst" "$O/skippable-right.tar.zst"
python3 - "$O/skippable-right.tar.zst" <<'PY'
import struct, sys
payload = b"a payload no reader of the tar sees\n"
with open(sys.argv[1], "ab") as f:
    f.write(struct.pack("<II", 0x184D2A50, len(payload)) + payload)
PY

# gzip: two members, the second named and dated; only its modification time differs. The
# comparison shows the first member's header fields, which are the same.
head -c 10240 "$T" > "$W/part1"
tail -c +10241 "$T" > "$W/part"
gzip -n -9 -c "$W/part1" > "$W/first.gz"
touch -d '2026-01-01 00:00:00' "$W/part"
cat "$W/first.gz" <(gzip -9 -c "$W/part") > "$O/members-left.tar.gz"
touch -d '2026-06-30 12:00:00' "$W/part"
cat "$W/first.gz" <(gzip -9 -c "$W/part") > "$O/members-right.tar.gz"

# The same two tar.gz stored in zips under one name, with the same time: entries of the same
# sizes and fields whose content is an equivalent archive.
mkdir -p "$W/zl/lib" "$W/zr/lib"
cp "$O/members-left.tar.gz" "$W/zl/lib/data.tar.gz"
cp "$O/members-right.tar.gz" "$W/zr/lib/data.tar.gz"
touch -d '2026-01-01 00:00:00' "$W/zl/lib" "$W/zr/lib" "$W/zl/lib/data.tar.gz" "$W/zr/lib/data.tar.gz"
(cd "$W/zl" && zip -q -X -0 "$O/nested-left.zip" lib/data.tar.gz)
(cd "$W/zr" && zip -q -X -0 "$O/nested-right.zip" lib/data.tar.gz)
rm -rf "$W"
ls -l "$O"
