# The Python twin of PoolWorkerCrash.java: a task ends its own worker process in the middle of a map.
# CPython's pool replaces the worker but never tells map: this program hangs (Ctrl-C ends it).
import os
from multiprocessing import Pool

from tutorial import tasks, use_start_method, workers


def task(identifier):
    # squares its argument; task 3 ends its own process instead
    if identifier == 3:
        print("Task 3 ends its worker process.", flush=True)
        os._exit(1)
    return identifier * identifier


def square(x):
    return x * x


if __name__ == "__main__":
    use_start_method()
    with Pool(workers(2)) as pool:
        items = list(range(tasks(8)))
        print(pool.map(task, items))
        print("The pool still serves:", pool.map(square, items))
