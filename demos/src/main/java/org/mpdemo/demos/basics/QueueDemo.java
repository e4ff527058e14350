package org.mpdemo.demos.basics;

import static org.mpdemo.demos.Tutorial.range;

import java.util.List;
import org.mpdemo.demos.Demo;
import org.mpdemo.multiprocessing.Process;
import org.mpdemo.multiprocessing.shared.Queue;

/**
 * Two processes put numbers on one Queue: one the squares of 1 to 5, the other their negatives.
 *
 * <p>Expect ten numbers, one per line, then {@code end main}. Usually {@code 1 4 9 16 25 -1 -2 -3 -4 -5} (as CPython
 * most often prints), but the two processes run at the same time, so the order between them can
 * change; each one's own numbers always keep their order. Nothing is ever lost: {@code put} has returned, and
 * the item is in the queue, before the process ends.
 *
 * <p>Run: {@code ./mpdemo run queue}
 */
@Demo(id = "queue", topic = "basics", order = 2,
        summary = "two processes put squares and negatives on one Queue; all ten arrive")
// tag::program[]
public final class QueueDemo {

    static void square(List<Integer> numbers, Queue<Integer> queue) {
        for (int i : numbers) {
            queue.put(i * i);
        }
    }

    static void makeNegative(List<Integer> numbers, Queue<Integer> queue) {
        for (int i : numbers) {
            queue.put(i * -1);
        }
    }

    public static void main(String[] args) {
        var numbers = range(6).skip(1).toList();
        // a queue travels to a process at its start, like the primitives
        var q = new Queue<Integer>();
        var p1 = new Process(QueueDemo::square, numbers, q);
        var p2 = new Process(QueueDemo::makeNegative, numbers, q);
        p1.start();
        p2.start();
        p1.join();
        p2.join();
        // order might not be sequential
        while (!q.empty()) {
            System.out.println(q.get());
        }
        System.out.println("end main");
    }
}
// end::program[]
