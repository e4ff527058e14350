"""What every Python twin shares with its Java demo's Tutorial class: the settings the kit passes on.

mpdemo runs a twin with this folder on PYTHONPATH and the settings in the environment: MPDEMO_TIME_SCALE
multiplies every sleep, MPDEMO_SEED makes each task's random draw reproducible (it depends on the seed and the
task, not on the worker), MPDEMO_WORKERS, MPDEMO_TASKS and MPDEMO_OPS replace the tutorial's numbers, and
MPDEMO_START_METHOD picks the start method. Unset, a twin is the tutorial's program as it stands.
"""
import multiprocessing
import os
import random as _random
import time


def time_scale():
    return float(os.environ.get("MPDEMO_TIME_SCALE", "1"))


def sleep(seconds):
    """time.sleep, multiplied by the time scale."""
    time.sleep(seconds * time_scale())


def random(task=None):
    """random.random(); with MPDEMO_SEED, the same for the same task in every run."""
    seed = os.environ.get("MPDEMO_SEED")
    if seed is None or task is None:
        return _random.random()
    return _random.Random(f"{seed}-{task}").random()


def workers(default):
    return int(os.environ.get("MPDEMO_WORKERS", default))


def tasks(default):
    return int(os.environ.get("MPDEMO_TASKS", default))


def ops(default):
    return int(os.environ.get("MPDEMO_OPS", default))


def use_start_method(default=None):
    """Sets the start method the kit asked for, else the demo's own (None: the interpreter's default)."""
    method = os.environ.get("MPDEMO_START_METHOD") or default
    if method:
        multiprocessing.set_start_method(method)


def waiting(condition):
    """How many processes wait on a multiprocessing.Condition now: CPython keeps the count in two semaphores."""
    return condition._sleeping_count.get_value() - condition._woken_count.get_value()


def wait_until(done, timeout):
    """Checks done() every millisecond until it holds or timeout seconds (not scaled) pass; whether it held."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


def pause_before_notify(seconds, condition, waiters):
    """The tutorial's pause before it notifies, then at least until `waiters` processes wait: none is missed."""
    sleep(seconds)
    wait_until(lambda: waiting(condition) >= waiters, 60)


def reliable():
    """Whether a race demo runs in its reliable mode (MPDEMO_RELIABLE=1): more updates, no pauses."""
    return os.environ.get("MPDEMO_RELIABLE") == "1"
