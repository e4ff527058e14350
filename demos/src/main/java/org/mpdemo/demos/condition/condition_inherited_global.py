# The Python twin of ConditionInheritedGlobal.java: the condition is a global that forked workers inherit.
from multiprocessing import Condition, Pool

from tutorial import pause_before_notify, random, sleep, tasks, use_start_method, workers


def task(identifier):
    with condition:
        print(f"Task {identifier} waiting...", flush=True)
        condition.wait()
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method("fork")
    # the global every worker inherits
    condition = Condition()
    with Pool(workers(4)) as pool:
        n = tasks(4)
        result = pool.map_async(task, range(n))
        pause_before_notify(1, condition, min(n, workers(4)))
        with condition:
            print("Tasks begin.", flush=True)
            condition.notify_all()
        result.wait()
        print("Tasks done.", flush=True)
