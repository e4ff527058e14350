# A twin that is broken on purpose: the kit must show it failing, with Python's own traceback.
from tutorial import tasks

if __name__ == "__main__":
    print(f"about to fail after {tasks(1)} task")
    raise ValueError("this twin is broken on purpose")
