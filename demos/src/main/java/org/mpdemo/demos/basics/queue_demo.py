# The Python twin of QueueDemo.java: two processes put numbers into one queue. (Not queue.py: that would
# hide the standard library's queue module, which multiprocessing imports.)
from multiprocessing import Process, Queue

from tutorial import use_start_method


def square(numbers, queue):
    for i in numbers:
        queue.put(i * i)


def make_negative(numbers, queue):
    for i in numbers:
        queue.put(i * -1)


if __name__ == "__main__":
    use_start_method()
    numbers = range(1, 6)
    q = Queue()
    p1 = Process(target=square, args=(numbers, q))
    p2 = Process(target=make_negative, args=(numbers, q))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    # order might not be sequential
    while not q.empty():
        print(q.get())
    print("end main")
