#!/usr/bin/env bash
# Measures what child JVM flags give at pool start-up, and what they cost in steady state (bench/RESULTS.md,
# "Start-up flags"). About 6 minutes on 2 cores.
#
#   bench/flags.sh
#
# Each variant adds flags after the runtime's own (Spawner.CHILD_FLAGS) through -Dmpdemo.child.jvmArgs; the last
# of two contradicting -XX flags wins, so "-XX:CompileThresholdScaling=1" gives back the JVM default that
# CHILD_FLAGS changes. The variants are interleaved round by round (FlagsProbe), so load from other work on the
# machine falls on all of them alike.
#
# The AppCDS rows use a dynamic archive made first, for this very jar, by a pool whose workers exit normally
# (StartupProbe train=true with -XX:ArchiveClassesAtExit). JDK 17 writes a dynamic archive only when the JVM
# exits normally: a worker ended by Pool.terminate() (SIGKILL) writes nothing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$(dirname "$here")"
JAVA=${JAVA:-java}
JAR=bench/target/benchmarks.jar
OUT=${OUT:-bench/target/flags}
[ -f "$JAR" ] || mvn -B -q -pl bench -am package -DskipTests
rm -rf "$OUT"
mkdir -p "$OUT"
archive=$(cd "$OUT" && pwd)/app.jsa

echo "== making the AppCDS archive $archive"
"$JAVA" -Dmpdemo.child.jvmArgs="-XX:ArchiveClassesAtExit=$archive" -cp "$JAR" org.mpdemo.bench.StartupProbe \
  workers=1 train=true 2> "$OUT/archive.log"
[ -s "$archive" ] || { echo "no archive was written; see $OUT/archive.log" >&2; exit 1; }

cat > "$OUT/variants.txt" <<EOF
# JVM defaults for compilation: the child flags before CompileThresholdScaling=10 was added
-XX:CompileThresholdScaling=1
# the runtime's flags as they are (CompileThresholdScaling=10)
-
-XX:CompileThresholdScaling=5
-XX:CompileThresholdScaling=1 -XX:TieredStopAtLevel=1
-XX:CompileThresholdScaling=1 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1
-XX:CompileThresholdScaling=1 -Xint
-XX:CompileThresholdScaling=1 -Xshare:off
-XX:CompileThresholdScaling=1 -Xss256k
-XX:CompileThresholdScaling=1 -XX:SharedArchiveFile=$archive
-XX:SharedArchiveFile=$archive
-XX:CompileThresholdScaling=1 -XX:SharedArchiveFile=$archive -XX:TieredStopAtLevel=1
EOF

# -Dmpdemo.cds=false: no automatic archive (ClassDataArchive), so that the app.jsa rows are the only ones with one
echo "== Pool(4): start-up, then steady state (mapTiny, apply) of a Pool(2) per variant"
"$JAVA" -Dmpdemo.cds=false -cp "$JAR" org.mpdemo.bench.FlagsProbe variants="$OUT/variants.txt" workers=4 runs=20 warmup=3 map=true \
  mapRuns=30 > "$OUT/workers4.jsonl"
echo "== Pool(1): start-up of a single child"
"$JAVA" -Dmpdemo.cds=false -cp "$JAR" org.mpdemo.bench.FlagsProbe variants="$OUT/variants.txt" workers=1 runs=20 warmup=3 \
  > "$OUT/workers1.jsonl"

python3 - "$OUT" <<'EOF'
import json, sys, os
d = sys.argv[1]
w1 = {r["flags"]: r for r in map(json.loads, open(os.path.join(d, "workers1.jsonl")))}
print("| extra child flags | Pool(4) start→first result, median (p25) ms | CPU of 4 children at first result, ms "
      "| Pool(1) first result ms | CPU of 1 child ms | mapTiny ms, median (p25) | apply µs, median (p25) |")
print("|---|---:|---:|---:|---:|---:|---:|")
for line in open(os.path.join(d, "workers4.jsonl")):
    r = json.loads(line)
    one = w1.get(r["flags"], {})
    flags = r["flags"].replace(os.path.join(os.path.abspath(d), "app.jsa"), "app.jsa") or "(none: as shipped)"
    print(f"| `{flags}` | {r['first_result_ms_median']:.0f} ({r['first_result_ms_p25']:.0f}) "
          f"| {r['children_cpu_ms_median']:.0f} | {one.get('first_result_ms_median', float('nan')):.0f} "
          f"| {one.get('children_cpu_ms_median', float('nan')):.0f} "
          f"| {r['mapTiny_ms_median']:.1f} ({r['mapTiny_ms_p25']:.1f}) "
          f"| {r['apply_us_median']:.0f} ({r['apply_us_p25']:.0f}) |")
EOF
