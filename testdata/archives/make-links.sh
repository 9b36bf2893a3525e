#!/usr/bin/env bash
# Tars with hard links, which extraction makes regular files sharing the content of the file they
# name: the content digest and the comparison take them so, whichever name holds the data. And
# names that extraction resolves alike (./a is a).
#
#   ab.tar          GNU tar: a holds the data, b is a link to a
#   ba.tar          GNU tar: the same tree archived as b then a: b holds the data, a links to it
#   dot.tar         GNU tar -C tree . : names and the link's target spelled ./a, ./b
#   bsdtar.tar      bsdtar (pax): its hard link entry
#   chain.tar       GNU tar: c links to b, which links to a (made by hand from ab.tar's headers)
#   evil-b.tar      a and b as two files, b's content another: compares different to ab.tar
#   to-symlink.tar  GNU tar: l is a symbolic link to a, h a hard link to l (a link extracted)
#   duplicate.tar   Python's tarfile: a, a again with other content, then b linking to a: tar
#                   extracts the second a over the first, and b links to that
#   root.tar        GNU tar -C tree . of a tree of one file f: the entries ./ and ./f
#   h1.txt          each tar's content digest, from coreutils over what GNU tar extracts
#
# Run from anywhere (Debian: tar, libarchive-tools, python3, coreutils); the outputs are
# deterministic.
set -euo pipefail
cd "$(dirname "$0")"
. ../h1.sh
rm -rf links work-links
mkdir -p links work-links
O=$(pwd)/links
W=$(pwd)/work-links
export TZ=UTC LC_ALL=C
trap 'rm -rf "$W"' EXIT

gnu() { # output dir names...
  local out=$1 dir=$2
  shift 2
  tar --format=gnu --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner \
    -C "$dir" -cf "$out" "$@"
}

mkdir -p "$W/t"
printf 'data\n' > "$W/t/a"
ln "$W/t/a" "$W/t/b"
ln -s a "$W/t/l"
ln "$W/t/l" "$W/t/h"
touch -h -d '2026-01-01 00:00:00' "$W/t/a" "$W/t/l"
gnu "$O/ab.tar" "$W/t" a b
gnu "$O/ba.tar" "$W/t" b a
gnu "$O/dot.tar" "$W/t" ./a ./b
gnu "$O/to-symlink.tar" "$W/t" a l h
mkdir -p "$W/r"
printf 'f\n' > "$W/r/f"
touch -d '2026-01-01 00:00:00' "$W/r/f" "$W/r"
gnu "$O/root.tar" "$W/r" .
(cd "$W/t" && bsdtar --format=pax --uid 0 --gid 0 --uname root --gname root -cf "$O/bsdtar.tar" a b)
python3 - "$O/bsdtar.tar" <<'PY'
# bsdtar writes each file's times into its pax headers: made constant here.
import sys, tarfile
p = sys.argv[1]
with tarfile.open(p) as t:
    members = [(m, t.extractfile(m).read() if m.isfile() else None) for m in t.getmembers()]
with tarfile.open(p, "w", format=tarfile.PAX_FORMAT) as t:
    for m, data in members:
        m.mtime = 1767225600
        m.pax_headers = {}
        t.addfile(m, __import__("io").BytesIO(data) if data is not None else None)
PY

python3 - "$O" <<'PY'
import io, sys, tarfile
out = sys.argv[1]

def member(name, data=None, link=None):
    m = tarfile.TarInfo(name)
    m.mtime = 1767225600
    m.uname = m.gname = "root"
    if link is not None:
        m.type = tarfile.LNKTYPE
        m.linkname = link
        return m, None
    m.size = len(data)
    return m, io.BytesIO(data)

def write(name, members):
    with tarfile.open(f"{out}/{name}", "w", format=tarfile.GNU_FORMAT) as t:
        for m, f in members:
            t.addfile(m, f)

write("chain.tar", [member("a", b"data\n"), member("b", link="a"), member("c", link="b")])
write("evil-b.tar", [member("a", b"data\n"), member("b", b"EVIL\n")])
write("duplicate.tar", [member("a", b"one\n"), member("a", b"two\n"), member("b", link="a")])
PY

# The content digests of what GNU tar extracts (coreutils): regular files, each hard-linked name
# among them.
for t in ab ba dot bsdtar chain evil-b to-symlink duplicate root; do
  mkdir -p "$W/x-$t"
  tar -xf "$O/$t.tar" -C "$W/x-$t"
  printf '%s  %s.tar\n' "$(h1 "$W/x-$t")" "$t"
done > "$O/h1.txt"
