# The Python twin of ValueArrayLock.java: the same, with one Lock held around every update.
from multiprocessing import Array, Barrier, Lock, Process, Value

from tutorial import ops, reliable, sleep, use_start_method


def increments():
    # the tutorial's 100 with a pause before each; in reliable mode, 10 000 without pauses
    return ops(10_000 if reliable() else 100)


def add_100(number, lock, start):
    start.wait()
    for _ in range(increments()):
        if not reliable():
            sleep(0.01)
        lock.acquire()
        number.value += 1
        lock.release()


def add_100_array(numbers, lock, start):
    start.wait()
    for _ in range(increments()):
        if not reliable():
            sleep(0.01)
        for i in range(len(numbers)):
            lock.acquire()
            numbers[i] += 1
            lock.release()


if __name__ == "__main__":
    use_start_method()
    lock = Lock()
    shared_number = Value('i', 0)
    print("Value at beginning:", shared_number.value)
    shared_array = Array('d', [0.0, 100.0, 200.0])
    print("Array at beginning:", shared_array[:])
    start = Barrier(4)
    processes = [Process(target=add_100, args=(shared_number, lock, start)),
                 Process(target=add_100, args=(shared_number, lock, start)),
                 Process(target=add_100_array, args=(shared_array, lock, start)),
                 Process(target=add_100_array, args=(shared_array, lock, start))]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print("Value at end:", shared_number.value)
    print("Array at end:", shared_array[:])
    print("end main")
