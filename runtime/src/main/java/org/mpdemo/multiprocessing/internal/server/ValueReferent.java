package org.mpdemo.multiprocessing.internal.server;

/** Behind a {@code ValueProxy}: the typecode and the encoded value, checked against the typecode when set. */
final class ValueReferent {
    final String typecode;
    volatile byte[] value;

    ValueReferent(String typecode, byte[] value) {
        this.typecode = typecode;
        this.value = value;
    }
}
