#!/usr/bin/env bash
# Makes the hashing fixtures and records what the reference tools print for them:
# sha256sum, sha384sum, sha512sum and b2sum (GNU coreutils), openssl dgst (SHA-3, BLAKE2b),
# b3sum (the BLAKE3 team's tool). Tests compare our digests with these recordings and need none
# of the tools. Run from anywhere; needs coreutils, openssl and b3sum (Debian: apt-get install b3sum).
set -euo pipefail
cd "$(dirname "$0")"

rm -rf files recorded
mkdir -p files recorded

# Known-answer messages of FIPS 180-4 and FIPS 202 (empty, "abc", the 448-bit message) ...
printf '' > files/empty
printf 'abc' > files/abc
printf 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq' > files/fips-448bit
# ... and the 896-bit one of SHA-384/512.
printf 'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu' > files/fips-896bit

# The BLAKE3 team's test-vector inputs: bytes 0,1,...,250,0,1,... of the official lengths. The
# tests regenerate them in memory; only the digests are kept.
python3 - <<'PY'
lengths = [0, 1, 1023, 1024, 1025, 2048, 2049, 3072, 3073, 4096, 4097, 5120, 5121, 6144, 6145,
           7168, 7169, 8192, 8193, 16384, 31744, 102400]
import os
os.makedirs("blake3-inputs", exist_ok=True)
for n in lengths:
    with open(f"blake3-inputs/{n}", "wb") as f:
        f.write(bytes(i % 251 for i in range(n)))
PY
(cd blake3-inputs && for n in $(ls | sort -n); do printf '%s %s\n' "$n" "$(b3sum --no-names "$n")"; done) > recorded/blake3-vectors.txt
rm -rf blake3-inputs

# Awkward names for checksum files: spaces, a backslash, a newline. Such names do not belong in
# a repository, so only what the tools print for them is kept; the tests recreate the files.
mkdir -p awkward
printf 'spaces\n' > "awkward/name with spaces.txt"
printf 'backslash\n' > 'awkward/back\slash.txt'
printf 'newline\n' > "awkward/new
line.txt"
(cd awkward && sha256sum -- * > ../recorded/awkward.sha256sum && sha256sum --tag -- * > ../recorded/awkward.sha256sum-tag)
rm -rf awkward
# One binary file with every byte value.
python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 64)' > files/all-bytes.bin

(cd files && sha256sum -- * > ../recorded/sha256sum.txt
 sha384sum -- * > ../recorded/sha384sum.txt
 sha512sum -- * > ../recorded/sha512sum.txt
 sha256sum --tag -- * > ../recorded/sha256sum-tag.txt
 sha256sum -b -- * > ../recorded/sha256sum-binary.txt
 b2sum -- * > ../recorded/b2sum.txt
 b3sum -- * > ../recorded/b3sum.txt
 for f in abc empty fips-448bit all-bytes.bin; do
   openssl dgst -sha3-256 -r "$f"
 done > ../recorded/openssl-sha3-256.txt
 for f in abc empty fips-448bit all-bytes.bin; do
   openssl dgst -sha3-512 -r "$f"
 done > ../recorded/openssl-sha3-512.txt)

# A CRLF copy of the coreutils output, as a Windows editor leaves it.
sed 's/$/\r/' recorded/sha256sum.txt > recorded/sha256sum-crlf.txt

{
  echo "made by testdata/hash/make.sh"
  sha256sum --version | head -1
  openssl version
  b3sum --version
} > recorded/TOOLS.txt
