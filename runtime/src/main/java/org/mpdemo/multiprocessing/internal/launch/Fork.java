package org.mpdemo.multiprocessing.internal.launch;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mpdemo.multiprocessing.internal.reduction.Reduction;
import org.mpdemo.multiprocessing.trace.Trace;
import org.mpdemo.multiprocessing.trace.TraceEvent;

/**
 * The emulated {@code fork} start method.
 *
 * <p>A JVM cannot fork. What a forked Python child sees that a spawned one does not is the parent's module
 * globals as they were at the moment of the fork. The Java counterpart of the main module's globals is the
 * static fields of the class that starts the pool or process, so under {@code fork} the runtime copies that
 * class's non-final static fields into the child as it starts: the child first initializes the class as usual,
 * then overwrites those fields with the parent's values. The copy travels in process-start context, so
 * synchronization primitives and shared memory among them arrive as the same objects, as they would through a
 * real fork.
 *
 * <p>Where it differs from a real fork: only that one class's static fields travel (not other classes', not
 * the heap at large); values that are not {@link Serializable} are left as the child's own initializers make
 * them; {@code static final} fields are never copied (the JVM does not allow it), so declare an inherited
 * global without {@code final}, as a Python global assigned under {@code if __name__ == '__main__'} is.
 */
public final class Fork {
    private static final String RUNTIME_PACKAGE = "org.mpdemo.multiprocessing";

    private Fork() {
    }

    /**
     * The class whose code is starting a pool or process: the first frame that is not the runtime's own. The
     * runtime's own classes are those of its packages that were loaded from where this one was (a test class in
     * one of its packages, loaded from elsewhere, is a caller like any other).
     */
    public static Class<?> caller() {
        java.security.CodeSource runtime = Fork.class.getProtectionDomain().getCodeSource();
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> !isRuntime(c, runtime) && !c.getName().startsWith("java.")
                                && !c.getName().startsWith("jdk."))
                        .findFirst().orElse(null));
    }

    private static boolean isRuntime(Class<?> c, java.security.CodeSource runtime) {
        if (!c.getName().startsWith(RUNTIME_PACKAGE + ".")) return false;
        java.security.CodeSource source = c.getProtectionDomain().getCodeSource();
        return runtime == null ? source == null
                : source != null && java.util.Objects.equals(runtime.getLocation(), source.getLocation());
    }

    /** The values of {@code owner}'s non-final static fields that can travel; the others are left out. */
    public static Map<String, Object> snapshot(Class<?> owner) {
        Map<String, Object> globals = new LinkedHashMap<>();
        if (owner == null) return globals;
        for (Field field : owner.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || field.isSynthetic()) continue;
            try {
                field.setAccessible(true);
                Object value = field.get(null);
                if (value != null && !field.getType().isPrimitive()) {
                    // only what can be serialized at process start can travel
                    Reduction.spawning(() -> Reduction.serialize(value));
                }
                globals.put(field.getName(), value);
            } catch (ReflectiveOperationException | RuntimeException notCopied) {
                Trace.event(TraceEvent.FORK_SKIP, "field", owner.getName() + "." + field.getName(),
                        "reason", String.valueOf(notCopied.getMessage()));
            }
        }
        return globals;
    }

    /** In the child: initializes the class, then gives its static fields the parent's values. */
    public static void restore(String className, Map<String, Object> globals) throws ReflectiveOperationException {
        if (className == null || globals == null || globals.isEmpty()) return;
        Class<?> owner = Class.forName(className, true, Fork.class.getClassLoader());
        for (Map.Entry<String, Object> entry : globals.entrySet()) {
            Field field = owner.getDeclaredField(entry.getKey());
            field.setAccessible(true);
            field.set(null, entry.getValue());
        }
    }
}
