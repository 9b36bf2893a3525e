#!/usr/bin/env bash
# Makes every CMS/PKCS#7 fixture with the real tools: openssl (ca, cms, ts) for keys,
# certificates, signatures and RFC 3161 tokens, and one small Python step (Debian's
# python3-asn1crypto) that puts a token into a SignerInfo's unsigned attributes, because
# openssl has no command for that. Run from anywhere; writes into this directory.
#
# Fixed validity dates (openssl ca -startdate/-enddate), so the tests can use fixed instants:
#   root-ca, other-ca, tsa-ca   2026-01-01 .. 2036-01-01 (self-signed CAs)
#   inter-ca (under root-ca)    2026-01-01 .. 2036-01-01
#   signer (codeSigning)        2026-01-01 .. 2030-01-01, under inter-ca
#   noeku (emailProtection)     2026-01-01 .. 2030-01-01, under root-ca
#   other (codeSigning)         2026-01-01 .. 2030-01-01, under other-ca
#   expiring (codeSigning)      2026-01-01 .. 2028-01-01, under root-ca
#   tsa (timeStamping, crit.)   2026-01-01 .. 2036-01-01, under tsa-ca
#   tsa-rogue (timeStamping)    2026-01-01 .. 2036-01-01, under root-ca (a CA without the
#                               manifest role "timestamp")
# The RFC 3161 tokens carry the time this script runs as genTime (openssl ts cannot backdate).
# The timestamp scenario: "expiring" signs now (while valid), the token proves "now", and the
# tests check at 2029-01-01, after the leaf expired and after genTime: accepted with the token,
# KEY_EXPIRED without. Re-run this script before 2028-01-01 only, or move the dates.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3  # Debian's, where python3-asn1crypto installs
command -v openssl >/dev/null || apt-get install -y openssl
"$PY" -c 'import asn1crypto' 2>/dev/null || apt-get install -y python3-asn1crypto

rm -rf work && mkdir -p work/newcerts
rm -f ./*.pem ./*.p7s ./*.der ./*.txt ./*.tsr
touch work/index.txt
echo 1000 > work/serial
echo 01 > work/tsaserial

cat > work/ca.cnf <<'CNF'
[ca]
default_ca = CA_default
[CA_default]
dir = work
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[policy_any]
commonName = supplied
organizationName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[v3_root]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_inter]
basicConstraints = critical,CA:true,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_code]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_email]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_tsa]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

START=260101000000Z

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "work/$1.key" 2>/dev/null; }

# root NAME SUBJECT-CN
root() {
  key "$1"
  openssl req -new -key "work/$1.key" -subj "/O=OpenTransparency Test/CN=$2" -out "work/$1.csr"
  openssl ca -batch -notext -config work/ca.cnf -selfsign -keyfile "work/$1.key" \
    -in "work/$1.csr" -startdate $START -enddate 360101000000Z -extensions v3_root \
    -out "$1.pem" 2>/dev/null
}

# issue NAME CN ISSUER EXTENSIONS ENDDATE
issue() {
  key "$1"
  openssl req -new -key "work/$1.key" -subj "/O=OpenTransparency Test/CN=$2" -out "work/$1.csr"
  openssl ca -batch -notext -config work/ca.cnf -cert "$3.pem" -keyfile "work/$3.key" \
    -in "work/$1.csr" -startdate $START -enddate "$5" -extensions "$4" -out "$1.pem" 2>/dev/null
}

root root-ca "Test Root CA"
root other-ca "Other Root CA"
root tsa-ca "Test TSA CA"
issue inter-ca "Test Intermediate CA" root-ca v3_inter 360101000000Z
issue signer "Release Signer" inter-ca v3_code 300101000000Z
issue noeku "Mail Signer" root-ca v3_email 300101000000Z
issue other "Other Signer" other-ca v3_code 300101000000Z
issue expiring "Expiring Signer" root-ca v3_code 280101000000Z
issue tsa "Test TSA" tsa-ca v3_tsa 360101000000Z
issue tsa-rogue "Rogue TSA" root-ca v3_tsa 360101000000Z
openssl x509 -in root-ca.pem -outform DER -out root-ca.der
cat root-ca.pem tsa-ca.pem > two-cas.pem

printf 'pretend this is a release tarball\n' > release.txt
printf 'pretend this is a release tarball, tampered\n' > tampered.txt

# sign OUT SIGNER [extra cms options...]: a detached signature, the signer cert in the set.
sign() {
  local out=$1 who=$2
  shift 2
  openssl cms -sign -binary -in release.txt -signer "$who.pem" -inkey "work/$who.key" \
    -outform DER -md sha256 "$@" -out "$out"
}

sign good.p7s signer -certfile inter-ca.pem
openssl cms -sign -binary -in release.txt -signer signer.pem -inkey work/signer.key \
  -certfile inter-ca.pem -outform PEM -md sha256 -out good-pem.p7s
sign sha1.p7s signer -certfile inter-ca.pem -md sha1
sign noeku.p7s noeku
sign other-ca.p7s other
sign no-intermediate.p7s signer
sign expired.p7s expiring
sign attached.p7s signer -certfile inter-ca.pem -nodetach
head -c 200 good.p7s > malformed.p7s
# Two SignerInfos: under two different CAs, and twice under root-ca (counts once).
openssl cms -sign -binary -in release.txt -signer signer.pem -inkey work/signer.key \
  -signer other.pem -inkey work/other.key -certfile inter-ca.pem -outform DER -md sha256 \
  -out two-signers.p7s
openssl cms -sign -binary -in release.txt -signer signer.pem -inkey work/signer.key \
  -signer expiring.pem -inkey work/expiring.key -certfile inter-ca.pem -outform DER -md sha256 \
  -out same-ca-twice.p7s

# The TSA: openssl ts -reply with this configuration.
cat > work/tsa.cnf <<'CNF'
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = work
serial = $dir/tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF

# Prints the signature value octets of the first SignerInfo of a DER SignedData.
sigvalue() {
  "$PY" - "$1" "$2" <<'PY'
import sys
from asn1crypto import cms
ci = cms.ContentInfo.load(open(sys.argv[1], 'rb').read())
open(sys.argv[2], 'wb').write(ci['content']['signer_infos'][0]['signature'].native)
PY
}

# token SIGVALUE-FILE TSA OUT: an RFC 3161 token (with the TSA cert) over the file's SHA-256.
token() {
  openssl ts -query -data "$1" -sha256 -cert -no_nonce -out work/query.tsq
  openssl ts -reply -config work/tsa.cnf -queryfile work/query.tsq -signer "$2.pem" \
    -inkey "work/$2.key" -token_out -out "$3" 2>/dev/null
}

# stamp IN TOKEN OUT: puts the token into the first SignerInfo's unsigned attributes
# (id-aa-signatureTimeStampToken, 1.2.840.113549.1.9.16.2.14). Everything else keeps its
# original encoding (asn1crypto re-encodes only what changed).
stamp() {
  "$PY" - "$1" "$2" "$3" <<'PY'
import sys
from asn1crypto import cms
ci = cms.ContentInfo.load(open(sys.argv[1], 'rb').read())
token = cms.ContentInfo.load(open(sys.argv[2], 'rb').read())
si = ci['content']['signer_infos'][0]
si['unsigned_attrs'] = cms.CMSAttributes([
    cms.CMSAttribute({'type': 'signature_time_stamp_token', 'values': [token]})])
open(sys.argv[3], 'wb').write(ci.dump(force=False))
PY
}

sigvalue expired.p7s work/expired.sig
sigvalue good.p7s work/good.sig
token work/expired.sig tsa work/expired.tst
token work/good.sig tsa work/good.tst
token work/expired.sig tsa-rogue work/rogue.tst
stamp expired.p7s work/expired.tst expired-ts.p7s
# A valid token, but over another signature's value.
stamp expired.p7s work/good.tst expired-ts-other.p7s
# A token by a TSA whose CA lacks the manifest role "timestamp".
stamp expired.p7s work/rogue.tst expired-ts-rogue.p7s
openssl ts -reply -in work/expired.tst -token_in -text -token_out 2>/dev/null \
  | sed -n 's/^Time stamp: //p' | xargs -I{} date -u -d {} +%Y-%m-%dT%H:%M:%SZ > gentime.txt

rm -rf work
# The fixtures of the security review, under their own CAs (see that script).
bash ./make-extra.sh
echo "made $(ls | wc -l) files; genTime $(cat gentime.txt)"
