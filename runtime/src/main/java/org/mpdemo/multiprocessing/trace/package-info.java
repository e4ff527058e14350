/**
 * The event trace: {@link org.mpdemo.multiprocessing.trace.Trace} appends one JSON object a line to the file named
 * by {@code -Dmpdemo.trace} or {@code MPDEMO_TRACE}, from every process of the program; {@link
 * org.mpdemo.multiprocessing.trace.TraceEvent} is its vocabulary, shared by the runtime that writes events and the
 * classroom code that reads them (timelines, race reports, checks); {@link
 * org.mpdemo.multiprocessing.trace.TaskRef} names the pool task a thread is running.
 *
 * <p>A leaf: every layer of the runtime writes events, so this package uses none of them. The reader of traces is
 * not here: it needs a JSON parser, and the runtime takes no dependency but JNA, so it lives with the classroom
 * code in the demos module.
 */
package org.mpdemo.multiprocessing.trace;
