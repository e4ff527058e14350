# The Python twin of BankAtomic.java: each update made whole (in Python, under the Value's own lock).
from multiprocessing import Barrier, Process, Value

from tutorial import ops, use_start_method


def withdraw(balance, start):
    start.wait()
    for _ in range(ops(10000)):
        with balance.get_lock():  # the Value's own lock: Python has no atomic add
            balance.value -= 1


def deposit(balance, start):
    start.wait()
    for _ in range(ops(10000)):
        with balance.get_lock():
            balance.value += 1


def perform_transactions():
    # a shared int in shared memory, starting at 100
    balance = Value('i', 100)
    start = Barrier(2)
    p1 = Process(target=withdraw, args=(balance, start))
    p2 = Process(target=deposit, args=(balance, start))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    print(f"Final balance = {balance.value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    for _ in range(10):
        perform_transactions()
