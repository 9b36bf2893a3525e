#!/usr/bin/env bash
# Archive fixtures for the comparison tests, made with the real tools: jar, zip, tar, gzip, xz,
# bzip2, zstd, 7z, cpio, dpkg-deb, and Python's zipfile for what the others refuse to write
# (duplicate names). Pairs are named *-left / *-right; must-reject files end in -fail.
# Run from anywhere (Debian: apt-get install zip p7zip-full cpio zstd).
set -euo pipefail
cd "$(dirname "$0")"
. ../h1.sh
rm -rf out work
mkdir -p out work
W=$(pwd)/work
O=$(pwd)/out
export TZ=UTC LC_ALL=C

# A small source tree, in two versions: b changes one line of one file.
mk_tree() { # dir variant
  mkdir -p "$1/org/example" "$1/META-INF" "$1/docs"
  printf 'Manifest-Version: 1.0\nCreated-By: make.sh\n\n' > "$1/META-INF/MANIFEST.MF"
  printf 'package org.example;\n\npublic class Greeter {\n  String greet() {\n    return "hello";\n  }\n}\n' > "$1/org/example/Greeter.java"
  printf 'rule demo { condition: true }\n' > "$1/docs/rules.yar"
  head -c 3000 /dev/zero | tr '\0' 'x' > "$1/docs/big.txt"
  python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 8)' > "$1/org/example/data.bin"
  if [ "$2" = b ]; then
    sed -i 's/"hello"/"hello, world"/' "$1/org/example/Greeter.java"
  fi
}
mk_tree "$W/a" a
mk_tree "$W/b" b
touch -d '2026-01-01 00:00:00' $(find "$W/a" "$W/b")

# Jars: the same tree twice with the same --date is identical; another --date is equivalent.
(cd "$W/a" && jar --create --file "$O/same-left.jar" --manifest META-INF/MANIFEST.MF --date=2026-01-01T00:00:00Z org docs)
(cd "$W/a" && jar --create --file "$O/same-right.jar" --manifest META-INF/MANIFEST.MF --date=2026-01-01T00:00:00Z org docs)
(cd "$W/a" && jar --create --file "$O/timestamps-right.jar" --manifest META-INF/MANIFEST.MF --date=2026-06-30T12:00:00Z org docs)
(cd "$W/b" && jar --create --file "$O/changed-right.jar" --manifest META-INF/MANIFEST.MF --date=2026-01-01T00:00:00Z org docs)

# Zips: other order and compression level (equivalent); an added and a removed entry (different).
(cd "$W/a" && zip -q -X -9 "$O/order-left.zip" docs/big.txt docs/rules.yar org/example/Greeter.java org/example/data.bin)
(cd "$W/a" && zip -q -X -1 "$O/order-right.zip" org/example/data.bin org/example/Greeter.java docs/rules.yar docs/big.txt)
(cd "$W/a" && printf 'new\n' > docs/NEW.txt && touch -d '2026-01-01' docs/NEW.txt && zip -q -X -9 "$O/added-right.zip" docs/big.txt docs/NEW.txt org/example/Greeter.java org/example/data.bin && rm docs/NEW.txt && touch -d '2026-01-01 00:00:00' docs)

# Zips 7-Zip compresses with LZMA (method 14): the tree of order-left.zip, and the same with two
# files changed (one stored, one LZMA: 7-Zip stores what LZMA does not shrink).
lzma_files="docs/big.txt docs/rules.yar org/example/Greeter.java org/example/data.bin"
(cd "$W/a" && 7z a -tzip -mm=LZMA -mtc=off "$O/lzma-left.zip" $lzma_files > /dev/null)
cp -r "$W/b" "$W/b-lzma" && printf 'y' >> "$W/b-lzma/docs/big.txt"
touch -d '2026-01-01 00:00:00' $(find "$W/b-lzma")
(cd "$W/b-lzma" && 7z a -tzip -mm=LZMA -mtc=off "$O/lzma-changed-right.zip" $lzma_files > /dev/null)

# A war holding a jar: the nested jar differs in one class.
mkdir -p "$W/war-a/WEB-INF/lib" "$W/war-b/WEB-INF/lib"
cp "$O/same-left.jar" "$W/war-a/WEB-INF/lib/core.jar"
cp "$O/changed-right.jar" "$W/war-b/WEB-INF/lib/core.jar"
printf '<web-app/>\n' | tee "$W/war-a/WEB-INF/web.xml" > "$W/war-b/WEB-INF/web.xml"
touch -d '2026-01-01' $(find "$W/war-a" "$W/war-b")
(cd "$W/war-a" && zip -q -X -r "$O/app-left.war" WEB-INF)
(cd "$W/war-b" && zip -q -X -r "$O/app-right.war" WEB-INF)

# Tars: other mtimes, modes and owners (equivalent); compressed four ways.
tar --sort=name --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner -C "$W/a" -cf "$O/meta-left.tar" org docs
tar --sort=name --mtime='2026-03-03 03:03:03' --owner=1000 --group=1000 --numeric-owner --mode=go-rwx -C "$W/a" -cf "$O/meta-right.tar" org docs
tar --sort=name --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner -C "$W/b" -cf "$W/changed.tar" org docs
gzip -n -9 -c "$O/meta-left.tar" > "$O/tgz-left.tar.gz"
gzip -9 -c "$O/meta-left.tar" > "$O/tgz-header-right.tar.gz"          # the gzip header keeps name and time
gzip -n -9 -c "$W/changed.tar" > "$O/tgz-changed-right.tar.gz"
xz -9 -c "$O/meta-left.tar" > "$O/txz-left.tar.xz"
xz -1 -c "$O/meta-right.tar" > "$O/txz-right.tar.xz"
bzip2 -9 -c "$O/meta-left.tar" > "$O/tbz-left.tar.bz2"
zstd -q -19 -c "$O/meta-left.tar" > "$O/tzst-left.tar.zst"
zstd -q -1 -c "$W/changed.tar" > "$O/tzst-changed-right.tar.zst"
pzstd -q -c "$O/meta-left.tar" > "$O/tpzst-left.tar.zst"   # pzstd starts with a skippable frame

# 7z and cpio.
(cd "$W/a" && 7z a -bd -bso0 -mx=9 "$O/same-left.7z" org docs)
(cd "$W/b" && 7z a -bd -bso0 -mx=9 "$O/changed-right.7z" org docs)
(cd "$W/a" && find org docs | sort | cpio --quiet -o -H newc > "$O/same-left.cpio")
(cd "$W/b" && find org docs | sort | cpio --quiet -o -H newc > "$O/changed-right.cpio")

# Debian packages: data.tar.xz inside an ar; one file differs.
for v in a b; do
  mkdir -p "$W/deb-$v/DEBIAN" "$W/deb-$v/usr/share/demo"
  printf 'Package: demo\nVersion: 1.0\nArchitecture: all\nMaintainer: Example <e@example.org>\nDescription: demo\n' > "$W/deb-$v/DEBIAN/control"
  cp "$W/$v/org/example/Greeter.java" "$W/deb-$v/usr/share/demo/"
  touch -d '2026-01-01' $(find "$W/deb-$v")
done
SOURCE_DATE_EPOCH=1767225600 dpkg-deb -Zxz --root-owner-group --build "$W/deb-a" "$O/demo-left.deb" >/dev/null
SOURCE_DATE_EPOCH=1767225600 dpkg-deb -Zxz --root-owner-group --build "$W/deb-b" "$O/demo-right.deb" >/dev/null

# Build-environment noise that --normalize rules remove: manifest headers, pom.properties date.
for v in 1 2; do
  d="$W/norm-$v"
  mkdir -p "$d/META-INF/maven/org.example/demo" "$d/org/example"
  cp "$W/a/org/example/Greeter.java" "$d/org/example/"
  if [ $v = 1 ]; then jdk=17.0.15; by=alice; date='Thu Jan 01 00:00:00 UTC 2026'; else jdk=21.0.4; by=bob; date='Tue Jun 30 12:00:00 UTC 2026'; fi
  printf 'Manifest-Version: 1.0\nCreated-By: Maven JAR Plugin 3.4.2\nBuild-Jdk-Spec: %s\nBuilt-By: %s\nImplementation-Title: demo\n\n' "$jdk" "$by" > "$d/META-INF/MANIFEST.MF"
  printf '#Created by Apache Maven 3.9.9\n#%s\ngroupId=org.example\nartifactId=demo\nversion=1.0\n' "$date" > "$d/META-INF/maven/org.example/demo/pom.properties"
  touch -d '2026-01-01' $(find "$d")
  (cd "$d" && jar --create --file "$O/noise-$v.jar" --manifest META-INF/MANIFEST.MF --date=2026-01-01T00:00:00Z META-INF/maven org)
done
mv "$O/noise-1.jar" "$O/noise-left.jar"
mv "$O/noise-2.jar" "$O/noise-right.jar"

# Hostile and damaged inputs.
python3 - "$O" <<'PY'
import sys, warnings, zipfile
out = sys.argv[1]
warnings.simplefilter("ignore")
with zipfile.ZipFile(f"{out}/duplicate-fail.zip", "w") as z:
    z.writestr("a.txt", "first\n")
    z.writestr("a.txt", "second\n")
    z.writestr("../escape.txt", "climbs out\n")
    z.writestr("/etc/absolute.txt", "absolute\n")
# An Info-ZIP Unicode Path extra field (0x7075) naming the entry otherwise than its header.
import struct, zlib
info = zipfile.ZipInfo("Good.class", date_time=(2026, 1, 1, 0, 0, 0))
upath = b"Evil.class"
body = b"\x01" + struct.pack("<I", zlib.crc32(b"Good.class")) + upath
info.extra = struct.pack("<HH", 0x7075, len(body)) + body
with zipfile.ZipFile(f"{out}/unicode-path-fail.zip", "w") as z:
    z.writestr(info, b"class bytes\n")
# 20 zips, each inside the next.
inner = b"deepest\n"
for i in range(20):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"level{19 - i}.zip" if i else "core.txt", inner)
    inner = buf.getvalue()
open(f"{out}/nested20-fail.zip", "wb").write(inner)
PY
head -c 1500 "$O/same-left.jar" > "$O/truncated-fail.jar"
# Encrypted entries cannot be read, so they must never compare as equal.
(cd "$W/a" && zip -q -X -P secret "$O/encrypted-left-fail.zip" docs/rules.yar)
(cd "$W/b" && printf 'rule other { condition: false }\n' > docs/rules.yar && touch -d '2026-01-01' docs/rules.yar && zip -q -X -P secret "$O/encrypted-right-fail.zip" docs/rules.yar)
head -c 200000000 /dev/zero | bzip2 -9 > "$O/bomb-fail.bz2"

# Directories for directory comparisons.
cp -r "$W/a" "$O/dir-left"
cp -r "$W/b" "$O/dir-right"
touch -d '2026-01-01' $(find "$O/dir-left" "$O/dir-right")

# h1 content digests computed independently of verifier (coreutils over extracted trees).
{
  for f in same-left.jar changed-right.jar order-left.zip order-right.zip; do
    rm -rf "$W/x" && mkdir "$W/x" && (cd "$W/x" && unzip -q "$O/$f")
    echo "$f $(h1 "$W/x")"
  done
  for f in meta-left.tar tgz-left.tar.gz txz-right.tar.xz; do
    rm -rf "$W/x" && mkdir "$W/x" && tar -xf "$O/$f" -C "$W/x"
    echo "$f $(h1 "$W/x")"
  done
  echo "dir-left h1:$(h1 "$O/dir-left")"
} > "$O/h1.txt"
cat "$O/h1.txt"
rm -rf work
