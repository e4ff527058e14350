# The Python twin of LockManagerFix.java: the lock lives in a manager, and its proxy travels anywhere.
from multiprocessing import Manager, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, lock):
    with lock:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    # create the manager: a process that will hold the shared lock
    with Manager() as manager:
        lock = manager.Lock()
        with Pool(workers(4)) as pool:
            # each task's arguments hold a proxy for the lock
            items = [(i, lock) for i in range(tasks(10))]
            result = pool.starmap_async(task, items)
            result.wait()
