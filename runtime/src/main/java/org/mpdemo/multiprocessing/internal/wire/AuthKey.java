package org.mpdemo.multiprocessing.internal.wire;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.internal.launch.Spawner;

/**
 * The process's authentication key (CPython's {@code current_process().authkey}) and the HMAC that proves it.
 *
 * <p>A main process draws 32 random bytes the first time it needs them; every child JVM inherits them through the
 * environment variable {@value #ENV}, which {@link Spawner} sets for each child. The environment, unlike the
 * command line ({@code /proc/<pid>/cmdline} is world-readable), is readable only by the process's own user and
 * root ({@code /proc/<pid>/environ} is mode 0400) — the same principals that can already reach a manager's private
 * socket directory. Keeping the key in the environment means it never has to ride inside serialized proxies, so a
 * proxy written to a queue, a result or a file does not disclose it.
 *
 * <p>Random bytes come from the kernel's CSPRNG ({@code /dev/urandom}, the source {@link SecureRandom}'s default
 * Linux implementation reads) when it exists, and from {@link SecureRandom} elsewhere: initializing the JDK's
 * security providers is slow, and every main process that starts a pool would otherwise pay for it.
 */
public final class AuthKey {
    /** Carries the key, hex-encoded, from a process to its children. */
    public static final String ENV = "MPDEMO_AUTHKEY";
    public static final int LENGTH = 32;
    /** Keys shorter than this are refused: they could be guessed. */
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 1024;

    private static volatile byte[] processKey;

    private AuthKey() {
    }

    /** This process's key: inherited from the parent, or drawn now in a main process. */
    public static byte[] processKey() {
        byte[] key = processKey;
        if (key == null) {
            synchronized (AuthKey.class) {
                key = processKey;
                if (key == null) {
                    String inherited = System.getenv(ENV);
                    if (inherited != null && !inherited.isEmpty()) {
                        key = fromHex(inherited);
                        if (key == null || key.length < MIN_LENGTH || key.length > MAX_LENGTH) {
                            throw new ProcessError(ENV + " does not hold a hex-encoded key of "
                                    + MIN_LENGTH + " to " + MAX_LENGTH + " bytes");
                        }
                    } else {
                        key = random(LENGTH);
                    }
                    processKey = key;
                }
            }
        }
        return key;
    }

    /** Puts this process's key into a child's environment. */
    public static void exportTo(Map<String, String> environment) {
        environment.put(ENV, hex(processKey()));
    }

    /** Checks a caller-supplied key and copies it. */
    public static byte[] checked(byte[] key) {
        if (key == null) throw new IllegalArgumentException("authkey must not be null");
        if (key.length < MIN_LENGTH || key.length > MAX_LENGTH) {
            throw new IllegalArgumentException("authkey must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " bytes, not " + key.length);
        }
        return key.clone();
    }

    public static byte[] random(int n) {
        byte[] bytes = new byte[n];
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(bytes, 0, n) == n) return bytes;
        } catch (IOException notLinux) {
            // fall back below
        }
        Strong.RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static final class Strong {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /**
     * HMAC-SHA256 (RFC 2104) of the concatenated parts, built on the JDK's SHA-256: the same function as
     * {@code javax.crypto.Mac("HmacSHA256")}, which a unit test checks, without the time it takes to start JCE.
     */
    public static byte[] hmac(byte[] key, byte[]... parts) {
        MessageDigest sha = sha256();
        if (key.length > 64) key = sha.digest(key);
        byte[] pad = Arrays.copyOf(key, 64);
        for (int i = 0; i < 64; i++) pad[i] ^= 0x36;
        sha.update(pad);
        for (byte[] p : parts) sha.update(p);
        byte[] inner = sha.digest();
        for (int i = 0; i < 64; i++) pad[i] ^= 0x36 ^ 0x5c;
        sha.update(pad);
        sha.update(inner);
        Arrays.fill(pad, (byte) 0);
        return sha.digest();
    }

    /** A fresh SHA-256, cloned from a prototype: no provider lookup per use. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) Sha256.PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return Sha256.create();
        }
    }

    private static final class Sha256 {
        static final MessageDigest PROTOTYPE = create();

        static MessageDigest create() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256", e);
            }
        }
    }

    public static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) s.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        return s.toString();
    }

    /** The bytes, or {@code null} if {@code text} is not even-length hex. */
    public static byte[] fromHex(String text) {
        if (text.length() % 2 != 0) return null;
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(text.charAt(2 * i), 16);
            int lo = Character.digit(text.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return null;
            bytes[i] = (byte) (hi << 4 | lo);
        }
        return bytes;
    }
}
