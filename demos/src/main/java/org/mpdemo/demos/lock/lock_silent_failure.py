# The Python twin of LockSilentFailure.java: a Lock handed to pool tasks as an argument.
from multiprocessing import Lock, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, lock):
    # would take the lock, work for a random moment and report
    with lock:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    # a lock that lets one task in at a time
    lock = Lock()
    with Pool(workers(4)) as pool:
        items = [(i, lock) for i in range(tasks(10))]
        result = pool.starmap_async(task, items)
        # wait() only waits; it does not re-raise the stored error
        result.wait()
