package org.mpdemo.multiprocessing.internal.server;

import java.util.NoSuchElementException;

/** Behind a {@code NamespaceProxy}: a dict of attributes, where an absent one is an error. */
final class NamespaceReferent extends DictReferent {
    @Override
    Object missing(Object name) {
        throw new NoSuchElementException("'Namespace' object has no attribute '" + name + "'");
    }

    @Override
    String typeName() {
        return "Namespace";
    }
}
