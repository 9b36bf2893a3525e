#!/usr/bin/env bash
# Makes the CMS fixtures of the security review under their own CAs, so that they can be made
# without remaking (and changing) the fixtures of make.sh, which calls this script at its end.
# openssl (ca, cms, ts) and the Python step of make.sh (python3-asn1crypto) only.
#
#   extra-ca, extra-tsa-ca       2026-01-01 .. 2036-01-01 (self-signed CAs, SHA-256)
#   extra-signer (codeSigning)   2026-01-01 .. 2030-01-01, under extra-ca, SHA-256
#   sha1-leaf (codeSigning)      2026-01-01 .. 2030-01-01, under extra-ca, signed with SHA-1
#   sha1-tsa (timeStamping)      2026-01-01 .. 2036-01-01, under extra-tsa-ca, signed with SHA-1
#   decoy1..16 (codeSigning)     under "Absent Intermediate CA" (not shipped, not in a manifest)
#
#   extra-signer.p7s  a good signature by extra-signer (the control)
#   sha1-cert.p7s     SHA-256 SignerInfo by sha1-leaf: the leaf's certificate signature is SHA-1
#   sha1-tsa.p7s      extra-signer's signature with a token by sha1-tsa (made when this runs)
#   many-checks.p7s   16 SignerInfos by decoy1..16, with 20 self-signed certificates named "Absent
#                     Intermediate CA" in the set: 16 x 21 signature checks, over the budget
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3
command -v openssl >/dev/null || apt-get install -y openssl
"$PY" -c 'import asn1crypto' 2>/dev/null || apt-get install -y python3-asn1crypto

W=work-extra
rm -rf $W && mkdir -p $W/newcerts
rm -f extra-ca.pem extra-tsa-ca.pem extra-signer.pem sha1-leaf.pem sha1-tsa.pem \
  extra-signer.p7s sha1-cert.p7s sha1-tsa.p7s many-checks.p7s
touch $W/index.txt
echo 2000 > $W/serial
echo 01 > $W/tsaserial

cat > $W/ca.cnf <<'CNF'
[ca]
default_ca = CA_default
[CA_default]
dir = work-extra
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
[v3_root]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_code]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = codeSigning
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
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/$1.key" 2>/dev/null; }

# root NAME CN
root() {
  key "$1"
  openssl req -new -key "$W/$1.key" -subj "/O=OpenTransparency Test/CN=$2" -out "$W/$1.csr"
  openssl ca -batch -notext -config $W/ca.cnf -selfsign -keyfile "$W/$1.key" \
    -in "$W/$1.csr" -startdate $START -enddate 360101000000Z -extensions v3_root \
    -out "$W/$1.pem" 2>/dev/null
}

# issue NAME CN ISSUER EXTENSIONS ENDDATE MD
issue() {
  key "$1"
  openssl req -new -key "$W/$1.key" -subj "/O=OpenTransparency Test/CN=$2" -out "$W/$1.csr"
  openssl ca -batch -notext -config $W/ca.cnf -cert "$W/$3.pem" -keyfile "$W/$3.key" -md "$6" \
    -in "$W/$1.csr" -startdate $START -enddate "$5" -extensions "$4" -out "$W/$1.pem" 2>/dev/null
}

root extra-ca "Extra Root CA"
root extra-tsa-ca "Extra TSA CA"
root absent-ca "Absent Intermediate CA"
issue extra-signer "Extra Signer" extra-ca v3_code 300101000000Z sha256
issue sha1-leaf "SHA-1 Certified Signer" extra-ca v3_code 300101000000Z sha1
issue sha1-tsa "SHA-1 Certified TSA" extra-tsa-ca v3_tsa 360101000000Z sha1
for n in extra-ca extra-tsa-ca extra-signer sha1-leaf sha1-tsa; do cp "$W/$n.pem" .; done

sign() { # OUT SIGNER [options]
  local out=$1 who=$2
  shift 2
  openssl cms -sign -binary -in release.txt -signer "$who.pem" -inkey "$W/$who.key" \
    -outform DER -md sha256 "$@" -out "$out"
}

sign sha1-cert.p7s sha1-leaf
sign extra-signer.p7s extra-signer

# 20 self-signed CA certificates under the name of the decoys' (absent) issuer, made like it
# (so the names are equal), and 16 SignerInfos.
: > $W/decoys.pem
for i in $(seq 1 20); do
  root "d$i" "Absent Intermediate CA"
  cat "$W/d$i.pem" >> $W/decoys.pem
done
signers=()
for i in $(seq 1 16); do
  issue "decoy$i" "Decoy Signer $i" absent-ca v3_code 300101000000Z sha256
  signers+=(-signer "$W/decoy$i.pem" -inkey "$W/decoy$i.key")
done
openssl cms -sign -binary -in release.txt "${signers[@]}" -certfile $W/decoys.pem \
  -outform DER -md sha256 -out many-checks.p7s

cat > $W/tsa.cnf <<'CNF'
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = work-extra
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

"$PY" - extra-signer.p7s $W/extra.sig <<'PY'
import sys
from asn1crypto import cms
ci = cms.ContentInfo.load(open(sys.argv[1], 'rb').read())
open(sys.argv[2], 'wb').write(ci['content']['signer_infos'][0]['signature'].native)
PY
openssl ts -query -data $W/extra.sig -sha256 -cert -no_nonce -out $W/query.tsq
openssl ts -reply -config $W/tsa.cnf -queryfile $W/query.tsq -signer sha1-tsa.pem \
  -inkey $W/sha1-tsa.key -token_out -out $W/sha1-tsa.tst 2>/dev/null
"$PY" - extra-signer.p7s $W/sha1-tsa.tst sha1-tsa.p7s <<'PY'
import sys
from asn1crypto import cms
ci = cms.ContentInfo.load(open(sys.argv[1], 'rb').read())
token = cms.ContentInfo.load(open(sys.argv[2], 'rb').read())
si = ci['content']['signer_infos'][0]
si['unsigned_attrs'] = cms.CMSAttributes([
    cms.CMSAttribute({'type': 'signature_time_stamp_token', 'values': [token]})])
open(sys.argv[3], 'wb').write(ci.dump(force=False))
PY

rm -rf $W
echo "made the review fixtures: $(ls extra-*.pem sha1-*.pem extra-signer.p7s sha1-cert.p7s sha1-tsa.p7s many-checks.p7s | wc -l) files"
