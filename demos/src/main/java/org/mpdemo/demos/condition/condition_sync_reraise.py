# The Python twin of ConditionSyncReraise.java: get() re-raises the error.
from multiprocessing import Condition, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, condition):
    with condition:
        print(f"Task {identifier} waiting...", flush=True)
        condition.wait()
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    condition = Condition()
    with Pool(workers(4)) as pool:
        items = [(i, condition) for i in range(tasks(4))]
        result = pool.starmap_async(task, items)
        sleep(1)
        with condition:
            print("Tasks begin.", flush=True)
            condition.notify_all()
        for item in result.get():
            assert item is None
        print("Tasks done.", flush=True)
