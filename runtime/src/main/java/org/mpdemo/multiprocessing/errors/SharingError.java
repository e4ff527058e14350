package org.mpdemo.multiprocessing.errors;

import org.mpdemo.multiprocessing.pool.Pool;

/**
 * A synchronization primitive was serialized outside process start: the runtime's counterpart of the
 * {@code RuntimeError} CPython raises from {@code context.assert_spawning}.
 *
 * <p>Primitives may travel to a child only while it is being started — as {@link Process} arguments or
 * {@link Pool} initializer arguments. Anywhere else (a pool task's arguments, a result, a queue) serializing one
 * raises this error <em>in the process that serializes it</em>, with CPython's words.
 */
public class SharingError extends ProcessError {
    private static final long serialVersionUID = 1L;

    public SharingError(String typeName) {
        super(typeName + " objects should only be shared between processes through inheritance");
    }
}
