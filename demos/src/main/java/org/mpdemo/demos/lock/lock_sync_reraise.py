# The Python twin of LockSyncReraise.java: the synchronous call re-raises the error.
from multiprocessing import Lock, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, lock):
    with lock:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    lock = Lock()
    with Pool(workers(4)) as pool:
        items = [(i, lock) for i in range(tasks(10))]
        pool.starmap(task, items)
