package org.mpdemo.multiprocessing.internal.server;

import java.util.List;

/** A referent served by generic method calls ({@code CALL}): arrays, dicts, lists, namespaces. */
interface Callee {
    Object call(byte method, List<Object> args);
}
