package org.mpdemo.multiprocessing;

import java.io.Serializable;

/**
 * The shapes of function a pool or process can run. They are serializable so that a child process can receive
 * them; write them as method references to static methods ({@code MyDemo::task}), which serialize by name.
 * A lambda that captures a variable serializes what it captured, and fails if that cannot travel.
 */
public final class Task {
    private Task() {
    }

    /** A function of no argument. */
    @FunctionalInterface
    public interface Call0<R> extends Serializable {
        R call() throws Exception;
    }

    /** A function of one argument: what {@code map} and {@code imap} apply to each item. */
    @FunctionalInterface
    public interface Call1<A, R> extends Serializable {
        R call(A a) throws Exception;
    }

    /** A function of two arguments: what {@code starmap} applies to each {@link Args.Two}. */
    @FunctionalInterface
    public interface Call2<A, B, R> extends Serializable {
        R call(A a, B b) throws Exception;
    }

    /** A function of three arguments. */
    @FunctionalInterface
    public interface Call3<A, B, C, R> extends Serializable {
        R call(A a, B b, C c) throws Exception;
    }

    /** A procedure of no argument (its result is {@code null}, Python's {@code None}). */
    @FunctionalInterface
    public interface Run0 extends Serializable {
        void run() throws Exception;
    }

    /** A procedure of one argument. */
    @FunctionalInterface
    public interface Run1<A> extends Serializable {
        void run(A a) throws Exception;
    }

    /** A procedure of two arguments. */
    @FunctionalInterface
    public interface Run2<A, B> extends Serializable {
        void run(A a, B b) throws Exception;
    }

    /** A procedure of three arguments. */
    @FunctionalInterface
    public interface Run3<A, B, C> extends Serializable {
        void run(A a, B b, C c) throws Exception;
    }

    /** What travels: any of the shapes above, applied to an argument array. */
    interface Invoker extends Serializable {
        Object invoke(Object[] args) throws Exception;

        /** The user's function, for messages and traces. */
        Object target();

        /** How many arguments it takes. */
        int arity();

        /** False for the {@code Run} shapes, whose result is {@code null} whatever the method returns. */
        boolean returnsValue();
    }

    static Invoker of(Call0<?> f) {
        return new Adapter(f, 0);
    }

    static Invoker of(Call1<?, ?> f) {
        return new Adapter(f, 1);
    }

    static Invoker of(Call2<?, ?, ?> f) {
        return new Adapter(f, 2);
    }

    static Invoker of(Call3<?, ?, ?, ?> f) {
        return new Adapter(f, 3);
    }

    static Invoker of(Run0 f) {
        return new Adapter(f, 0);
    }

    static Invoker of(Run1<?> f) {
        return new Adapter(f, 1);
    }

    static Invoker of(Run2<?, ?> f) {
        return new Adapter(f, 2);
    }

    static Invoker of(Run3<?, ?, ?> f) {
        return new Adapter(f, 3);
    }

    /** One serializable adapter for every shape; the arity is checked when the task runs. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private record Adapter(Serializable f, int arity) implements Invoker {
        @Override
        public Object invoke(Object[] a) throws Exception {
            if (a.length != arity) {
                throw new IllegalArgumentException(
                        "task takes " + arity + " argument(s) but " + a.length + " were given");
            }
            if (f instanceof Call0 c) return c.call();
            if (f instanceof Call1 c) return c.call(a[0]);
            if (f instanceof Call2 c) return c.call(a[0], a[1]);
            if (f instanceof Call3 c) return c.call(a[0], a[1], a[2]);
            if (f instanceof Run0 r) { r.run(); return null; }
            if (f instanceof Run1 r) { r.run(a[0]); return null; }
            if (f instanceof Run2 r) { r.run(a[0], a[1]); return null; }
            if (f instanceof Run3 r) { r.run(a[0], a[1], a[2]); return null; }
            throw new IllegalStateException("not a task: " + f);
        }

        @Override
        public Object target() {
            return f;
        }

        @Override
        public boolean returnsValue() {
            return f instanceof Call0 || f instanceof Call1 || f instanceof Call2 || f instanceof Call3;
        }
    }
}
