package org.mpdemo.multiprocessing.pool;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.errors.TimeoutError;
import org.mpdemo.multiprocessing.internal.reduction.Invoker;

/**
 * The lazy result of {@code imap} (in item order) or {@code imapUnordered} (in the order chunks come back).
 * A failed chunk raises its error once, where it stands in the sequence; iteration then goes on past it.
 */
public final class IMapIterator<T> extends Job implements Iterator<T>, Iterable<T> {
    private final boolean ordered;
    private final Object[] chunkOutcomes; // List<Object> or Throwable, by chunk number (ordered mode)
    private final ArrayDeque<Object> arrivals = new ArrayDeque<>(); // outcomes in arrival order (unordered)
    private final int chunks;
    private int nextChunk;       // ordered: next chunk number to yield; unordered: chunks consumed
    private List<Object> current;
    private int currentIndex;
    private Throwable aborted;

    IMapIterator(Pool pool, long id, String method, int chunks, boolean ordered) {
        super(pool, id, method);
        this.ordered = ordered;
        this.chunks = chunks;
        this.chunkOutcomes = new Object[chunks];
    }

    @Override
    public Iterator<T> iterator() {
        return this;
    }

    @Override
    public synchronized boolean hasNext() {
        return (current != null && currentIndex < current.size()) || nextChunk < chunks;
    }

    @Override
    public T next() {
        return next(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /** The next result, raising {@link TimeoutError} if it does not arrive in time. */
    @SuppressWarnings("unchecked")
    public synchronized T next(long timeout, TimeUnit unit) {
        long deadline = timeout == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(timeout);
        while (current == null || currentIndex >= current.size()) {
            if (nextChunk >= chunks) throw new NoSuchElementException();
            Object outcome;
            while ((outcome = peekOutcome()) == null) {
                if (aborted != null) throw Invoker.rethrow(aborted);
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (left <= 0) throw new TimeoutError();
                try {
                    if (left == Long.MAX_VALUE) wait();
                    else TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProcessError("interrupted while waiting for " + method + " results");
                }
            }
            takeOutcome();
            nextChunk++;
            if (outcome instanceof Throwable t) {
                current = null;
                throw Invoker.rethrow(t);
            }
            current = (List<Object>) outcome;
            currentIndex = 0;
        }
        return (T) current.get(currentIndex++);
    }

    private Object peekOutcome() {
        return ordered ? chunkOutcomes[nextChunk] : arrivals.peek();
    }

    private void takeOutcome() {
        if (ordered) chunkOutcomes[nextChunk] = null;
        else arrivals.poll();
    }

    @Override
    synchronized void chunkDone(Chunk chunk, List<Object> values) {
        arrive(chunk, values);
    }

    @Override
    synchronized void chunkFailed(Chunk chunk, Throwable error) {
        arrive(chunk, error);
    }

    private void arrive(Chunk chunk, Object outcome) {
        if (ordered) chunkOutcomes[chunk.number] = outcome;
        else arrivals.add(outcome);
        if (++arrived == chunks) pool.jobFinished(this);
        notifyAll();
    }

    private int arrived;

    @Override
    synchronized void abort(Throwable error) {
        aborted = error;
        notifyAll();
    }
}
