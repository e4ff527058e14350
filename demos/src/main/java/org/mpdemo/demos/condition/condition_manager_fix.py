# The Python twin of ConditionManagerFix.java: the condition lives in a manager, and its proxy travels.
from multiprocessing import Manager, Pool

from tutorial import random, sleep, tasks, use_start_method, workers


def task(identifier, condition, arrived):
    with condition:
        arrived.value += 1  # under the condition's lock: the main process sees every task that waits
        print(f"Task {identifier} waiting...", flush=True)
        condition.wait()
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    with Manager() as manager:
        condition = manager.Condition()
        # a manager's condition cannot say who waits (the Java kit's proxy can): the tasks count themselves
        arrived = manager.Value("i", 0)
        n = tasks(4)
        with Pool(workers(4)) as pool:
            items = [(i, condition, arrived) for i in range(n)]
            result = pool.starmap_async(task, items)
            # wait a moment, as the tutorial does, and at least until every task can hear the notification
            sleep(1)
            with condition:
                condition.wait_for(lambda: arrived.value >= min(n, workers(4)), timeout=30)
                print("Tasks begin.", flush=True)
                condition.notify_all()
            result.wait()
            print("Tasks done.", flush=True)
