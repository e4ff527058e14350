# The Python twin of LockErrorCallback.java: the same mistake, with an error callback to show it.
from multiprocessing import Lock, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def custom_error_callback(error):
    # runs in the main process
    print(error, flush=True)


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
        result = pool.starmap_async(task, items, error_callback=custom_error_callback)
        result.wait()
