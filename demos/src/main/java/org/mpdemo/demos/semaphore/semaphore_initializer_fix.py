# The Python twin of SemaphoreInitializerFix.java: each worker receives the semaphore as it starts.
from multiprocessing import Pool, Semaphore

from tutorial import random, sleep, tasks, use_start_method, workers


def init(shared):
    # runs once in each worker as it starts
    global semaphore
    semaphore = shared


def task(identifier):
    with semaphore:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    shared = Semaphore(2)
    with Pool(workers(4), initializer=init, initargs=(shared,)) as pool:
        result = pool.map_async(task, range(tasks(10)))
        result.wait()
