package org.mpdemo.multiprocessing;

import java.io.Serializable;
import java.util.Map;

/**
 * What a child receives first, serialized in process-start context (so primitives among {@code args} may travel):
 * its name, its role, the pool initializer or the process target with their arguments, and — under the emulated
 * {@code fork} start method — the static fields of the class that started it ({@link Fork}).
 */
record Boot(Role role, String name, Task.Invoker function, Object[] args, String mainClass,
            Map<String, Object> globals) implements Serializable {
    enum Role { POOL_WORKER, PROCESS }

    byte[] serialize() {
        return Reduction.spawning(() -> Reduction.serialize(this));
    }
}
