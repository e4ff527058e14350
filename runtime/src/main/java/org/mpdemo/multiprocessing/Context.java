package org.mpdemo.multiprocessing;


/**
 * A start method and what starts processes with it (CPython's {@code multiprocessing.get_context(method)}).
 *
 * <p>{@code spawn} (the default): a child is a fresh JVM; the class that started it holds only what its own
 * initializers give. {@code fork}: the same, and then that class's non-final static fields receive the values
 * they had in the parent when the child started — an emulation of what a forked child would see (see
 * {@link Multiprocessing#setStartMethod}; a JVM cannot fork).
 */
public final class Context {
    public static final String SPAWN = "spawn";
    public static final String FORK = "fork";

    private final String method;

    Context(String method) {
        this.method = method;
    }

    public String startMethod() {
        return method;
    }

    boolean forks() {
        return FORK.equals(method);
    }

    public Process process(Task.Run0 target) {
        return new Process(target).context(this);
    }

    public <A> Process process(Task.Run1<A> target, A a) {
        return new Process(target, a).context(this);
    }

    public <A, B> Process process(Task.Run2<A, B> target, A a, B b) {
        return new Process(target, a, b).context(this);
    }

    public <A, B, C> Process process(Task.Run3<A, B, C> target, A a, B b, C c) {
        return new Process(target, a, b, c).context(this);
    }

    static Context of(String method) {
        if (SPAWN.equals(method)) return new Context(SPAWN);
        if (FORK.equals(method)) return new Context(FORK);
        throw new IllegalArgumentException("cannot find context for '" + method + "'");
    }

    @Override
    public String toString() {
        return "<Context " + method + ">";
    }
}
