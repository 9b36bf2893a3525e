#!/usr/bin/env bash
# Raw detached signatures over a file's bytes, made by OpenSSL (SPEC 3.9 "Raw signatures"):
#   ed25519    pure Ed25519 (pkeyutl -rawin), binary, hex and base64
#   p256/p384  ECDSA, DER (dgst -sign)
#   rsa        RSA-3072, PKCS#1 v1.5 with SHA-256, and RSA-PSS (SHA-256, MGF1-SHA-256, salt 32)
# Keys are new on every run; the private keys are not kept. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf out && mkdir out && cd out
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf 'threat rules bundle 2026-11-22\nrule 1: block evil.example\n' > rules.tar.gz
printf 'threat rules bundle 2026-11-22\nrule 1: block good.example\n' > rules-tampered.tar.gz

openssl genpkey -algorithm ed25519 -out "$tmp/ed25519.key"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/p256.key"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$tmp/p384.key"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$tmp/rsa.key" 2>/dev/null
for k in ed25519 p256 p384 rsa; do
  openssl pkey -in "$tmp/$k.key" -pubout -out "$k.pub"
done

openssl pkeyutl -sign -rawin -inkey "$tmp/ed25519.key" -in rules.tar.gz -out rules.tar.gz.ed25519.sig
od -An -v -tx1 rules.tar.gz.ed25519.sig | tr -d " \n" > rules.tar.gz.ed25519.hex
openssl base64 -in rules.tar.gz.ed25519.sig -out rules.tar.gz.ed25519.b64
openssl dgst -sha256 -sign "$tmp/p256.key" -out rules.tar.gz.p256.sig rules.tar.gz
openssl dgst -sha384 -sign "$tmp/p384.key" -out rules.tar.gz.p384.sig rules.tar.gz
openssl dgst -sha256 -sign "$tmp/rsa.key" -out rules.tar.gz.rsa-pkcs1.sig rules.tar.gz
openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 \
  -sigopt rsa_mgf1_md:sha256 -sign "$tmp/rsa.key" -out rules.tar.gz.rsa-pss.sig rules.tar.gz

# What OpenSSL itself says of each signature over the good and the tampered file.
{
  for f in rules.tar.gz rules-tampered.tar.gz; do
    printf '%s ed25519 ' "$f"
    openssl pkeyutl -verify -rawin -pubin -inkey ed25519.pub -in "$f" \
      -sigfile rules.tar.gz.ed25519.sig >/dev/null 2>&1 && echo OK || echo FAILED
    for k in p256:sha256 p384:sha384 rsa-pkcs1:sha256; do
      name=${k%%:*} md=${k##*:} pub=${name%%-*}.pub
      printf '%s %s ' "$f" "$name"
      openssl dgst -"$md" -verify "$pub" -signature rules.tar.gz.$name.sig "$f" >/dev/null 2>&1 \
        && echo OK || echo FAILED
    done
    printf '%s rsa-pss ' "$f"
    openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 \
      -sigopt rsa_mgf1_md:sha256 -verify rsa.pub -signature rules.tar.gz.rsa-pss.sig "$f" \
      >/dev/null 2>&1 && echo OK || echo FAILED
  done
} > openssl-verdicts.txt
cat openssl-verdicts.txt
