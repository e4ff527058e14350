# The Python twin of ManagerValueRace.java: a manager's Value does not make value = value + 1 atomic.
from multiprocessing import Manager, Pool
from threading import BrokenBarrierError

from tutorial import ops, tasks, use_start_method, workers

INCREMENTS = ops(1000)


def increment(counter, start):
    # read, add one, write back: two calls to the manager
    start_together(start)
    for _ in range(INCREMENTS):
        counter.set(counter.get() + 1)


def increment_locked(counter, lock, start):
    # the same, holding a manager lock around the read and the write
    start_together(start)
    for _ in range(INCREMENTS):
        with lock:
            counter.set(counter.get() + 1)


def start_together(start):
    try:
        start.wait(10)
    except BrokenBarrierError:
        pass  # not all tasks could start at once: count anyway


if __name__ == "__main__":
    use_start_method()
    n_workers = workers(4)
    n_tasks = tasks(4)
    with Manager() as manager, Pool(n_workers) as pool:
        for locked in (False, True):
            counter = manager.Value('i', 0)
            start = manager.Barrier(min(n_tasks, n_workers))
            if locked:
                # a manager's Value proxy has no get_lock(): the lock is a manager Lock of its own
                lock = manager.Lock()
                pool.starmap(increment_locked, [(counter, lock, start)] * n_tasks)
            else:
                pool.starmap(increment, [(counter, start)] * n_tasks)
            print(f"Expected {n_tasks * INCREMENTS}, got {counter.get()}", flush=True)
