# The Python twin of SemaphoreManagerFix.java: the semaphore lives in a manager, and its proxy travels.
from multiprocessing import Manager, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, semaphore):
    with semaphore:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    # create the manager: a process that will hold the shared semaphore
    with Manager() as manager:
        # a semaphore that lets two tasks in at a time, living in the manager
        semaphore = manager.Semaphore(2)
        with Pool(workers(4)) as pool:
            # each task's arguments hold a proxy
            items = [(i, semaphore) for i in range(tasks(10))]
            result = pool.starmap_async(task, items)
            result.wait()
