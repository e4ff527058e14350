"""CPython counterparts of SyncBench, QueueBench and ProcessBench (bench/src/main/java/org/mpdemo/bench).

Measures CPython's multiprocessing primitives the way the JMH benchmarks measure org.mpdemo.multiprocessing and
prints one JSON object per benchmark on stdout (one per line), each with the median over repeated runs:

  lock             Lock().acquire() + release() in one process (unrolled x10)               ns per pair
  contended        2 processes x 200 000 'with lock: v.value += 1' on Value('i', lock=False)  ops/s
  value-locked     2 processes x 100 000 'with v.get_lock(): v.value += 1' (synchronized)     ops/s
  wakeup           ping-pong over two Semaphores with a child; half the round trip            us (median, p90, p99)
                   + the CPU the child uses while blocked for 2 s (/proc/PID/stat, schedstat)  % of one core
  queue            one producer process puts 200 000 ints into a Queue, the parent gets them  items/s
  start-spawn      Process(target=nothing).start(); join() with the 'spawn' context          ms per op
  start-fork       the same with 'fork' (the default on Linux)                                ms per op

Usage: python3 sync_bench.py [BENCHMARK ...] [--quick]     (no benchmark named: all of them)

The two-process benchmarks are timed as the Java ones: the children are started (default context, fork) and
parked on a Barrier with the parent as third party; the time runs from the parent's barrier.wait() to the
parent's second acquire of a 'done' semaphore that each child releases after its loop. The children also
record their loop's start and end (time.monotonic_ns(), CLOCK_MONOTONIC, as Java's System.nanoTime()), reported
in "extra". bench/run-compare.sh runs the hand-off benchmarks (contended, value-locked, wakeup, queue) under
`taskset -c 0`, as the Java side; children inherit the affinity.

This module is imported again by every 'spawn' child (as __mp_main__), so it imports nothing heavy at the top.
"""
import multiprocessing
import os
import sys
import time

CONTENDED_INCREMENTS = 200_000
LOCKED_VALUE_INCREMENTS = 100_000
QUEUE_ITEMS = 200_000
CHILDREN = 2
IDLE_WINDOW_S = 2.0


# ---- children ------------------------------------------------------------------------------------------------

def _contended_child(lock, value, barrier, done, times, index, n):
    barrier.wait()
    t0 = time.monotonic_ns()
    for _ in range(n):
        with lock:
            value.value += 1
    t1 = time.monotonic_ns()
    times[2 * index] = t0
    times[2 * index + 1] = t1
    done.release()


def _locked_value_child(lock, value, barrier, done, times, index, n):
    # lock is unused: the synchronized Value's own lock guards it
    barrier.wait()
    t0 = time.monotonic_ns()
    for _ in range(n):
        with value.get_lock():
            value.value += 1
    t1 = time.monotonic_ns()
    times[2 * index] = t0
    times[2 * index + 1] = t1
    done.release()


def _ponger(ping, pong, stop):
    while True:
        ping.acquire()
        if stop.value:
            return
        pong.release()


def _producer(queue, barrier, n):
    barrier.wait()
    for i in range(n):
        queue.put(i)


def _nothing():
    pass


# ---- helpers ---------------------------------------------------------------------------------------------------

def _stat_ticks(pid):
    """utime + stime of a process (all threads) in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _sched_ns(pid):
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except OSError:
            pass
    return total


def _settle(pids, timeout=10.0):
    """Waits until the processes use < 1 ms of CPU between them over 50 ms (as the Java side does)."""
    deadline = time.monotonic() + timeout
    before = sum(_sched_ns(p) for p in pids)
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = sum(_sched_ns(p) for p in pids)
        if now - before < 1_000_000:
            return
        before = now


def _wait_parked(barrier, parties, timeout=60.0):
    deadline = time.monotonic() + timeout
    while barrier.n_waiting < parties:
        if time.monotonic() > deadline:
            raise RuntimeError("children did not reach the barrier")
        time.sleep(0.001)


def _percentile(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * (len(sorted_values) - 1)))))
    return sorted_values[k]


# ---- benchmarks --------------------------------------------------------------------------------------------------

def _lock(rounds, warmup, min_time):
    lock = multiprocessing.Lock()
    acquire, release = lock.acquire, lock.release
    samples = []
    for i in range(warmup + rounds):
        n = 0
        t0 = time.perf_counter()
        while True:
            for _ in range(1000):
                acquire(); release(); acquire(); release(); acquire(); release(); acquire(); release()
                acquire(); release(); acquire(); release(); acquire(); release(); acquire(); release()
                acquire(); release(); acquire(); release()
            n += 10_000
            elapsed = time.perf_counter() - t0
            if elapsed >= min_time:
                break
        if i >= warmup:
            samples.append(elapsed / n * 1e9)
    return {"unit": "ns/op", "samples": samples}


def _two_children(child, n, rounds, warmup):
    ctx = multiprocessing.get_context()  # the default: fork on Linux
    lock = ctx.Lock()
    raw = ctx.Value('i', 0, lock=False)
    locked = ctx.Value('i', 0)
    value = raw if child is _contended_child else locked
    barrier = ctx.Barrier(CHILDREN + 1)
    done = ctx.Semaphore(0)
    times = ctx.RawArray('q', 2 * CHILDREN)
    rates, children_rates, parent_ms, children_ms = [], [], [], []
    for r in range(warmup + rounds):
        value.value = 0
        procs = [ctx.Process(target=child, args=(lock, value, barrier, done, times, i, n)) for i in range(CHILDREN)]
        for p in procs:
            p.start()
        _wait_parked(barrier, CHILDREN)
        _settle([p.pid for p in procs])
        t0 = time.monotonic_ns()
        barrier.wait()
        for _ in range(CHILDREN):
            done.acquire()
        t1 = time.monotonic_ns()
        for p in procs:
            p.join()
            if p.exitcode != 0:
                raise RuntimeError(f"{p} failed")
        if value.value != CHILDREN * n:
            raise RuntimeError(f"count {value.value}, expected {CHILDREN * n}")
        first = min(times[2 * i] for i in range(CHILDREN))
        last = max(times[2 * i + 1] for i in range(CHILDREN))
        if r >= warmup:
            rates.append(CHILDREN * n / ((t1 - t0) / 1e9))
            children_rates.append(CHILDREN * n / ((last - first) / 1e9))
            parent_ms.append((t1 - t0) / 1e6)
            children_ms.append((last - first) / 1e6)
    return {"unit": "ops/s", "ops": CHILDREN * n, "samples": rates,
            "extra": {"children_ops_per_s": children_rates, "parent_ms": parent_ms, "children_loop_ms": children_ms}}


def _wakeup(samples_wanted, warmup):
    ctx = multiprocessing.get_context()
    ping, pong = ctx.Semaphore(0), ctx.Semaphore(0)
    stop = ctx.Value('i', 0, lock=False)
    child = ctx.Process(target=_ponger, args=(ping, pong, stop))
    child.start()
    clock = time.perf_counter_ns
    release, acquire = ping.release, pong.acquire
    for _ in range(warmup):
        release()
        acquire()
    rtt = []
    append = rtt.append
    for _ in range(samples_wanted):
        t0 = clock()
        release()
        acquire()
        append(clock() - t0)
    # the same child, blocked in ping.acquire(): its CPU over IDLE_WINDOW_S seconds
    time.sleep(0.2)
    ticks0, sched0, w0 = _stat_ticks(child.pid), _sched_ns(child.pid), time.monotonic()
    time.sleep(IDLE_WINDOW_S)
    ticks1, sched1, w1 = _stat_ticks(child.pid), _sched_ns(child.pid), time.monotonic()
    stop.value = 1
    ping.release()
    child.join()
    one_way = sorted(v / 2 / 1e3 for v in rtt)  # us
    clk_tck = os.sysconf("SC_CLK_TCK")
    return {"unit": "us", "samples": one_way, "summary_only": True,
            "extra": {"p90_us": _percentile(one_way, 90), "p99_us": _percentile(one_way, 99),
                      "p999_us": _percentile(one_way, 99.9), "round_trip_median_us": 2 * _percentile(one_way, 50),
                      "idle_window_s": w1 - w0, "idle_stat_ticks": ticks1 - ticks0,
                      "idle_cpu_pct_stat": 100.0 * (ticks1 - ticks0) / clk_tck / (w1 - w0),
                      "idle_cpu_pct_schedstat": 100.0 * (sched1 - sched0) / 1e9 / (w1 - w0)}}


def _queue(rounds, warmup):
    ctx = multiprocessing.get_context()
    queue = ctx.Queue()
    barrier = ctx.Barrier(2)
    rates = []
    expected = QUEUE_ITEMS * (QUEUE_ITEMS - 1) // 2
    for r in range(warmup + rounds):
        p = ctx.Process(target=_producer, args=(queue, barrier, QUEUE_ITEMS))
        p.start()
        _wait_parked(barrier, 1)
        _settle([p.pid])
        get = queue.get
        t0 = time.monotonic_ns()
        barrier.wait()
        total = 0
        for _ in range(QUEUE_ITEMS):
            total += get()
        t1 = time.monotonic_ns()
        p.join()
        if total != expected:
            raise RuntimeError(f"sum {total}, expected {expected}")
        if r >= warmup:
            rates.append(QUEUE_ITEMS / ((t1 - t0) / 1e9))
    return {"unit": "items/s", "items": QUEUE_ITEMS, "samples": rates}


def _start_join(method, runs, warmup):
    ctx = multiprocessing.get_context(method)
    samples = []
    for i in range(warmup + runs):
        t0 = time.perf_counter()
        p = ctx.Process(target=_nothing)
        p.start()
        p.join()
        elapsed = (time.perf_counter() - t0) * 1e3
        if p.exitcode != 0:
            raise RuntimeError(f"{p} failed")
        if i >= warmup:
            samples.append(elapsed)
    return {"unit": "ms/op", "samples": samples}


def main(argv):
    import json
    import platform
    import statistics

    quick = "--quick" in argv
    names = [a for a in argv if not a.startswith("--")]
    r, w = (2, 1) if quick else (7, 2)
    benchmarks = {
        "lock": lambda: _lock(3 if quick else 5, 1 if quick else 2, 0.3 if quick else 1.0),
        "contended": lambda: _two_children(_contended_child, CONTENDED_INCREMENTS, r, w),
        "value-locked": lambda: _two_children(_locked_value_child, LOCKED_VALUE_INCREMENTS, r, w),
        "wakeup": lambda: _wakeup(5_000 if quick else 40_000, 1_000 if quick else 5_000),
        "queue": lambda: _queue(r, w),
        "start-spawn": lambda: _start_join("spawn", 5 if quick else 25, 1 if quick else 5),
        "start-fork": lambda: _start_join("fork", 5 if quick else 25, 1 if quick else 5),
    }
    unknown = [n for n in names if n not in benchmarks]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(benchmarks)}", file=sys.stderr)
        return 2
    for name in names or list(benchmarks):
        result = benchmarks[name]()
        result = {"benchmark": name, "median": statistics.median(result["samples"]), **result}
        if result.pop("summary_only", False):
            result["count"] = len(result["samples"])
            del result["samples"]
        if "extra" in result:
            result["extra"] = {k: (statistics.median(v) if isinstance(v, list) else v)
                               for k, v in result["extra"].items()}
        result["python"] = platform.python_version()
        result["affinity"] = sorted(os.sched_getaffinity(0))
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
