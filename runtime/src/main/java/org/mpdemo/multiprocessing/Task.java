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
}
