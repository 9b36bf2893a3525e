#!/usr/bin/env bash
# Tars whose names are not ASCII, from GNU tar (gnu, pax, ustar) and bsdtar (its default, pax
# restricted): tar extracts a name's bytes, whatever they are.
#
#   utf8-FORMAT.tar    a file café (UTF-8) and a symbolic link to it, owned by josé
#   e9-FORMAT.tar      a file caf\xe9 (ISO-8859-1), a symbolic link to it, and a file of 120 d's
#                      then \xe9 (a GNU long name, a pax path)
#   e8-FORMAT.tar      the same with \xe8: other names, the same contents
#   pax-absolute.tar   Python's tarfile: a pax path /café
#   pax-global-owner.tar  Python's tarfile: a global pax header uname=名, then a file a
#   pax-size-digits-fail.tar  Python's tarfile: a pax size of ١٠ (Arabic-Indic digits) over the
#                      header's 512: Commons Compress read 10 bytes, GNU tar 512, bsdtar none
#   utf8.h1            the content digest of what GNU tar extracts from utf8-gnu.tar (coreutils)
#
# Before, Commons Compress read such names in the platform's charset: every byte that is not
# ASCII a '?' under a C locale, a U+FFFD under UTF-8, so that e9-FORMAT.tar and e8-FORMAT.tar
# compared equivalent.
#
# Run from anywhere (Debian: tar, libarchive-tools, coreutils); the outputs are deterministic.
set -euo pipefail
cd "$(dirname "$0")"
. ../h1.sh
rm -rf tar-names
mkdir -p tar-names
O=$(pwd)/tar-names
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

long=$(printf 'd%.0s' {1..120})
tree() { # dir name-of-the-file long-name
  mkdir -p "$1"
  printf 'reviewed\n' > "$1/$2"
  ln -s "$2" "$1/link"
  if [ -n "$3" ]; then printf 'long\n' > "$1/$3"; fi
  find "$1" -exec touch -h -d '2026-01-01 00:00:00' {} +
}
tree "$tmp/utf8" "$(printf 'caf\xc3\xa9')" ""
tree "$tmp/e9" "$(printf 'caf\xe9')" "$long$(printf '\xe9')"
tree "$tmp/e8" "$(printf 'caf\xe8')" "$long$(printf '\xe8')"

# The owner's name of the UTF-8 tree is UTF-8 too (a pax uname where pax is written).
owner() { if [ "$1" = utf8 ]; then printf 'jos\xc3\xa9'; else printf root; fi; }
for t in utf8 e9 e8; do
  for f in gnu ustar pax; do
    [ "$f" = ustar ] && [ "$t" != utf8 ] && continue # ustar holds no name of 121 bytes
    pax=()
    [ "$f" = pax ] && pax=(--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
    tar --format=$f --sort=name --owner="$(owner $t)":0 --group=0 ${pax[@]+"${pax[@]}"} \
      -C "$tmp/$t" -cf "$O/$t-$f.tar" .
  done
  (cd "$tmp/$t" && find . -mindepth 1 | LC_ALL=C sort) > "$tmp/$t.list"
  LC_ALL=C.UTF-8 bsdtar --uid 0 --gid 0 --uname "$(owner $t)" --gname root -C "$tmp/$t" -n -cf "$O/$t-bsdtar.tar" \
    -T "$tmp/$t.list"
done

# Python's tarfile: a pax path with a leading slash (Commons Compress drops it), and a global pax
# header naming the owner of every entry after it.
python3 - "$O" <<'PY'
import io, sys, tarfile
out = sys.argv[1]
def entry(t, name):
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime, ti.mode = 9, 1767225600, 0o644
    t.addfile(ti, io.BytesIO(b"reviewed\n"))
with tarfile.open(f"{out}/pax-absolute.tar", "w", format=tarfile.PAX_FORMAT) as t:
    entry(t, "/caf\u00e9")
# A pax size in Arabic-Indic digits (١٠, ten) over a header's 512: Java's parsers take it.
ti = tarfile.TarInfo("a")
ti.size, ti.mtime, ti.mode = 512, 1767225600, 0o644
ti.pax_headers = {"size": "\u0661\u0660"}
with tarfile.open(f"{out}/pax-size-digits-fail.tar", "w", format=tarfile.PAX_FORMAT) as t:
    t.addfile(ti, io.BytesIO(b"x" * 512))
with tarfile.open(f"{out}/pax-global-owner.tar", "w", format=tarfile.PAX_FORMAT,
                  pax_headers={"uname": "\u540d"}) as t:
    entry(t, "a")
PY

mkdir -p "$tmp/x"
tar -xf "$O/utf8-gnu.tar" -C "$tmp/x"
h1 "$tmp/x" > "$O/utf8.h1"
ls -l "$O"
