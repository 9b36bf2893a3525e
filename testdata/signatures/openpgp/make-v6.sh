#!/usr/bin/env bash
# Compiles and runs GenV6.java with the BouncyCastle jars the build uses (from ~/.m2), to make
# the v6 (RFC 9580) fixtures that gpg 2.2 cannot make. Called by make.sh after data.txt exists.
set -euo pipefail
cd "$(dirname "$0")"
v=$(sed -n 's:.*<bouncycastle.version>\(.*\)</bouncycastle.version>.*:\1:p' ../../../pom.xml)
m2=${MAVEN_REPO:-$HOME/.m2/repository}/org/bouncycastle
cp="$m2/bcpg-jdk18on/$v/bcpg-jdk18on-$v.jar:$m2/bcprov-jdk18on/$v/bcprov-jdk18on-$v.jar:$m2/bcutil-jdk18on/$v/bcutil-jdk18on-$v.jar"
for j in ${cp//:/ }; do
  [ -f "$j" ] || { echo "missing $j: run mvn -pl verifier-core dependency:resolve" >&2; exit 1; }
done
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$cp" GenV6.java
java -cp "$out:$cp" GenV6
