#!/usr/bin/env bash
# A real .buildinfo, made by maven-artifact-plugin's buildinfo goal on a tiny project, with the
# artifacts it describes; plus a tampered copy of the jar. Run from anywhere; needs Maven.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf out work
mkdir -p out work/project/src/main/java/org/example
cat > work/project/pom.xml <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>demo</artifactId>
  <version>1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
    </plugins>
  </build>
</project>
POM
printf 'package org.example;\npublic class Demo {}\n' > work/project/src/main/java/org/example/Demo.java
(cd work/project && mvn -B -q -ntp package org.apache.maven.plugins:maven-artifact-plugin:3.6.0:buildinfo -Dbuildinfo.attach=false >/dev/null)
cp work/project/target/demo-1.0.jar work/project/target/demo-1.0.buildinfo out/
cp work/project/pom.xml out/demo-1.0.pom
mkdir -p out/tampered
cp out/demo-1.0.jar out/tampered/demo-1.0.jar
printf 'x' >> out/tampered/demo-1.0.jar
cp out/demo-1.0.pom out/tampered/
rm -rf work
cat out/demo-1.0.buildinfo
