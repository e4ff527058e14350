/**
 * Schedules: interleavings of real processes on demand ({@code mpdemo run ID --schedule 1,2,1,2}).
 *
 * <p>Every access to shared state that can race — a {@code Value} or {@code Array} element read or write, an
 * atomic update, a lock or semaphore acquire and release, a condition's wait and notify, a manager proxy's call —
 * calls {@link org.mpdemo.multiprocessing.internal.schedule.SwitchPoint#reached} first. Without a schedule that
 * is one branch on a constant. With one, the main process's
 * {@link org.mpdemo.multiprocessing.internal.schedule.Scheduler} creates a shared segment (the
 * {@link org.mpdemo.multiprocessing.internal.schedule.Board}: a futex word for itself, and a slot per process with
 * its state and a futex word to sleep on) and names it in a system property that every child inherits. A child
 * at a switch point writes what it is about to do into its slot and sleeps on its word; the scheduler lets
 * one process go, waits until every process of the round has stopped again, and lets the next go. Nothing polls:
 * each side sleeps on a futex until the other writes.
 *
 * <p>An acquire that would block goes back to the scheduler instead of sleeping on the primitive, so the
 * scheduler always knows who can move. A barrier's wait is one step of the program, not a switch point. Pool
 * workers are not numbered in a round: a schedule plays the processes a program starts itself.
 */
package org.mpdemo.multiprocessing.internal.schedule;
