#!/usr/bin/env bash
# The hostile-input corpus (issue 7, SPEC 4): archives, JSON documents and signature files written
# by someone who wants the verifier to say "valid" or "identical" when it should not, or to crash,
# hang or run out of memory. Made with the real tools where they can (zip, xz, zstd, gzip, bzip2,
# openssl; Python's zipfile/tarfile/gzip from the standard library) and small byte patches where
# they cannot. Bombs are small on disk; inputs that are large by nature (JSON nested 100,000 deep,
# 16 MiB strings, 100,000 gzip members, endless GNU long-name chains) are made by the tests at run
# time (HostileInputTest), not committed. Reused from testdata/archives/out (not duplicated here):
# duplicate-fail.zip (duplicate, '..' and absolute names), nested20-fail.zip (20-deep nesting),
# truncated-fail.jar, bomb-fail.bz2 (bzip2 bomb), encrypted-*-fail.zip, unicode-path-fail.zip.
# The fuzz seed corpora (src/test/resources/.../*FuzzTestInputs) are refreshed by seeds.sh.
# Run from anywhere (Debian: apt-get install zip xz-utils zstd openssl python3).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf out && mkdir out
O=$(pwd)/out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C

# Compression bombs: zeros, as far as each format compresses them.
head -c $((64 << 20)) /dev/zero | xz -9 -c > "$O/bomb.xz"
head -c $((64 << 20)) /dev/zero | zstd -q -19 -c > "$O/bomb.zst"
head -c $((16 << 20)) /dev/zero | gzip -n -9 -c > "$tmp/zeros.gz"
python3 - "$O" "$tmp" <<'PY'
import io, os, struct, sys, tarfile, zipfile, zlib, gzip, warnings
out, tmp = sys.argv[1], sys.argv[2]
warnings.simplefilter("ignore")
DATE = (2026, 1, 1, 0, 0, 0)

def zinfo(name, method=zipfile.ZIP_DEFLATED):
    i = zipfile.ZipInfo(name, date_time=DATE)
    i.compress_type = method
    i.create_system = 3
    i.external_attr = 0o644 << 16
    return i

def write_zip(path, entries, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            z.writestr(zinfo(name, method), data)
    data = buf.getvalue()
    if path:
        open(path, "wb").write(data)
    return data

# --- zip: the local header says something else than the central directory ---
data = bytearray(write_zip(None, [("good.txt", b"reviewed content\n")]))
local = data.index(b"PK\x03\x04")
data[local + 30:local + 38] = b"evil.txt"          # local name; the central record keeps good.txt
open(f"{out}/zip-local-name-mismatch.zip", "wb").write(data)

data = bytearray(write_zip(None, [("a.txt", b"reviewed content\n")], zipfile.ZIP_STORED))
struct.pack_into("<I", data, 22, 9)                  # local uncompressed size 9, central 17
open(f"{out}/zip-local-size-mismatch.zip", "wb").write(data)

# --- zip: a NUL in the name (zipfile cuts names at NUL, so patch both headers) ---
data = write_zip(None, [("a_b.txt", b"nul\n"), ("c.txt", b"c\n")])
open(f"{out}/zip-nul-name.zip", "wb").write(data.replace(b"a_b.txt", b"a\x00b.txt"))

# --- zip: claimed sizes that lie ---
# Deflated data that inflates to 10,000 bytes, while both headers claim 10.
body = b"A" * 10000
data = bytearray(write_zip(None, [("lie.txt", body)]))
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    p = data.index(sig)
    struct.pack_into("<I", data, p + off, 10)
open(f"{out}/zip-size-lie-small.zip", "wb").write(data)
# A stored entry that claims 4 GiB - 2 bytes but holds 5.
data = bytearray(write_zip(None, [("huge.txt", b"tiny\n")], zipfile.ZIP_STORED))
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    struct.pack_into("<I", data, data.index(sig) + off, 0xFFFFFFFD)
open(f"{out}/zip-size-lie-huge.zip", "wb").write(data)

# --- zip: ZIP64 sizes that overflow a signed 64-bit long ---
def zip64_overflow():
    name = b"z64.txt"
    payload = b"zip64\n"
    crc = zlib.crc32(payload)
    extra = struct.pack("<HHQQ", 1, 16, 0xFFFFFFFFFFFFFFFF, 0x8000000000000000)
    lh = struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc,
                     0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra)) + name + extra
    cextra = struct.pack("<HHQQQ", 1, 24, 0xFFFFFFFFFFFFFFFF, 0x8000000000000000, 0)
    cd = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0x21, crc,
                     0xFFFFFFFF, 0xFFFFFFFF, len(name), len(cextra), 0, 0, 0, 0, 0xFFFFFFFF
                     ) + name + cextra
    body = lh + payload
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(cd), len(body), 0)
    return body + cd + eocd
open(f"{out}/zip64-size-overflow.zip", "wb").write(zip64_overflow())

# --- zip: overlapping entries (the "better zip bomb"): 200 central records, one local entry ---
kernel = zlib.compressobj(9, zlib.DEFLATED, -15)
raw = kernel.compress(b"\0" * (1 << 20)) + kernel.flush()
crc = zlib.crc32(b"\0" * (1 << 20))
name0 = b"e000"
lh = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(raw), 1 << 20,
                 len(name0), 0) + name0
cd = b""
for i in range(200):
    n = b"e%03d" % i
    cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(raw),
                      1 << 20, len(n), 0, 0, 0, 0, 0, 0) + n
body = lh + raw
eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 200, 200, len(cd), len(body), 0)
open(f"{out}/zip-overlap-bomb.zip", "wb").write(body + cd + eocd)

# --- zip: a deflate bomb (10 MiB of zeros in ~10 KB), on top and nested in a stored zip ---
bomb = write_zip(f"{out}/zip-deflate-bomb.zip", [("zeros.bin", b"\0" * (10 << 20))])
write_zip(f"{out}/zip-nested-deflate-bomb.zip", [("inner.zip", bomb)], zipfile.ZIP_STORED)

# --- gzip bomb holding a tar-looking stream, and gzip nested 20 deep ---
os.replace(f"{tmp}/zeros.gz", f"{out}/bomb.gz")
inner = b"deepest\n"
for i in range(20):
    inner = gzip.compress(inner, mtime=0)
open(f"{out}/nested20.gz", "wb").write(inner)

# --- tar headers written by hand ---
def tar_header(name, size_field, typeflag=b"0", magic=b"ustar\x0000"):
    h = bytearray(512)
    h[0:len(name)] = name
    h[100:108] = b"0000644\0"
    h[108:116] = b"0000000\0"
    h[116:124] = b"0000000\0"
    h[124:136] = size_field
    h[136:148] = b"15116320000\0"
    h[156:157] = typeflag
    h[257:265] = magic
    h[148:156] = b"        "
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)

def octal(n):
    return b"%011o\0" % n

def pad(b):
    return b + b"\0" * (-len(b) % 512)

end = b"\0" * 1024
# Negative size: base-256 encoding with the sign bit set.
neg = b"\xff" * 12
open(f"{out}/tar-negative-size.tar", "wb").write(tar_header(b"neg.txt", neg) + pad(b"x") + end)
# Huge size: 8 GiB claimed, one block present.
open(f"{out}/tar-huge-size.tar", "wb").write(
    tar_header(b"huge.txt", octal(8 << 30)) + pad(b"only a few bytes\n"))
# A pax header whose size exceeds the data that follows.
pax = b"30 size=99999999999999999999\n"
open(f"{out}/tar-pax-size-lie.tar", "wb").write(
    tar_header(b"PaxHeaders/x", octal(len(pax)), b"x") + pad(pax)
    + tar_header(b"x.txt", octal(4)) + pad(b"abc\n") + end)
# A pax record whose length prefix lies (says 999 bytes, the header holds 12).
pax = b"999 path=x\n\n"
open(f"{out}/tar-pax-bad-length.tar", "wb").write(
    tar_header(b"PaxHeaders/y", octal(len(pax)), b"x") + pad(pax)
    + tar_header(b"y.txt", octal(4)) + pad(b"abc\n") + end)
# A pax path that climbs out, behind an innocent ustar name.
rec = b"path=../../etc/cron.d/evil\n"
rec = b"%d %s" % (len(rec) + 3, rec)
open(f"{out}/tar-pax-path-escape.tar", "wb").write(
    tar_header(b"PaxHeaders/z", octal(len(rec)), b"x") + pad(rec)
    + tar_header(b"innocent.txt", octal(4)) + pad(b"abc\n") + end)
# A GNU long name whose size field claims 1 GiB; the data ends early.
open(f"{out}/tar-gnu-longname-huge.tar", "wb").write(
    tar_header(b"././@LongLink", octal(1 << 30), b"L", b"ustar  \0") + pad(b"a" * 600))

# --- cpio (newc) claiming a 4 GiB name ---
def newc(name_size, file_size, name):
    f = b"070701" + b"".join(b"%08X" % v for v in
        (1, 0o100644, 0, 0, 1, 0, file_size, 0, 0, 0, 0, name_size, 0))
    return f + name
open(f"{out}/cpio-huge-namesize.cpio", "wb").write(newc(0xFFFFFFFF, 0, b"x\0") + b"\0" * 512)
open(f"{out}/cpio-huge-filesize.cpio", "wb").write(newc(6, 0xFFFFFFFF, b"a.txt\0") + b"data")

# --- ar with a size field that lies ---
ar = b"!<arch>\n" + b"%-16s%-12s%-6s%-6s%-8s%-10s`\n" % (b"a.txt/", b"0", b"0", b"0", b"100644",
                                                         b"9999999999") + b"short\n"
open(f"{out}/ar-size-lie.ar", "wb").write(ar)
ar = b"!<arch>\n" + b"%-16s%-12s%-6s%-6s%-8s%-10s`\n" % (b"a.txt/", b"0", b"0", b"0", b"100644",
                                                         b"-5") + b"short\n"
open(f"{out}/ar-negative-size.ar", "wb").write(ar)

# --- 7z: a truncated archive (header cut off) ---
PY
head -c 100 ../archives/out/same-left.7z > "$O/7z-truncated.7z"
# The LZMA coder of the (encoded) header claims a 1.5 GiB dictionary; CRCs fixed up to match.
python3 - ../archives/out/same-left.7z "$O/7z-huge-dictionary.7z" <<'PY'
import struct, sys, zlib
d = bytearray(open(sys.argv[1], "rb").read())
off, size, _ = struct.unpack_from("<QQI", d, 12)
h = 32 + off
i = d.index(bytes([0x03, 0x01, 0x01, 0x05]), h)
struct.pack_into("<I", d, i + 5, 0x60000000)
struct.pack_into("<I", d, 28, zlib.crc32(d[h:h + size]))
struct.pack_into("<I", d, 8, zlib.crc32(d[12:32]))
open(sys.argv[2], "wb").write(d)
PY

# Honest sparse tars (GNU and pax): their headers store fewer bytes than the entry holds, which
# must not read as a size that lies.
mkdir "$tmp/sparse"
truncate -s 1M "$tmp/sparse/holes.bin"
printf 'data' | dd of="$tmp/sparse/holes.bin" bs=1 seek=500000 conv=notrunc 2>/dev/null
touch -d '2026-01-01' "$tmp/sparse/holes.bin"
tar --sparse --format=gnu --owner=0 --group=0 --numeric-owner -C "$tmp/sparse" -cf "$O/sparse-gnu.tar" holes.bin
tar --sparse --format=pax --pax-option=delete=atime,delete=ctime --owner=0 --group=0 --numeric-owner -C "$tmp/sparse" -cf "$O/sparse-pax.tar" holes.bin

# --- JSON documents: manifests and statements ---
python3 - "$O" <<'PY'
import base64, json, sys
out = sys.argv[1]
PT = "application/vnd.opentransparency.key-manifest+json"
def env(payload: bytes, ptype=PT):
    return json.dumps({"payloadType": ptype, "payload": base64.b64encode(payload).decode(),
                       "signatures": []}).encode()
manifest = {"manifestType": "key-manifest/v1", "publisher": "Example", "version": 1,
            "issuedAt": "2026-11-01T00:00:00Z", "expiresAt": "2027-11-01T00:00:00Z",
            "roles": {"root": {"threshold": 1}}, "keys": []}
def w(name, b):
    open(f"{out}/{name}", "wb").write(b)
m = dict(manifest); m["version"] = 10 ** 80
w("manifest-huge-number.json", env(json.dumps(m).encode()))
m = dict(manifest); m["version"] = 2 ** 63
w("manifest-version-overflow.json", env(json.dumps(m).encode()))
w("manifest-huge-exponent.json",
  env(json.dumps(manifest).encode().replace(b'"version": 1', b'"version": 1e999999999')))
w("manifest-invalid-utf8.json", env(json.dumps(manifest).encode().replace(b"Example", b"Ex\xc3\x28mple")))
w("envelope-invalid-utf8.json", env(json.dumps(manifest).encode()).replace(b"application", b"appl\xff\xfeication"))
w("manifest-bom.json", b"\xef\xbb\xbf" + env(json.dumps(manifest).encode()))
w("manifest-payload-bom.json", env(b"\xef\xbb\xbf" + json.dumps(manifest).encode()))
w("manifest-utf16.json", env(json.dumps(manifest).encode()).decode().encode("utf-16-le"))
w("manifest-duplicate-member.json",
  env(json.dumps(manifest).encode().replace(b'"version": 1', b'"version": 1, "version": 9')))
w("manifest-trailing-garbage.json", env(json.dumps(manifest).encode()) + b" garbage")
w("manifest-nul.json", env(json.dumps(manifest).encode().replace(b"Example", b"Ex\\u0000ample")))
st = {"_type": "https://in-toto.io/Statement/v1",
      "subject": [{"name": "rules.tar.gz", "digest": {"sha256": "00" * 32}}],
      "predicateType": "urn:opentransparency:update:v1",
      "predicate": {"role": "software", "version": 10 ** 80}}
w("statement-huge-number.json", json.dumps(st).encode())
st["predicate"]["version"] = 1
w("statement-bom.json", b"\xef\xbb\xbf" + json.dumps(st).encode())
w("statement-invalid-utf8.json", json.dumps(st).encode().replace(b"rules", b"ru\xc0\xafles"))
w("statement-duplicate-member.json",
  json.dumps(st).encode().replace(b'"_type"', b'"_type": "x", "_type"', 1))
PY

# --- signature files: a key that signs the fuzz/hostile fixtures (test-only, committed) ---
openssl genpkey -algorithm ed25519 -out "$O/test-signer.key" 2>/dev/null
openssl pkey -in "$O/test-signer.key" -pubout -out "$O/test-signer.pub"
printf 'threat rules bundle 2026-11-22\nrule 1: block evil.example\n' > "$O/rules.tar.gz"
openssl pkeyutl -sign -rawin -inkey "$O/test-signer.key" -in "$O/rules.tar.gz" -out "$O/rules.tar.gz.sig"
# A native DSSE statement over rules.tar.gz, signed with openssl over the PAE.
python3 - "$O" <<'PY' > "$tmp/pae.bin"
import base64, hashlib, json, sys
out = sys.argv[1]
data = open(f"{out}/rules.tar.gz", "rb").read()
st = {"_type": "https://in-toto.io/Statement/v1",
      "subject": [{"name": "rules.tar.gz",
                   "digest": {"sha256": hashlib.sha256(data).hexdigest(),
                              "sha512": hashlib.sha512(data).hexdigest()}}],
      "predicateType": "urn:opentransparency:update:v1",
      "predicate": {"role": "software", "version": 7, "issuedAt": "2026-11-21T00:00:00Z",
                    "expiresAt": "2027-01-01T00:00:00Z"}}
payload = json.dumps(st, indent=2).encode()
open(f"{out}/statement.json", "wb").write(payload)
t = b"application/vnd.in-toto+json"
sys.stdout.buffer.write(b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload))
PY
openssl pkeyutl -sign -rawin -inkey "$O/test-signer.key" -in "$tmp/pae.bin" -out "$tmp/dsse.sig"
python3 - "$O" "$tmp/dsse.sig" <<'PY'
import base64, json, subprocess, sys
out, sigf = sys.argv[1], sys.argv[2]
payload = open(f"{out}/statement.json", "rb").read()
sig = open(sigf, "rb").read()
env = {"payloadType": "application/vnd.in-toto+json",
       "payload": base64.b64encode(payload).decode(),
       "signatures": [{"keyid": "", "sig": base64.b64encode(sig).decode()}]}
e = json.dumps(env).encode()
open(f"{out}/rules.tar.gz.dsse", "wb").write(e)
open(f"{out}/sig-dsse-truncated.dsse", "wb").write(e[: len(e) // 2])
open(f"{out}/sig-dsse-trailing-garbage.dsse", "wb").write(e + b"\n{}garbage")
raw = open(f"{out}/rules.tar.gz.sig", "rb").read()
open(f"{out}/sig-raw-truncated.sig", "wb").write(raw[:40])
open(f"{out}/sig-raw-trailing-garbage.sig", "wb").write(raw + b"GARBAGE")
open(f"{out}/sig-hex-trailing-garbage.sig", "wb").write(raw.hex().encode() + b" trailing words\n")
PY
# A valid key manifest (root: a key made here and not kept; software: the test signer), signed
# with openssl over the DSSE PAE: the fuzz targets' fixed manifest and a seed.
openssl genpkey -algorithm ed25519 -out "$tmp/root.key" 2>/dev/null
openssl pkey -in "$tmp/root.key" -pubout -outform DER -out "$tmp/root.der"
openssl pkey -in "$O/test-signer.key" -pubout -outform DER -out "$tmp/signer.der"
python3 - "$tmp" > "$tmp/mpae.bin" <<'PY'
import base64, hashlib, json, sys
tmp = sys.argv[1]
def key(der, roles):
    d = open(der, "rb").read()
    return {"keyId": hashlib.sha256(d).hexdigest(), "scheme": "ed25519",
            "publicKey": base64.b64encode(d).decode(), "roles": roles}
m = {"manifestType": "key-manifest/v1", "publisher": "Hostile Input Tests", "version": 1,
     "issuedAt": "2026-11-01T00:00:00Z", "expiresAt": "2027-11-01T00:00:00Z",
     "roles": {"root": {"threshold": 1}, "software": {"threshold": 1}},
     "keys": [key(f"{tmp}/root.der", ["root"]), key(f"{tmp}/signer.der", ["software"])]}
payload = json.dumps(m, indent=2).encode()
open(f"{tmp}/manifest.json", "wb").write(payload)
t = b"application/vnd.opentransparency.key-manifest+json"
sys.stdout.buffer.write(b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload))
PY
openssl pkeyutl -sign -rawin -inkey "$tmp/root.key" -in "$tmp/mpae.bin" -out "$tmp/m.sig"
python3 - "$tmp" "$O" <<'PY'
import base64, hashlib, json, sys
tmp, out = sys.argv[1], sys.argv[2]
der = open(f"{tmp}/root.der", "rb").read()
env = {"payloadType": "application/vnd.opentransparency.key-manifest+json",
       "payload": base64.b64encode(open(f"{tmp}/manifest.json", "rb").read()).decode(),
       "signatures": [{"keyid": hashlib.sha256(der).hexdigest(),
                       "sig": base64.b64encode(open(f"{tmp}/m.sig", "rb").read()).decode()}]}
open(f"{out}/manifest-valid.json", "wb").write(json.dumps(env, indent=2).encode())
PY
# Zips whose end records lead two readers to two central directories, and zips with bytes
# no record accounts for.
./make-zip-layout.sh
./make-zip-prefix.sh
./make-zip-fields.sh
# Tars and cpio archives with more after their end.
./make-after-end.sh
# Compression bombs, and honest archives of high ratio.
./make-bombs.sh
ls -l "$O" | awk '{s+=$5} END {print s " bytes in out/"}'
