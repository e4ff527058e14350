"""CPython counterparts of bench/src/main/java/org/mpdemo/bench/PoolBench.java.

Measures multiprocessing.Pool the way PoolBench measures org.mpdemo.multiprocessing.Pool and prints one JSON
object per benchmark on stdout (one per line), each with the median over repeated runs:

  startup-spawn  Pool(4) with the 'spawn' context, first apply of a trivial task, terminate()   ms per op
  startup-fork   the same with the default context ('fork' on Linux)                           ms per op
  apply          one apply() of a trivial function on a warm Pool(2)                           us per op
  map-tiny       map(square, 200 000 items), default chunksize, warm Pool(2)                   ms per op
  map-chunk1     map(square, 20 000 items, chunksize=1), warm Pool(2)                          ms per op
  imap-unordered imap_unordered(square, 100 000 items, chunksize=64), all consumed, Pool(2)    ms per op

Usage: python3 pool_bench.py [BENCHMARK ...] [--quick]
With no benchmark named, runs them all. Timings use time.perf_counter(); warm-up rounds are discarded.
The warm-pool benchmarks use the default start method (fork), as a CPython user on Linux gets it.

This module is imported again by every 'spawn' child (as __mp_main__), so it imports nothing heavy at the top:
a spawn child pays for what its parent's main module imports, and we do not want to inflate CPython's figure.
"""
import multiprocessing
import sys
import time

MAP_TINY_ITEMS = 200_000
MAP_CHUNK1_ITEMS = 20_000
IMAP_ITEMS = 100_000
IMAP_CHUNKSIZE = 64


def square(x):
    return x * x


def _startup(method, runs, warmup):
    """Pool(4) -> first apply -> terminate, each phase timed; the parent interpreter stays warm."""
    ctx = multiprocessing.get_context(method)
    total, first, term = [], [], []
    for i in range(warmup + runs):
        t0 = time.perf_counter()
        pool = ctx.Pool(4)
        try:
            pool.apply(square, (7,))
            t1 = time.perf_counter()
        finally:
            pool.terminate()
        t2 = time.perf_counter()
        if i >= warmup:
            total.append((t2 - t0) * 1e3)
            first.append((t1 - t0) * 1e3)
            term.append((t2 - t1) * 1e3)
    return {"unit": "ms/op", "samples": total,
            "extra": {"start_to_first_result_ms": first, "terminate_ms": term}}


def _timed_rounds(op, rounds, warmup, min_time, scale):
    """Runs op() repeatedly for >= min_time seconds per round; returns per-op times (scale: 1e3 ms, 1e6 us)."""
    samples = []
    for i in range(warmup + rounds):
        n = 0
        t0 = time.perf_counter()
        while True:
            op()
            n += 1
            elapsed = time.perf_counter() - t0
            if elapsed >= min_time:
                break
        if i >= warmup:
            samples.append(elapsed / n * scale)
    return samples


def _warm_pool():
    pool = multiprocessing.Pool(2)
    pool.map(square, range(1_000), 1)  # both workers up and past their first task
    return pool


def _apply(rounds, warmup, min_time):
    with _warm_pool() as pool:
        return {"unit": "us/op", "samples": _timed_rounds(lambda: pool.apply(square, (7,)), rounds, warmup,
                                                          min_time, 1e6)}


def _map(items, chunksize, rounds, warmup, min_time):
    data = list(range(items))
    with _warm_pool() as pool:
        if chunksize is None:
            op = lambda: pool.map(square, data)
        else:
            op = lambda: pool.map(square, data, chunksize)
        return {"unit": "ms/op", "items": items, "samples": _timed_rounds(op, rounds, warmup, min_time, 1e3)}


def _imap_unordered(rounds, warmup, min_time):
    data = list(range(IMAP_ITEMS))
    with _warm_pool() as pool:
        def op():
            count = 0
            for _ in pool.imap_unordered(square, data, IMAP_CHUNKSIZE):
                count += 1
            if count != IMAP_ITEMS:
                raise AssertionError(f"imap_unordered yielded {count} results")
        return {"unit": "ms/op", "items": IMAP_ITEMS, "samples": _timed_rounds(op, rounds, warmup, min_time, 1e3)}


def main(argv):
    import json
    import os
    import platform
    import statistics

    quick = "--quick" in argv
    names = [a for a in argv if not a.startswith("--")]
    # (rounds, warm-up rounds, seconds per round); --quick is for smoke tests only
    r, w, t = (3, 1, 0.3) if quick else (5, 2, 1.0)
    benchmarks = {
        "startup-spawn": lambda: _startup("spawn", 3 if quick else 15, 1 if quick else 3),
        "startup-fork": lambda: _startup("fork", 3 if quick else 15, 1 if quick else 3),
        "apply": lambda: _apply(r, w, t),
        "map-tiny": lambda: _map(MAP_TINY_ITEMS, None, r, w, max(t, 1.0)),
        "map-chunk1": lambda: _map(MAP_CHUNK1_ITEMS, 1, r, w, max(t, 1.0)),
        "imap-unordered": lambda: _imap_unordered(r, w, max(t, 1.0)),
    }
    unknown = [n for n in names if n not in benchmarks]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(benchmarks)}", file=sys.stderr)
        return 2
    for name in names or list(benchmarks):
        result = benchmarks[name]()
        result = {"benchmark": name, "median": statistics.median(result["samples"]), **result}
        if "extra" in result:
            result["extra"] = {k: statistics.median(v) for k, v in result["extra"].items()}
        result["python"] = platform.python_version()
        result["affinity"] = sorted(os.sched_getaffinity(0))
        print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
