package org.mpdemo.multiprocessing.internal.shm;

import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Barrier;
import org.mpdemo.multiprocessing.shared.Event;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.Semaphore;
import org.mpdemo.multiprocessing.shared.Value;

/**
 * A program for {@link ShmLifetimeTest}, run in its own JVM: it creates shared primitives and a child process, then
 * ends normally ({@code normal}), with an exception ({@code throw}), or hangs until killed ({@code hang}).
 */
public final class ShmLifetimeMain {
    private ShmLifetimeMain() {
    }

    static void child(Lock lock, Event ready, Value value) {
        value.incrementAndGet();
        ready.set();
        lock.acquire(); // in "hang" mode the parent holds it: the child blocks until its parent dies
        lock.release();
    }

    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "normal";
        Lock lock = new Lock();
        Event ready = new Event();
        Value value = new Value('i', 0);
        Array array = new Array('d', 1000);
        Barrier barrier = new Barrier(2);
        if (mode.equals("hang")) lock.acquire();
        Process child = new Process(ShmLifetimeMain::child, lock, ready, value).start();
        if (!ready.await(30)) throw new IllegalStateException("child never got ready");
        System.out.println("child " + child.pid() + " value " + value.getInt() + " segments "
                + SharedMemory.attachedCount() + " " + array.length() + " " + barrier.parties());
        switch (mode) {
            case "hang" -> new Semaphore(0).acquire(); // until kill -9
            case "throw" -> {
                child.join(30);
                throw new IllegalStateException("boom, with shared memory mapped");
            }
            default -> child.join(30);
        }
    }
}
