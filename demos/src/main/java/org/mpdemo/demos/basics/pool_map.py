# The Python twin of PoolMap.java: the cubes of 0 to 9, computed by a pool.
from multiprocessing import Pool

from tutorial import use_start_method


def cube(number):
    return number * number * number


if __name__ == "__main__":
    use_start_method()
    numbers = range(10)
    # one worker per CPU by default
    pool = Pool()
    result = pool.map(cube, numbers)
    # no more tasks; then wait for the workers to exit
    pool.close()
    pool.join()
    print(result)
