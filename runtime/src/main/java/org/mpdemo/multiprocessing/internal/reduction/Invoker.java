package org.mpdemo.multiprocessing.internal.reduction;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A function as it travels: any serializable functional interface, applied to an argument array. The runtime
 * names none of the public function shapes here; it finds the one abstract method the function's interface
 * declares, and calls it.
 */
public interface Invoker extends Serializable {
    Object invoke(Object[] args) throws Exception;

    /** The user's function, for messages and traces. */
    Object target();

    /** How many arguments it takes. */
    int arity();

    /** False for a function declared {@code void}, whose result is {@code null} whatever the method returns. */
    boolean returnsValue();

    /** Wraps {@code function}, an instance of a serializable functional interface. */
    static Invoker of(Serializable function) {
        return new FunctionCall(function, functionalMethod(function.getClass()));
    }

    /** Throws {@code error} as it is, checked or not: a task's own exception reaches the caller unwrapped. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException rethrow(Throwable error) throws E {
        throw (E) error;
    }

    /** The one abstract method of the function's interface; of a serializable one first. */
    private static Method functionalMethod(Class<?> type) {
        Method found = singleAbstractMethod(type, true);
        if (found == null) found = singleAbstractMethod(type, false);
        if (found == null) throw new IllegalArgumentException("not a functional interface: " + type.getName());
        return found;
    }

    private static Method singleAbstractMethod(Class<?> type, boolean serializableOnly) {
        for (Class<?> face : type.getInterfaces()) {
            if (serializableOnly && !Serializable.class.isAssignableFrom(face)) continue;
            Method single = null;
            for (Method m : face.getMethods()) {
                if (!Modifier.isAbstract(m.getModifiers())) continue;
                if (single != null) {
                    single = null;
                    break;
                }
                single = m;
            }
            if (single != null) return single;
        }
        return null;
    }

    /** A function called through its interface's one abstract method. */
    final class FunctionCall implements Invoker {
        private static final long serialVersionUID = 1L;
        private final Serializable function;
        private final int arity;
        private final boolean returnsValue;
        private transient Method method;

        FunctionCall(Serializable function, Method method) {
            this.function = function;
            this.method = method;
            this.arity = method.getParameterCount();
            this.returnsValue = method.getReturnType() != void.class;
        }

        @Override
        public Object invoke(Object[] args) throws Exception {
            if (args.length != arity) {
                throw new IllegalArgumentException(
                        "task takes " + arity + " argument(s) but " + args.length + " were given");
            }
            Method m = method;
            if (m == null) method = m = functionalMethod(function.getClass());
            try {
                Object result = m.invoke(function, args);
                return returnsValue ? result : null;
            } catch (InvocationTargetException e) {
                throw rethrow(e.getCause());
            }
        }

        @Override
        public Object target() {
            return function;
        }

        @Override
        public int arity() {
            return arity;
        }

        @Override
        public boolean returnsValue() {
            return returnsValue;
        }
    }
}
