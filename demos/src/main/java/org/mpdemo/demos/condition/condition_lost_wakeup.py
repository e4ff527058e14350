# The Python twin of ConditionLostWakeup.java: a notification sent before anyone waits is lost; an Event is not.
from multiprocessing import Condition, Event, Pool

from tutorial import random, sleep, tasks, time_scale, use_start_method, wait_until, waiting, workers


def task(identifier):
    # the tutorial's task: wait on the condition, then work while holding it
    with condition:
        print(f"Task {identifier} waiting...", flush=True)
        condition.wait()
        value = random(identifier)
        sleep(value)
        print(f"Task {identifier} completed with {value}", flush=True)


def fixed_task(identifier):
    # the fix: wait for an Event, which stays set
    print(f"Task {identifier} waiting...", flush=True)
    go.wait()
    value = random(identifier)
    sleep(value)
    print(f"Task {identifier} completed with {value}", flush=True)


if __name__ == "__main__":
    use_start_method("fork")
    condition = Condition()
    go = Event()
    n = min(tasks(4), workers(4))
    with Pool(workers(4)) as pool:
        # no pause: notify at once, even before the tasks are handed out
        with condition:
            print("Tasks begin.", flush=True)
            condition.notify_all()
        result = pool.map_async(task, range(n))
        # watch every task arrive and wait; then give a wake-up two (scaled) seconds to show up
        wait_until(lambda: waiting(condition) >= n, 60)
        result.wait(max(0.2, 2 * time_scale()))
        print("Tasks done." if result.ready() else f"All {n} tasks are still waiting: the notification came "
              "before they waited and was lost. Stopping the pool.", flush=True)
    print("The fix: an Event stays set.", flush=True)
    with Pool(workers(4)) as pool:
        result = pool.map_async(fixed_task, range(n))
        print("Tasks begin.", flush=True)
        go.set()
        result.wait()
        print("Tasks done.", flush=True)
