/**
 * What may travel only while a process starts: the synchronization primitives, shared values and the queue
 * (CPython's {@code synchronize}, {@code sharedctypes} and {@code queues}). {@link
 * org.mpdemo.multiprocessing.shared.Lock}, {@link org.mpdemo.multiprocessing.shared.RLock}, {@link
 * org.mpdemo.multiprocessing.shared.Semaphore}, {@link org.mpdemo.multiprocessing.shared.BoundedSemaphore}, {@link
 * org.mpdemo.multiprocessing.shared.Condition}, {@link org.mpdemo.multiprocessing.shared.Event}, {@link
 * org.mpdemo.multiprocessing.shared.Barrier}, {@link org.mpdemo.multiprocessing.shared.Value}, {@link
 * org.mpdemo.multiprocessing.shared.Array} and {@link org.mpdemo.multiprocessing.shared.Queue}, with {@link
 * org.mpdemo.multiprocessing.shared.Held} for {@code try (var held = lock.hold())}.
 *
 * <h2>The rule that makes this a package</h2>
 * Every object here keeps its state in shared memory, so a process that receives one works on the same memory as
 * the sender — the same lock, not a copy. Such an object serializes only while a child process is being started:
 * as a {@code Process} argument, a pool initializer argument, or an inherited static under the emulated
 * {@code fork} start method. Anywhere else (a pool task's argument or result, a queue item, a manager call) it
 * raises {@link org.mpdemo.multiprocessing.errors.SharingError}: CPython's "should only be shared between
 * processes through inheritance". What may travel anywhere is a manager's proxy
 * ({@code org.mpdemo.multiprocessing.managers}). The counting lock they are all built on ({@code SemLock}), where
 * it keeps its words ({@code SemState}) and the C types of values and arrays ({@code CType}) are package-private:
 * the hooks between them stay inside the package.
 *
 * <p>Linux only: shared memory is handed over through {@code /proc/<pid>/fd}, and blocking uses {@code futex(2)}
 * (see {@code org.mpdemo.multiprocessing.internal.shm}).
 */

/*
 * Overview, for implementers.
 *
 * State in shared memory. A SemLock (and so every Lock, RLock, Semaphore and BoundedSemaphore) keeps its value,
 * the number of sleeping waiters, its holder and the holder's recursion count in one 64-byte slot of the arena
 * (SemState's class comment gives the layout). A Condition is its lock and a table of its waiters (WaitList: a
 * notifier names whom it wakes, so a dead waiter is passed over, not awaited as CPython's semaphores would);
 * Event is a Condition and a flag; Barrier keeps two ints of its own beside a Condition; Value and Array keep
 * their elements in a slot, and a synchronized one holds an RLock besides. Serializing any of them hands over the slot (segment and offset), never
 * the contents.
 *
 * Futex wait/wake. The fast path stays in user space: down is a CAS of value from v > 0 to v - 1, up a CAS from
 * v to v + 1, refused at the bound. The slow path: a waiter spins briefly (only with more than one CPU), then
 * increments waiters, re-checks value and sleeps with FUTEX_WAIT(value, 0); up calls FUTEX_WAKE only when
 * waiters > 0. No wake-up is lost: the waiter's increment and the releaser's CAS are both sequentially consistent
 * read-modify-writes, so either the releaser sees the waiter registered and wakes it, or the waiter sees the new
 * value; and the kernel itself re-checks value == 0 before it puts the waiter to sleep. A process told to poll
 * (-Dmpdemo.futex=off) marks the slot (polled), and sleepers on a marked slot wake up by themselves at short intervals, since
 * that process cannot wake them.
 *
 * Holder. The holder's id (pid << 32 ^ thread id) is one release store on acquire and one on release, before the
 * value goes up; so "is it mine?" is a single acquire load, and a thread can only read its own id there if it
 * wrote it and nobody released since. The recursion count is changed only by an RLock's holder.
 *
 * Dead holder. For Lock and RLock (one holder at a time), a waiter blocked for SemState.CHECK_MILLIS and every
 * CHECK_MILLIS after checks whether the holding process still exists (/proc/<pid>/stat; a zombie counts as dead).
 * If not, it says so once on standard error and in the trace (dead-holder) and goes on waiting: CPython leaves
 * such a lock held for ever, and so do we, but not silently. The same bounded sleep is how a blocked thread
 * notices Thread.interrupt(), which does not end a futex sleep.
 */
package org.mpdemo.multiprocessing.shared;
