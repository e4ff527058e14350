# The Python twin of ConditionSilentFailure.java: a Condition handed to pool tasks as an argument.
from multiprocessing import Condition, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, condition):
    # would wait to be notified, then work for a random moment while holding the condition
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
        # give the tasks a moment to start waiting
        sleep(1)
        with condition:
            print("Tasks begin.", flush=True)
            condition.notify_all()
        result.wait()
        print("Tasks done.", flush=True)
