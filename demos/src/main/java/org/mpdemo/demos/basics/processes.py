# The Python twin of Processes.java: one process per CPU, started, then joined.
import os
from multiprocessing import Process, cpu_count

from tutorial import use_start_method


def square_numbers():
    for i in range(1000):
        result = i * i


if __name__ == "__main__":
    use_start_method()
    processes = []
    # one process per CPU: usually a good choice for CPU-bound work
    num_processes = int(os.environ.get("MPDEMO_WORKERS", cpu_count()))
    for i in range(num_processes):
        processes.append(Process(target=square_numbers))
    for process in processes:
        process.start()
    # block the main program until every process has finished
    for process in processes:
        process.join()
