# The Python twin of SemaphoreSyncReraise.java: the synchronous call re-raises the error.
from multiprocessing import Pool, Semaphore

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, semaphore):
    with semaphore:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    semaphore = Semaphore(2)
    with Pool(workers(4)) as pool:
        items = [(i, semaphore) for i in range(tasks(10))]
        pool.starmap(task, items)
