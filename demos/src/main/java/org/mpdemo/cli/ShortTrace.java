package org.mpdemo.cli;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mpdemo.multiprocessing.errors.RemoteTraceback;
import org.mpdemo.multiprocessing.errors.SharingError;

/**
 * A demo's uncaught error, told the way Python tells it: the calls that led to it, most recent last, then
 * {@code Type: message}.
 *
 * <p>Only what a reader of the demo can act on is shown: the demo's own frames and the runtime's public entry
 * points ({@code Pool.starmap}, {@code Pool.applyAsync} …). The JDK, reflection and the runtime's package-private
 * plumbing between two shown frames collapse into one line saying what the plumbing was doing — for a
 * primitive in a task's arguments, that the parent was serializing them when the primitive refused. An error
 * that a worker raised is shown with the trace the worker sent back.
 */
final class ShortTrace {
    static final String DEMOS = "org.mpdemo.demos.";
    static final String RUNTIME = "org.mpdemo.multiprocessing.";
    private static final String INTERNAL = RUNTIME + "internal.";
    private static final String REDUCTION = INTERNAL + "reduction.Reduction"; // named: internal, not imported
    private static final String POOL = RUNTIME + "pool.Submission"; // package-private: named, not imported
    private static final Pattern SHARED_TYPE = Pattern.compile("^(\\w+) objects should only be shared");

    private ShortTrace() {
    }

    /** The last line of every trace, as Python ends its tracebacks: {@code SharingError: Lock objects …}. */
    static String lastLine(Throwable error) {
        String type = error.getClass().getSimpleName();
        if (type.isEmpty()) type = error.getClass().getName();
        String message = error.getMessage();
        return message == null ? type : type + ": " + message;
    }

    /** The whole short trace, one element per line, ending with {@link #lastLine}. */
    static List<String> format(Throwable error) {
        RemoteTraceback remote = remoteTraceback(error);
        return remote != null ? fromWorker(error, remote) : fromMainProcess(error);
    }

    private static List<String> fromWorker(Throwable error, RemoteTraceback remote) {
        List<String> lines = new ArrayList<>();
        lines.add("The error was raised in a worker process, not in the main process; the worker's trace "
                + "(most recent call first):");
        String trace = remote.getMessage() == null ? "" : remote.getMessage().strip();
        lines.addAll(trace.lines().toList());
        lines.add(lastLine(error));
        return lines;
    }

    private static List<String> fromMainProcess(Throwable error) {
        List<String> lines = new ArrayList<>();
        lines.add("Traceback (most recent call last, in the main process):");
        StackTraceElement[] stack = error.getStackTrace();
        List<StackTraceElement> plumbing = new ArrayList<>();
        StackTraceElement previous = null;
        boolean serialized = false;
        for (int i = stack.length - 1; i >= 0; i--) {
            StackTraceElement frame = stack[i];
            String className = frame.getClassName();
            if (!className.startsWith(DEMOS) && !className.startsWith(RUNTIME)) continue; // JDK, CLI, tests
            if (isAccessBridge(frame)) continue; // Lock.release → SemLock.release: the second says it
            boolean refusal = error instanceof SharingError && className.startsWith(RUNTIME)
                    && frame.getMethodName().equals("writeObject");
            if (className.startsWith(DEMOS) || refusal || isPublicEntryPoint(frame)) {
                if (!plumbing.isEmpty()) {
                    serialized |= summarize(plumbing, lines);
                    previous = null;
                }
                if (refusal) {
                    lines.add("  " + refusingType(frame, error) + ".writeObject: only allowed while a process is "
                            + "being started");
                } else if (!sameMethod(previous, frame)) {
                    lines.add("  " + describe(frame)); // an overload calling another shows once
                }
                previous = frame;
            } else if (!(is(frame, REDUCTION, "assertSpawning") && previous != null
                    && previous.getMethodName().equals("writeObject"))) { // told by the writeObject line
                plumbing.add(frame);
            }
        }
        serialized |= summarize(plumbing, lines);
        if (serialized) {
            lines.add("  (the pool kept this error in the call's result, and get() raised it in the main "
                    + "process)");
        }
        lines.add(lastLine(error));
        return lines;
    }

    /**
     * Replaces a run of hidden runtime frames with one line and empties it; returns whether the run was the pool
     * serializing a task, which stores its failure in the call's result.
     */
    private static boolean summarize(List<StackTraceElement> plumbing, List<String> lines) {
        if (plumbing.isEmpty()) return false;
        boolean serializing = plumbing.stream().anyMatch(f -> is(f, REDUCTION, "serialize")
                || is(f, REDUCTION, "encodeList"));
        boolean poolTask = serializing && plumbing.stream().anyMatch(f -> is(f, POOL, "submit"));
        if (poolTask) {
            boolean function = plumbing.stream().anyMatch(f -> is(f, POOL, "functionEntry"));
            lines.add("  while serializing the task's " + (function ? "function" : "arguments")
                    + " for a worker (Reduction.serialize)");
        } else if (serializing) {
            lines.add("  while serializing a value for another process (Reduction.serialize)");
        } else {
            lines.add("  inside the runtime: " + describe(plumbing.get(plumbing.size() - 1)));
        }
        plumbing.clear();
        return poolTask;
    }

    private static boolean is(StackTraceElement frame, String className, String method) {
        return frame.getClassName().equals(className) && frame.getMethodName().equals(method);
    }

    /** {@code File "Pool.java", line 268, in Pool.starmap}. */
    static String describe(StackTraceElement frame) {
        String where = frame.getFileName() == null ? "in an unknown file"
                : frame.getLineNumber() < 0 ? "File \"" + frame.getFileName() + "\""
                : "File \"" + frame.getFileName() + "\", line " + frame.getLineNumber();
        return where + ", in " + shortName(frame.getClassName()) + "." + frame.getMethodName();
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    private static boolean sameMethod(StackTraceElement a, StackTraceElement b) {
        return a != null && a.getClassName().equals(b.getClassName()) && a.getMethodName().equals(b.getMethodName());
    }

    /**
     * The public type whose {@code writeObject} refused: a {@link SharingError} names it
     * ({@code Lock objects should …}) where the frame shows only the package-private base class.
     */
    private static String refusingType(StackTraceElement frame, Throwable error) {
        Matcher m = SHARED_TYPE.matcher(String.valueOf(error.getMessage()));
        return m.find() ? m.group(1) : shortName(frame.getClassName());
    }

    /**
     * A public method of the runtime: of a public class, or of an abstract base class whose public subclasses
     * expose it (the primitives' {@code acquire} and {@code release} are declared in {@code SemLock}).
     */
    static boolean isPublicEntryPoint(StackTraceElement frame) {
        Class<?> type = runtimeClass(frame);
        if (type == null || frame.getClassName().startsWith(INTERNAL)) return false; // public, but no API
        if (!Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers())) return false;
        if (frame.getMethodName().equals("<init>")) {
            for (var constructor : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(constructor.getModifiers())) return true;
            }
            return false;
        }
        for (var method : type.getDeclaredMethods()) {
            if (method.getName().equals(frame.getMethodName()) && Modifier.isPublic(method.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A method the compiler generated in a public class so that a public method of its package-private base class
     * can be called from outside the package ({@code Lock.release} for {@code SemLock.release}).
     */
    static boolean isAccessBridge(StackTraceElement frame) {
        Class<?> type = runtimeClass(frame);
        if (type == null) return false;
        boolean found = false;
        for (var method : type.getDeclaredMethods()) {
            if (!method.getName().equals(frame.getMethodName())) continue;
            if (!method.isSynthetic()) return false;
            found = true;
        }
        return found;
    }

    private static Class<?> runtimeClass(StackTraceElement frame) {
        if (!frame.getClassName().startsWith(RUNTIME)) return null;
        try {
            return Class.forName(frame.getClassName(), false, ShortTrace.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The trace a worker sent back, if the error came from one: in the cause chain or among the suppressed. */
    static RemoteTraceback remoteTraceback(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof RemoteTraceback remote) return remote;
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof RemoteTraceback remote) return remote;
            }
        }
        return null;
    }
}
