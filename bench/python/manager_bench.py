#!/usr/bin/env python3
"""CPython 3.11 counterparts of bench/src/main/java/org/mpdemo/bench/ManagerBench.java.

Measures a multiprocessing manager's start-up (spawn context, as a JVM child is always a fresh process), a Lock
round trip (acquire + release) from a pool worker, a Semaphore(2) contended by four workers (5 000 acquire +
release each), and the wake-up of four workers waiting on a Condition after notify_all (until the last waiter is
awake, and, as ManagerBench times it, until the four results are back in the parent; both clocks start with the
condition's lock held and the four waiting, and include notify_all and the release). Prints JSON with the
median of each. Run it pinned to one CPU for the round-trip figure, as the Java side:

    taskset -c 0 python3 bench/python/manager_bench.py lock
    python3 bench/python/manager_bench.py            # everything
"""
import json
import multiprocessing as mp
import statistics
import sys
import time

LOCK_LOOP = 10_000
SEMAPHORE_LOOP = 5_000
WORKERS = 4


def lock_loop(lock, n):
    start = time.perf_counter_ns()
    for _ in range(n):
        lock.acquire()
        lock.release()
    return time.perf_counter_ns() - start


def semaphore_loop(semaphore, n):
    for _ in range(n):
        semaphore.acquire()
        semaphore.release()
    return n


def wait_for_notify(condition, waiting):
    with condition:
        waiting.value += 1  # under the condition's lock: seen as 4 only when all 4 are inside wait()
        condition.wait()
    return time.monotonic_ns()


def startup(runs=20):
    ctx = mp.get_context('spawn')
    times = []
    for _ in range(runs + 3):
        start = time.perf_counter()
        manager = ctx.Manager()
        lock = manager.Lock()
        lock.acquire()
        lock.release()
        manager.shutdown()
        times.append((time.perf_counter() - start) * 1e3)
    return {'startup_ms': statistics.median(times[3:]), 'runs': runs}


def lock_round_trip(manager, pool, runs=5):
    lock = manager.Lock()
    pool.apply(lock_loop, (lock, 100))  # the worker connects before measuring
    per_op = [pool.apply(lock_loop, (lock, LOCK_LOOP)) / LOCK_LOOP / 1e3 for _ in range(runs)]
    return {'lock_round_trip_us': statistics.median(per_op), 'runs': runs}


def semaphore_contended(manager, pool, runs=5):
    semaphore = manager.Semaphore(2)
    pool.starmap(semaphore_loop, [(semaphore, 10)] * WORKERS)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        pool.starmap(semaphore_loop, [(semaphore, SEMAPHORE_LOOP)] * WORKERS)
        rates.append(WORKERS * SEMAPHORE_LOOP / (time.perf_counter() - start))
    return {'semaphore_contended_ops_per_s': statistics.median(rates), 'runs': runs}


def notify_all(manager, pool, runs=50):
    condition = manager.Condition()
    waiting = manager.Value('i', 0)
    wakeups, until_results = [], []
    for _ in range(runs + 5):
        waiting.value = 0
        result = pool.starmap_async(wait_for_notify, [(condition, waiting)] * WORKERS)
        while True:
            with condition:
                if waiting.value == WORKERS:
                    start = time.monotonic_ns()
                    condition.notify_all()
                    break
            time.sleep(0.001)
        woken = result.get()
        done = time.monotonic_ns()
        wakeups.append((max(woken) - start) / 1e3)
        until_results.append((done - start) / 1e3)
    # the second figure is timed as ManagerBench.conditionNotifyAll is: until the four results are back
    return {'notify_all_wakeup_us': statistics.median(wakeups[5:]),
            'notify_all_until_results_us': statistics.median(until_results[5:]), 'runs': runs}


def main(which):
    results = {'python': sys.version.split()[0]}
    if which in ('all', 'startup'):
        results.update(startup())
    if which != 'startup':
        with mp.Manager() as manager, mp.Pool(WORKERS) as pool:
            if which in ('all', 'lock'):
                results.update(lock_round_trip(manager, pool))
            if which in ('all', 'semaphore'):
                results.update(semaphore_contended(manager, pool))
            if which in ('all', 'condition'):
                results.update(notify_all(manager, pool))
    print(json.dumps(results, indent=2))


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'all')
