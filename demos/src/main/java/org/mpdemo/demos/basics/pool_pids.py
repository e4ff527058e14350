# The Python twin of PoolPids.java: which worker process squares which number.
import os
from multiprocessing import Pool

from tutorial import use_start_method


def square(n):
    # one write per line: print's text and its newline are two, and two workers' could interleave
    print(f"Worker process id for {n}: {os.getpid()}\n", end="", flush=True)
    return n * n


if __name__ == "__main__":
    use_start_method()
    mylist = [1, 2, 3, 4, 5]
    p = Pool()
    result = p.map(square, mylist)
    print(result)
