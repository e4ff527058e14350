package org.mpdemo.multiprocessing.internal.reduction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.mpdemo.multiprocessing.errors.ProcessError;

/**
 * How a task's function travels to a child.
 *
 * <p>A method reference to a static method, or a lambda that captures nothing, travels as its class, method name
 * and descriptor, and the child calls it by reflection: no Java serialization, no lambda deserialization — which
 * in a fresh JVM cost more than the rest of a worker's start. Anything else (a lambda that captures values)
 * travels by Java serialization, and fails there if what it captured cannot travel.
 */
public final class Functions {
    private static final byte BY_NAME = 0;
    private static final byte SERIALIZED = 1;

    private Functions() {
    }

    /**
     * The method a function runs, in HotSpot's {@code pkg/Class.method} pattern syntax, when it travels by name;
     * else {@code null}.
     */
    public static String methodPattern(Invoker invoker) {
        SerializedLambda lambda = lambdaOf(invoker.target());
        if (lambda == null || lambda.getCapturedArgCount() != 0
                || lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
            return null;
        }
        return lambda.getImplClass() + "." + lambda.getImplMethodName();
    }

    public static byte[] encode(Invoker invoker) {
        SerializedLambda lambda = lambdaOf(invoker.target());
        if (lambda != null && lambda.getCapturedArgCount() == 0
                && lambda.getImplMethodKind() == MethodHandleInfo.REF_invokeStatic) {
            return new ByteWriter(128).writeByte(BY_NAME)
                    .writeString(lambda.getImplClass().replace('/', '.'))
                    .writeString(lambda.getImplMethodName())
                    .writeString(lambda.getImplMethodSignature())
                    .writeByte(invoker.arity())
                    .writeBoolean(invoker.returnsValue())
                    .toByteArray();
        }
        return new ByteWriter(0).writeByte(SERIALIZED).write(Reduction.serialize(invoker)).toByteArray();
    }

    public static Invoker decode(byte[] data) {
        ByteReader in = new ByteReader(data, 1);
        if (data[0] == SERIALIZED) return (Invoker) Reduction.deserialize(in.rest());
        try {
            String className = in.readString();
            String name = in.readString();
            String descriptor = in.readString();
            int arity = in.readByte();
            boolean returnsValue = in.readBoolean();
            ClassLoader loader = Functions.class.getClassLoader();
            Class<?> owner = Class.forName(className, false, loader);
            Method method = owner.getDeclaredMethod(name,
                    MethodType.fromMethodDescriptorString(descriptor, loader).parameterArray());
            method.setAccessible(true);
            return new ByName(method, arity, returnsValue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ProcessError("cannot find the task's function in this process: " + e, e);
        }
    }

    /** The serialized form of a serializable lambda or method reference, or null. */
    private static SerializedLambda lambdaOf(Object function) {
        try {
            Method writeReplace = function.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(function) instanceof SerializedLambda lambda ? lambda : null;
        } catch (ReflectiveOperationException | RuntimeException notALambda) {
            return null;
        }
    }

    /** A static method called by reflection. */
    private record ByName(Method method, int arity, boolean returnsValue) implements Invoker {
        @Override
        public Object invoke(Object[] args) throws Exception {
            if (args.length != arity) {
                throw new IllegalArgumentException(
                        "task takes " + arity + " argument(s) but " + args.length + " were given");
            }
            try {
                Object result = method.invoke(null, args);
                return returnsValue ? result : null;
            } catch (InvocationTargetException e) {
                throw Invoker.rethrow(e.getCause());
            }
        }

        @Override
        public Object target() {
            return method;
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
