# The JDK 25+ ahead-of-time caches of the command line (JEP 483/514/515: classes loaded, linked and
# profiled ahead of time), shared by the launcher and the build. Sourced by ./verifier for
# jvm_flags, newest_jdk, aot_group and aot_current; run by the build as
#
#   bash verifier-cli/src/aot/aot.sh build TARGET_DIR
#
# which makes TARGET_DIR/verifier-aot.jar (verifier.jar with any class file older than Java 6 given
# stack map frames, see UpgradeClassFiles.java), trains one cache per group of commands on it
# (CdsTraining; a cache loads and links all its classes at start-up, so --version should not carry
# the archive readers) and writes TARGET_DIR/verifier-GROUP.aot and a stamp naming the JDK. With
# no JDK >= 25, or VERIFIER_AOT=off, it removes those files and says so: the launcher then runs
# the default java with the class-data sharing archive, as before.
#
# VERIFIER_AOT=off        never use or make the cache (CI runs the launcher so to test JDK 17 alone)
# VERIFIER_AOT_JDK=DIR    use this JDK home (it must be 25 or later) instead of searching

# Every JVM the launcher starts, and the training run, get these flags: a cache is only used by a
# JVM whose options match the ones it was made with.
# A small young generation (heap_flags, below) whose survivors go straight to the old one: a
# comparison's index is long-lived and was copied between survivor spaces (docs/benchmarks.md: 280
# -> 200 MB peak RSS and ~0.3 s less for the 33,000-entry jar pair; hashing unchanged).
# -XX:TieredStopAtLevel=1 would make hashing ~9x slower (no SHA intrinsics in C1): never set it here;
# the launcher gives it to a verify or hash of small files only (small_run in ./verifier).
# C2 inlines a hot callee of up to 60 bytecodes, not 325: our runs last seconds, and C2 spent
# ~1 s of the jar pair's 3.4 s of CPU compiling per-entry code into methods of tens of KB. The
# heavy bytes go through intrinsics and native code, which inlining does not change. Alternated
# with the default (docs/benchmarks.md, "C2's inlining"), JDK 25: the jar pair 3.70 -> 3.43 s of
# CPU and 162 -> 153 MB, 200,000 entries 3.23 -> 2.74 s; BLAKE3 of 1 GiB 1.77 -> 1.83 s.
jvm_flags=(-XX:MaxTenuringThreshold=0 -XX:-UsePerfData -XX:FreqInlineSize=60)

# heap_flags GROUP: sets gc and young to the collector and young generation GROUP's commands run
# with (and its cache is trained with).
# The young generation: the archives group keeps two indexes and little else alive: 12 MB made the
# 102 MB jar pair 152-155 -> 141-145 MB of peak RSS, 200,000 entries 373 -> 357-362 MB, two 1 GiB
# tar.gz 95 -> 80 MB, none slower (docs/benchmarks.md, "The young generation per command").
# Hashing 100,000 small files allocates a path and a digest a file: 16 MB made it 3-8% slower, so
# the other groups keep 32 MB.
# The collector: serial, whose start is the cheapest, but for the archives group. A comparison
# promotes its indexes young collection by young collection, hundreds of them for 200,000 entries,
# and the serial collector stops both indexing threads while one core copies: the parallel
# collector copies on both. Alternated on JDK 25 (docs/benchmarks.md, "The parallel collector for
# comparisons"): the jar pair 2.73 -> 2.50 s at the same peak RSS (141 / 140 MB), 200,000 entries
# 5.01 -> 3.37 s (pauses 1.35 -> 0.86 s), small comparisons and the 1 GiB tar.gz pair unchanged.
# Hashing gained within its noise (100,000 files 1.78 -> 1.75 s) and keeps the serial collector.
heap_flags() {
  case $1 in
    archives) gc=(-XX:+UseParallelGC) young=(-Xmn12m) ;;
    *) gc=(-XX:+UseSerialGC) young=(-Xmn32m) ;;
  esac
}
# native_flags DIR: sets native to the flag that names the directory beside the jar in DIR where
# the build wrote zstd-jni's native library (ZstdLibrary). A run has zstd-jni load it from there
# where the directory holds the library of its own platform and zstd-jni version, instead of
# copying it out of the jar: that took ~35 ms of the first zstd frame of every run (a .tar.zst, a
# .deb whose members are zstd), with a look on the class path for an OSGi class that opened our
# 23 MB jar. Given to the trainings as to the runs, which then load the same classes.
native_flags() {
  native=(-Dverifier.zstd-jni="$1/zstd-jni")
}
# Logging: warnings to stderr, but none about an archive or a cache that cannot be used (a rebuilt
# jar, another JDK): the JVM then runs without it, which is safe, and the launcher says nothing.
log_flags=(-Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr)
aot_log_flags=(-Xlog:aot*=off:stderr) # JDK 17 refuses the tag
# zstd-jni loads its native library with System.load, about which JDK 22 and later print four
# lines of warning on stderr unless native access is granted. Given to the training too: a cache
# is used only with the module options it was made with.
aot_jvm_flags=(--enable-native-access=ALL-UNNAMED)

aot_groups=(version help hash signatures archives)

# aot_module_flags DIR: sets aot_module to the flags that put our logging module (verifier-logging,
# one System.LoggerFinder) on the module path, as every run with a cache and its training have it.
# The first java.util.logging logger (BouncyCastle's classes hold them) has the JDK look for a
# LoggerFinder: with none on the module path, it reads the central directory of every jar on the
# class path, 12,441 entries in ours, which a run on the cache otherwise never opens. Found in a
# named module, whose graph the cache holds, the jar stays closed: a minisign verify 268.5 ->
# 251.6 ms of CPU, OpenPGP 281.9 -> 263.0 ms (docs/benchmarks.md, "The logger finder"). Not for
# JDK 17: there the module path turns off the archive's optimized module handling, and a verify
# was no faster (CPU 340 ms either way).
aot_module_flags() {
  aot_module=(--module-path "$1/verifier-aot-logging.jar" --add-modules org.opentransparency.verifier.logging)
}

# The signatures group (verify, sign, keygen, manifest, tuf) runs for a tenth of a second. At
# start, the JVM replays the compilations its cache's training recorded (JEP 515), and for so short
# a run that is C2 work on the other core that never pays: a minisign verify 120 -> 106 ms, OpenPGP
# 119 -> 105 ms, DSSE 110 -> 102 ms without the replay (hyperfine -N -r 30, docs/benchmarks.md).
# The archives group gains from it (the jar pair 2.11 -> 1.98 s) and the others do not care, but
# for a run the launcher finds short (small_run): a hash of the README with C1 alone 202.3 ms,
# without the replay too 193.1 ms (docs/benchmarks.md, "A small hash without C2"). The
# switch is a diagnostic flag, which a later JDK may drop and a JVM that does not know it refuses
# to start with: the build tries it on the JDK the caches are for and records in the stamp (its
# second line) that it may be given.
aot_no_replay_flags=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining)

# aot_group ARG...: sets group to the cache (and heap flags) for this command line. --version
# (or -V) alone is the version group: Main answers it without building the command line's model,
# and a cache of that alone (910 classes, not the 1,697 of one holding picocli's help too) starts
# it ~8 ms sooner. A -h or --help anywhere before "--" is the help group. Otherwise the first word
# that is not an option decides, as Main reads it; none, help, or a word that is no command is the
# help group. hash --content reads archives: it takes
# their group's cache, so that the hash group's holds no archive reader (a cache loads and links all
# its classes at start: a plain hash of a small file 83 -> 71 ms, of 1 GiB 743 -> 716 ms). A wrong
# guess costs only time.
aot_group() {
  local a
  group=help
  if [ $# = 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; }; then
    group=version
    return 0
  fi
  # Help for any command is the help group's: its cache holds picocli's help and every command's
  # model (CdsTraining asks each for its help). A command's own cache does not, as its classes are
  # loaded and linked at every start of the command: verify --help 209 -> 161 ms
  # (docs/benchmarks.md, "Help and the rarer commands on their caches").
  for a in "$@"; do
    case $a in
      --) break ;;
      -h | --help) return 0 ;;
    esac
  done
  for a in "$@"; do
    case $a in
      -*) continue ;;
      hash)
        group=hash
        for a in "$@"; do
          case $a in
            --content | --content=*) group=archives ;;
          esac
        done
        ;;
      verify | sign | keygen | manifest | tuf) group=signatures ;;
      compare | audit | buildinfo) group=archives ;;
    esac
    return 0
  done
}

# jdk_version HOME: sets jdk_feature and jdk_full from HOME/release (no process is started: the
# launcher runs this on every call). Returns 1 when HOME is not a JDK we can read.
jdk_version() {
  local line v
  jdk_feature=0
  jdk_full=
  [ -f "$1/release" ] && [ -x "$1/bin/java" ] || return 1
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      JAVA_VERSION=*)
        v=${line#JAVA_VERSION=}
        v=${v//\"/}
        jdk_full=$v
        v=${v%%[.+-]*}
        [[ $v =~ ^[0-9]+$ ]] || return 1
        jdk_feature=$v
        return 0
        ;;
    esac
  done <"$1/release"
  return 1
}

# newest_jdk: sets aot_jdk to the home of the JDK the cache is for, and aot_jdk_version to its
# version: VERIFIER_AOT_JDK, else JAVA_HOME when it is 25 or later, else the newest JDK >= 25
# under the usual locations. Returns 1 when there is none (or VERIFIER_AOT=off).
newest_jdk() {
  aot_jdk=
  aot_jdk_version=
  [ "${VERIFIER_AOT:-}" = off ] && return 1
  if [ -n "${VERIFIER_AOT_JDK:-}" ]; then
    jdk_version "$VERIFIER_AOT_JDK" && [ "$jdk_feature" -ge 25 ] || return 1
    aot_jdk=$VERIFIER_AOT_JDK
    aot_jdk_version=$jdk_full
    return 0
  fi
  if [ -n "${JAVA_HOME:-}" ] && jdk_version "$JAVA_HOME" && [ "$jdk_feature" -ge 25 ]; then
    aot_jdk=$JAVA_HOME
    aot_jdk_version=$jdk_full
    return 0
  fi
  local best=0 home
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/java/* \
    "${HOME:-/nonexistent}"/.sdkman/candidates/java/* "${HOME:-/nonexistent}"/.jdks/* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -L "$home" ] && continue # default-java and the like name a JDK listed anyway
    jdk_version "$home" || continue
    if [ "$jdk_feature" -ge 25 ] && [ "$jdk_feature" -gt "$best" ]; then
      best=$jdk_feature
      aot_jdk=$home
      aot_jdk_version=$jdk_full
    fi
  done
  [ -n "$aot_jdk" ]
}

# aot_current TARGET_DIR GROUP [short]: true when TARGET_DIR holds GROUP's cache, made from the current
# verifier.jar by the JDK newest_jdk chose. These checks are what keeps a stale cache out: the JVM
# is meant to check the jar's size and time too, but JDK 25.0.3 runs the classes of a cache made
# from another jar at the same path without a word (JDK-8377932, fixed in 25.0.4;
# docs/benchmarks.md). So the stamp, written last, carries the upgraded jar's modification time
# as its own, and a jar whose time is not exactly that (replaced after the build, even by an older
# file) is not run with the cache. Sets aot_group_flags to the flags GROUP's commands run with
# besides the cache; a third argument "short" says the launcher found the run a short one.
aot_current() {
  local dir=$1 cache=$1/verifier-$2.aot stamp extra=
  aot_group_flags=()
  [ -f "$cache" ] && [ -f "$dir/verifier-aot.jar" ] && [ -f "$dir/verifier-aot-logging.jar" ] && [ -f "$dir/verifier.aot.stamp" ] || return 1
  [ "$dir/verifier-aot.jar" -nt "$dir/verifier.jar" ] && [ "$cache" -nt "$dir/verifier-aot.jar" ] || return 1
  local jar
  for jar in "$dir/verifier-aot.jar" "$dir/verifier-aot-logging.jar"; do
    if [ "$jar" -nt "$dir/verifier.aot.stamp" ] || [ "$jar" -ot "$dir/verifier.aot.stamp" ]; then
      return 1
    fi
  done
  { IFS= read -r stamp && { IFS= read -r extra || true; }; } <"$dir/verifier.aot.stamp" || return 1
  [ "$stamp" = "$aot_jdk $aot_jdk_version" ] || return 1
  if [ "$extra" = no-replay ] && { [ "$2" = signatures ] || [ "${3:-}" = short ]; }; then
    aot_group_flags=("${aot_no_replay_flags[@]}")
  fi
}

aot_clean() {
  local g
  rm -f "$1/verifier.aot.stamp" "$1/verifier-aot.jar" "$1/verifier-aot.jar.tmp" "$1/verifier-aot-logging.jar"
  for g in "${aot_groups[@]}"; do
    rm -f "$1/verifier-$g.aot" "$1/verifier-$g.aot.tmp"
  done
}

# aot_build TARGET_DIR: makes the caches, one build at a time (the launcher may have started one
# in the background). The stamp is written last, so a launcher running meanwhile uses none of the
# caches until all are made. A subshell, for its exit trap.
aot_build() (
  local dir here java g waited=0
  dir=$(cd -P -- "$1" && pwd -P)
  here=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
  until mkdir "$dir/verifier.aot.lock" 2>/dev/null; do
    if [ "$waited" -ge 600 ]; then # left by a build that was killed
      rmdir "$dir/verifier.aot.lock" 2>/dev/null || true
      waited=0
    fi
    sleep 1
    waited=$((waited + 1))
  done
  trap 'rmdir "$dir/verifier.aot.lock"' EXIT
  aot_clean "$dir"
  if ! newest_jdk; then
    if [ "${VERIFIER_AOT:-}" = off ]; then
      echo "AOT cache: not made (VERIFIER_AOT=off)"
    else
      echo "AOT cache: not made (no JDK 25 or later found; the launcher uses the default java)"
    fi
    return 0
  fi
  java=$aot_jdk/bin/java
  echo "AOT cache: training with $aot_jdk ($aot_jdk_version)"
  # A cache names the jar it was trained on, so the upgraded jar is made under its final name.
  "$java" "${log_flags[@]}" "$here/UpgradeClassFiles.java" "$dir/verifier.jar" "$dir/verifier-aot.jar" >/dev/null
  if [ ! -f "$dir/verifier-logging.jar" ]; then
    echo "AOT cache: not made (no $dir/verifier-logging.jar)" >&2
    aot_clean "$dir"
    return 1
  fi
  # The module's copy gets the upgraded jar's time before the training, which records it: a cache
  # records each module path jar's time and size, and refuses to run with another.
  cp "$dir/verifier-logging.jar" "$dir/verifier-aot-logging.jar"
  touch -r "$dir/verifier-aot.jar" "$dir/verifier-aot-logging.jar"
  aot_module_flags "$dir"
  native_flags "$dir"
  for g in "${aot_groups[@]}"; do
    heap_flags "$g"
    "$java" "${jvm_flags[@]}" ${gc[@]+"${gc[@]}"} "${young[@]}" "${aot_jvm_flags[@]}" "${aot_module[@]}" ${native[@]+"${native[@]}"} -Xlog:disable -Xlog:all=error:stderr -XX:AOTCacheOutput="$dir/verifier-$g.aot.tmp" \
      -cp "$dir/verifier-aot.jar" org.opentransparency.verifier.cli.CdsTraining "$here/../../../testdata/signatures" "$g" \
      >/dev/null
    if [ ! -s "$dir/verifier-$g.aot.tmp" ]; then
      echo "AOT cache: training the $g commands made no cache" >&2
      aot_clean "$dir"
      return 1
    fi
    mv -f "$dir/verifier-$g.aot.tmp" "$dir/verifier-$g.aot"
  done
  local extra=
  if "$java" "${aot_no_replay_flags[@]}" -version >/dev/null 2>&1; then
    extra=no-replay
  fi
  printf '%s %s\n%s\n' "$aot_jdk" "$aot_jdk_version" "$extra" >"$dir/verifier.aot.stamp.tmp"
  touch -r "$dir/verifier-aot.jar" "$dir/verifier.aot.stamp.tmp" # see aot_current
  mv -f "$dir/verifier.aot.stamp.tmp" "$dir/verifier.aot.stamp"
  echo "AOT cache: $dir/verifier-{$(IFS=,; echo "${aot_groups[*]}")}.aot"
)

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    build)
      [ $# -eq 2 ] || { echo "usage: aot.sh build TARGET_DIR" >&2; exit 2; }
      aot_build "$2"
      ;;
    *)
      echo "usage: aot.sh build TARGET_DIR" >&2
      exit 2
      ;;
  esac
fi
