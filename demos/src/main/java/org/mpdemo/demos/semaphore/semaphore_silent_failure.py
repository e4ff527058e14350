# The Python twin of SemaphoreSilentFailure.java: a Semaphore handed to pool tasks as an argument.
from multiprocessing import Pool, Semaphore

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, semaphore):
    # would enter the semaphore, work for a random moment and report
    with semaphore:
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    # a semaphore that lets two tasks in at a time
    semaphore = Semaphore(2)
    with Pool(workers(4)) as pool:
        items = [(i, semaphore) for i in range(tasks(10))]
        result = pool.starmap_async(task, items)
        # wait() only waits; it does not re-raise the stored error
        result.wait()
