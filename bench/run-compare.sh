#!/usr/bin/env bash
# Runs every benchmark against its CPython counterpart in one go and prints one table (benchmark, Java, CPython,
# ratio, target, met?) with the targets of issues 2 (Pool), 3 (Sync: locks, Value, Queue, Process, wake-up) and
# 4 (Manager):
#   JMH: PoolBench, SyncBench, QueueBench, ProcessBench, ManagerBench (bench/target/benchmarks.jar)
#   CPython: python/pool_bench.py, python/sync_bench.py, python/manager_bench.py
#
#   bench/run-compare.sh            # about 9-10 minutes on 2 cores, waits for a quiet machine included
#   bench/run-compare.sh --quick    # a smoke test of the whole chain (about 3 minutes); figures not meaningful
#
# Measurement rules (see bench/RESULTS.md):
# - A hand-off between two processes is several times faster on this 2-core machine when both share a CPU, so
#   every hand-off benchmark — round trips, wake-ups, contended locks, the queue, the manager's proxies — runs
#   with both sides pinned alike: `taskset -c 0` for the JMH benchmark JVM (through bench/pinned-java) and for
#   the CPython run; children inherit the affinity. JMH's host JVM is harness, not a side of any hand-off: it
#   runs on CPU 1, where its result handling and JIT work cannot take turns with the measured processes. Some
#   are run unpinned as well, for information.
# - Start-up benchmarks and the map benchmarks run unpinned: they use both cores.
# - Before each phase the script waits for the machine to be idle (≤ 15 % busy for 3 s; at most 60 s per phase
#   and 150 s in all, so that a busy machine cannot stretch the run much), and says when it was not. Meanwhile a
#   monitor records, every second, how much CPU the rest of the machine used (bench/target/compare/load.jsonl):
#   the table ends with that load, per phase.
#
# Environment: JAVA (default: java on PATH), PYTHON (default: python3), OUT (default: bench/target/compare),
# WAIT_PHASE (60), WAIT_TOTAL (150): the quiet-machine waits, in seconds.
# Builds bench/target/benchmarks.jar first if it is missing (mvn -pl bench -am package -DskipTests).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

quick=false
for arg in "$@"; do
  case "$arg" in
    --quick) quick=true ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
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
OUT=$(cd "$OUT" && pwd)

if $quick; then
  jmh_opts=(-f 1 -wi 1 -i 2 -w 1s -r 1s)
  py_opts=(--quick)
  probe_opts=(runs=5 warmup=1)
  wait_phase=5; wait_total=30
else
  jmh_opts=()          # the per-benchmark annotations: 1 fork, a few warm-up and measured iterations
  py_opts=()
  probe_opts=(runs=15 warmup=3)
  wait_phase=${WAIT_PHASE:-60}; wait_total=${WAIT_TOTAL:-150}
fi

# the load monitor: CPU used by this run and by everything else, every second, tagged with the phase
echo "setup" > "$OUT/phase"
"$PYTHON" bench/compare.py monitor --root $$ --out "$OUT/load.jsonl" --phase-file "$OUT/phase" &
monitor_pid=$!
trap 'kill "$monitor_pid" 2>/dev/null || true' EXIT

waited_total=0
quiet() {   # quiet PHASE: wait for an idle machine (within the budget), record whether it was
  local result budget timeout
  budget=$((wait_total - waited_total))
  timeout=$(( budget < wait_phase ? budget : wait_phase ))
  [ "$timeout" -lt 5 ] && timeout=5
  echo "wait:$1" > "$OUT/phase"
  result=$("$PYTHON" bench/compare.py wait-quiet --timeout "$timeout")
  waited_total=$(( waited_total + $(printf '%s' "$result" | sed 's/.*"waited_s": \([0-9]*\).*/\1/') ))
  echo "${result%\}}, \"phase\": \"$1\"}" >> "$OUT/quiet.jsonl"
  case "$result" in *'"quiet": false'*) echo "   (machine busy before $1: $result)";; esac
  echo "$1" > "$OUT/phase"
}

jmh() {     # jmh OUTFILE COMMAND...: a JMH run, JSON results into OUTFILE, its log beside it
  local out=$1; shift
  "$@" -rf json -rff "$out" > "${out%.json}.log" 2>&1 || { tail -30 "${out%.json}.log" >&2; exit 1; }
}

started=$(date)
echo "== $started ($(date -u '+%Y-%m-%d %H:%M:%S UTC')), $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1), $("$PYTHON" --version)"
echo "== output in $OUT"
echo "== hand-offs (round trips, wake-ups, contended locks, queue, manager proxies) run with both sides pinned"
echo "   alike: 'taskset -c 0' for JMH's benchmark JVM and for CPython; children inherit the affinity"

echo "== JMH, unpinned: PoolBench (startup, map*, applyRoundTrip), ProcessBench.startJoin, ManagerBench.startup"
quiet jmh-unpinned
jmh "$OUT/jmh-unpinned.json" "$JAVA" -jar "$JAR" \
  'PoolBench\.(startup|mapTiny|mapChunk1|imapUnordered|applyRoundTrip)$|ProcessBench\.startJoin$|ManagerBench\.startup$' \
  "${jmh_opts[@]}"

echo "== JMH, pinned (taskset -c 0): PoolBench (applyRoundTrip, mapChunk1), SyncBench, QueueBench, ManagerBench"
echo "   (the benchmark JVM and its children on CPU 0 through bench/pinned-java; JMH's host JVM on CPU 1)"
quiet jmh-pinned
export PINNED_JAVA; PINNED_JAVA=$(command -v "$JAVA")
host_cpu=(); [ "$(nproc)" -ge 2 ] && host_cpu=(taskset -c 1)   # with one CPU there is nowhere else to put it
jmh "$OUT/jmh-pinned.json" "${host_cpu[@]}" "$JAVA" -jar "$JAR" \
  'PoolBench\.(applyRoundTrip|mapChunk1)$|SyncBench\.|QueueBench\.throughput$|ManagerBench\.(lockRoundTrip|semaphoreContended4Workers|conditionNotifyAll)$' \
  -jvm "$here/pinned-java" -jvmArgsAppend "-Dbench.aux=$OUT/aux-pinned" "${jmh_opts[@]}"

echo "== JMH, unpinned, for information: SyncBench (contended, value lock, wake-up), QueueBench"
quiet jmh-unpinned-info
jmh "$OUT/jmh-unpinned-info.json" "$JAVA" -jar "$JAR" \
  'SyncBench\.(lockContended2Proc|valueLockedIncrement2Proc|wakeupLatency)$|QueueBench\.throughput$' \
  -jvmArgsAppend "-Dbench.aux=$OUT/aux-unpinned" "${jmh_opts[@]}"

echo "== Java start-up phases (StartupProbe, Pool(4)), unpinned"
quiet probe
"$JAVA" -cp "$JAR" org.mpdemo.bench.StartupProbe workers=4 "${probe_opts[@]}" > "$OUT/probe.json"

echo "== CPython, unpinned: pool_bench (all), sync_bench (start-spawn, start-fork; hand-offs for information),"
echo "   manager_bench startup"
quiet py-unpinned
"$PYTHON" bench/python/pool_bench.py startup-spawn startup-fork map-tiny map-chunk1 imap-unordered apply \
  "${py_opts[@]}" > "$OUT/py-unpinned.jsonl"
"$PYTHON" bench/python/sync_bench.py start-spawn start-fork contended value-locked wakeup queue \
  "${py_opts[@]}" >> "$OUT/py-unpinned.jsonl"
"$PYTHON" bench/python/manager_bench.py startup > "$OUT/py-manager-startup.json"

echo "== CPython, pinned (taskset -c 0): pool_bench (apply, map-chunk1), sync_bench (lock, contended,"
echo "   value-locked, wakeup, queue), manager_bench (lock, semaphore, condition)"
quiet py-pinned
taskset -c 0 "$PYTHON" bench/python/pool_bench.py apply map-chunk1 "${py_opts[@]}" > "$OUT/py-pinned.jsonl"
taskset -c 0 "$PYTHON" bench/python/sync_bench.py lock contended value-locked wakeup queue "${py_opts[@]}" \
  >> "$OUT/py-pinned.jsonl"
for part in lock semaphore condition; do
  taskset -c 0 "$PYTHON" bench/python/manager_bench.py "$part" > "$OUT/py-manager-$part.json"
done

echo "done" > "$OUT/phase"
sleep 1.2   # one last monitor sample
echo
echo "== started $started, ended $(date)"
echo "Hand-offs (rows marked pinned, and the Manager's proxy rows) ran with both sides under 'taskset -c 0'"
echo "(children inherit the affinity); start-up and the map benchmarks ran unpinned on all $(nproc) CPUs."
echo
"$PYTHON" bench/compare.py table "$OUT"
