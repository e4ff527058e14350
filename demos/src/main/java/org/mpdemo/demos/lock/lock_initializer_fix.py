# The Python twin of LockInitializerFix.java: each worker receives the lock as it starts.
from multiprocessing import Lock, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def init(shared):
    # runs once in each worker as it starts
    global lock
    lock = shared


def task(identifier):
    with lock:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    shared = Lock()
    with Pool(workers(4), initializer=init, initargs=(shared,)) as pool:
        result = pool.map_async(task, range(tasks(10)))
        result.wait()
