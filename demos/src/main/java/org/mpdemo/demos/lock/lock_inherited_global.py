# The Python twin of LockInheritedGlobal.java: the lock is a global that forked workers inherit.
from multiprocessing import Lock, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier):
    with lock:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method("fork")
    # the global every worker inherits; assigned before the pool starts
    lock = Lock()
    with Pool(workers(4)) as pool:
        result = pool.map_async(task, range(tasks(10)))
        result.wait()
