# The Python twin of ConditionInitializerFix.java: each worker receives the condition as it starts.
from multiprocessing import Condition, Pool

from tutorial import pause_before_notify, random, sleep, tasks, use_start_method, workers


def init(shared):
    global condition
    condition = shared


def task(identifier):
    with condition:
        print(f"Task {identifier} waiting...", flush=True)
        condition.wait()
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    shared = Condition()
    with Pool(workers(4), initializer=init, initargs=(shared,)) as pool:
        n = tasks(4)
        result = pool.map_async(task, range(n))
        pause_before_notify(1, shared, min(n, workers(4)))
        with shared:
            print("Tasks begin.", flush=True)
            shared.notify_all()
        result.wait()
        print("Tasks done.", flush=True)
