package org.mpdemo.multiprocessing;

import java.io.Serializable;

/**
 * What a child receives first, serialized in process-start context (so primitives among {@code args} may travel):
 * its name, its role, and either the pool initializer or the process target with their arguments.
 */
record Boot(Role role, String name, Task.Invoker function, Object[] args) implements Serializable {
    enum Role { POOL_WORKER, PROCESS }

    byte[] serialize() {
        return Reduction.spawning(() -> Reduction.serialize(this));
    }
}
