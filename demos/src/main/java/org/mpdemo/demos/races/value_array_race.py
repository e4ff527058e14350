# The Python twin of ValueArrayRace.java: a shared Value and a shared Array, each updated by two processes.
from multiprocessing import Array, Barrier, Process, Value

from tutorial import ops, reliable, sleep, use_start_method


def increments():
    # the tutorial's 100 with a pause before each; in reliable mode, 10 000 without pauses
    return ops(10_000 if reliable() else 100)


def add_100(number, start):
    start.wait()
    for _ in range(increments()):
        if not reliable():
            sleep(0.01)
        number.value += 1


def add_100_array(numbers, start):
    start.wait()
    for _ in range(increments()):
        if not reliable():
            sleep(0.01)
        for i in range(len(numbers)):
            numbers[i] += 1


if __name__ == "__main__":
    use_start_method()
    shared_number = Value('i', 0)
    print("Value at beginning:", shared_number.value)
    shared_array = Array('d', [0.0, 100.0, 200.0])
    print("Array at beginning:", shared_array[:])
    # all four start their loops together, as forked processes nearly would
    start = Barrier(4)
    processes = [Process(target=add_100, args=(shared_number, start)),
                 Process(target=add_100, args=(shared_number, start)),
                 Process(target=add_100_array, args=(shared_array, start)),
                 Process(target=add_100_array, args=(shared_array, start))]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    print("Value at end:", shared_number.value)
    print("Array at end:", shared_array[:])
    print("end main")
