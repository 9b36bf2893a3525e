#!/usr/bin/env bash
# Archives that hold one name more than once, for the comparison's pairing of copies: the first
# copy on the left pairs with the first on the right, the second with the second, and a copy
# without a partner is added or removed. Made with the real tools that write such archives:
# Python's zipfile (it warns and writes both), GNU tar --append, binutils ar q and GNU cpio -A.
# 7-Zip refuses to write a name twice ("Duplicate filename"), so there is no 7z here.
# Run from anywhere (Debian: python3, tar, binutils, cpio); the outputs are deterministic.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf duplicates work-dup
mkdir -p duplicates work-dup
O=$(pwd)/duplicates
W=$(pwd)/work-dup
export TZ=UTC LC_ALL=C

python3 - "$O" <<'PY'
import io, sys, warnings, zipfile
out = sys.argv[1]
warnings.simplefilter("ignore")  # "Duplicate name" is what these fixtures are for.
WHEN = (2026, 1, 1, 0, 0, 0)

def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=WHEN), data)
    return buf.getvalue()

def write(name, entries):
    with open(f"{out}/{name}", "wb") as f:
        f.write(zip_bytes(entries))

# Two copies of config.txt; the same with the second copy gone; the second copy changed.
write("two-copies.zip", [("config.txt", b"first\n"), ("README", b"readme\n"),
                         ("config.txt", b"second\n")])
write("first-copy.zip", [("config.txt", b"first\n"), ("README", b"readme\n")])
write("second-changed.zip", [("config.txt", b"first\n"), ("README", b"readme\n"),
                             ("config.txt", b"second, changed\n")])
# Nested: two copies of lib.zip whose second copies differ inside, so that the second look at
# lib.zip!/x.txt must open the second lib.zip on each side.
write("nested-left.zip", [("lib.zip", zip_bytes([("x.txt", b"alpha\n")])),
                          ("lib.zip", zip_bytes([("x.txt", b"beta\n")]))])
write("nested-right.zip", [("lib.zip", zip_bytes([("x.txt", b"alpha\n")])),
                           ("lib.zip", zip_bytes([("x.txt", b"gamma\n")]))])
PY

# tar: config.txt appended a second time with other content (tar -r).
tar_opts=(--format=gnu --owner=0 --group=0 --numeric-owner --mtime=2026-01-01T00:00:00Z)
cd "$W"
printf 'first\n' > config.txt
printf 'readme\n' > README
tar -cf "$O/first-copy.tar" "${tar_opts[@]}" config.txt README
cp "$O/first-copy.tar" "$O/two-copies.tar"
printf 'second\n' > config.txt
tar -rf "$O/two-copies.tar" "${tar_opts[@]}" config.txt

# ar (the container of .deb): q appends a member even when one of that name is there.
printf 'first\n' > config.txt
touch -d '2026-01-01 00:00:00' config.txt README
ar qD "$O/first-copy.ar" config.txt README 2>/dev/null
cp "$O/first-copy.ar" "$O/two-copies.ar"
printf 'second\n' > config.txt
touch -d '2026-01-01 00:00:00' config.txt
ar qD "$O/two-copies.ar" config.txt 2>/dev/null

# cpio (newc): -A appends config.txt again to the archive that holds it.
printf 'first\n' > config.txt
touch -d '2026-01-01 00:00:00' config.txt README
printf 'config.txt\nREADME\n' | cpio --quiet -o -H newc --reproducible -F "$O/first-copy.cpio"
cp "$O/first-copy.cpio" "$O/two-copies.cpio"
printf 'second\n' > config.txt
touch -d '2026-01-01 00:00:00' config.txt
printf 'config.txt\n' | cpio --quiet -o -A -H newc --reproducible -F "$O/two-copies.cpio"
cd ..
rm -rf "$W"
