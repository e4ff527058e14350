# The Python twin of BankLock.java: the same, with a Lock held around each read-and-write.
from multiprocessing import Barrier, Lock, Process, Value

from tutorial import ops, use_start_method


def withdraw(balance, lock, start):
    start.wait()
    for _ in range(ops(10000)):
        lock.acquire()
        balance.value = balance.value - 1
        lock.release()


def deposit(balance, lock, start):
    start.wait()
    for _ in range(ops(10000)):
        lock.acquire()
        balance.value = balance.value + 1
        lock.release()


def perform_transactions():
    # a shared int in shared memory, starting at 100
    balance = Value('i', 100)
    lock = Lock()
    start = Barrier(2)
    p1 = Process(target=withdraw, args=(balance, lock, start))
    p2 = Process(target=deposit, args=(balance, lock, start))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    print(f"Final balance = {balance.value}", flush=True)


if __name__ == "__main__":
    use_start_method()
    for _ in range(10):
        perform_transactions()
