#!/usr/bin/env bash
# Runs the JMH benchmarks of the process pool (PoolBench) and their CPython counterparts (python/pool_bench.py)
# in one go and prints a table: benchmark, Java, CPython, ratio, target, met?
#
#   bench/run-compare.sh            # about 4 minutes on 2 cores (plus waits for a quiet machine)
#   bench/run-compare.sh --quick    # a smoke test of the whole chain (about 1 minute); figures not meaningful
#
# Measurement rules (see bench/RESULTS.md):
# - A hand-off between two processes is 2-5x faster on this 2-core machine when both share a CPU, so the
#   round-trip benchmarks (apply, and map with chunksize 1) are run with both sides pinned alike:
#   `taskset -c 0` for the JMH run and for the CPython run; children inherit the affinity. Unpinned figures are
#   reported as well, for information.
# - Start-up and the map benchmarks run unpinned: they use both workers on both cores.
# - Before each phase the script waits (at most 90 s) for the machine to be idle, and says when it was not.
#
# Environment: JAVA (default: java on PATH), PYTHON (default: python3), OUT (default: bench/target/compare).
# Builds bench/target/benchmarks.jar first if it is missing (mvn -pl bench -am package -DskipTests).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

quick=false
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run-compare.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

JAVA=${JAVA:-java}
PYTHON=${PYTHON:-python3}
OUT=${OUT:-bench/target/compare}
JAR=bench/target/benchmarks.jar
command -v taskset >/dev/null || { echo "run-compare.sh: taskset (util-linux) is needed" >&2; exit 1; }

if [ ! -f "$JAR" ]; then
  echo "== building $JAR"
  mvn -B -q -pl bench -am package -DskipTests
fi

rm -rf "$OUT"
mkdir -p "$OUT"

if $quick; then
  jmh_opts=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
  py_opts=(--quick)
  probe_opts=(runs=5 warmup=1)
else
  jmh_opts=()          # the per-benchmark annotations in PoolBench: 1 fork, 2-3 warm-up, 4-5 measured iterations
  py_opts=()
  probe_opts=(runs=15 warmup=3)
fi

quiet() {   # quiet PHASE: wait for an idle machine, record whether it was
  local result
  result=$("$PYTHON" bench/compare.py wait-quiet --timeout "$($quick && echo 5 || echo 90)")
  echo "${result%\}}, \"phase\": \"$1\"}" >> "$OUT/quiet.jsonl"
  case "$result" in *'"quiet": false'*) echo "   (machine busy before $1: $result)";; esac
}

jmh() {     # jmh OUTFILE [taskset...] -- PATTERN
  local out=$1; shift
  "$@" -rf json -rff "$out" > "${out%.json}.log" 2>&1 || { tail -30 "${out%.json}.log" >&2; exit 1; }
}

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1), $("$PYTHON" --version)"
echo "== output in $OUT"

echo "== JMH, unpinned: startup, mapTiny, mapChunk1, imapUnordered, applyRoundTrip"
quiet jmh-unpinned
jmh "$OUT/jmh-unpinned.json" "$JAVA" -jar "$JAR" 'PoolBench\.(startup|mapTiny|mapChunk1|imapUnordered|applyRoundTrip)$' \
  "${jmh_opts[@]}"

echo "== JMH, pinned to CPU 0 (taskset -c 0): applyRoundTrip, mapChunk1"
quiet jmh-pinned
jmh "$OUT/jmh-pinned.json" taskset -c 0 "$JAVA" -jar "$JAR" 'PoolBench\.(applyRoundTrip|mapChunk1)$' "${jmh_opts[@]}"

echo "== Java start-up phases (StartupProbe, Pool(4)), unpinned"
quiet probe
"$JAVA" -cp "$JAR" org.mpdemo.bench.StartupProbe workers=4 "${probe_opts[@]}" > "$OUT/probe.json"

echo "== CPython, unpinned: startup-spawn, startup-fork, map-tiny, map-chunk1, imap-unordered, apply"
quiet py-unpinned
"$PYTHON" bench/python/pool_bench.py startup-spawn startup-fork map-tiny map-chunk1 imap-unordered apply \
  "${py_opts[@]}" > "$OUT/py-unpinned.jsonl"

echo "== CPython, pinned to CPU 0 (taskset -c 0): apply, map-chunk1"
quiet py-pinned
taskset -c 0 "$PYTHON" bench/python/pool_bench.py apply map-chunk1 "${py_opts[@]}" > "$OUT/py-pinned.jsonl"

echo
echo "Round trips (applyRoundTrip, pinned rows) ran with both sides under 'taskset -c 0' (children inherit the"
echo "affinity); start-up and the map benchmarks ran unpinned on all $(nproc) CPUs."
echo
"$PYTHON" bench/compare.py table "$OUT"
