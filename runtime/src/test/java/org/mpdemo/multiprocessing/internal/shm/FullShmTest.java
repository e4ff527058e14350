package org.mpdemo.multiprocessing.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.JavaProgram;
import org.mpdemo.multiprocessing.errors.ProcessError;
import org.mpdemo.multiprocessing.shared.Array;
import org.mpdemo.multiprocessing.shared.Lock;
import org.mpdemo.multiprocessing.shared.Queue;

/**
 * A full {@code /dev/shm}: every way of making shared memory fails with one clear error, as CPython's
 * {@code OSError: [Errno 28] No space left on device}, never with a SIGBUS turned into an InternalError.
 *
 * <p>The program runs in a private mount namespace ({@code unshare -m}) whose {@code /dev/shm} is a tmpfs of
 * 2 MB: the machine's own {@code /dev/shm} is never filled.
 */
@Timeout(120)
class FullShmTest {

    /** Fills the small /dev/shm with one large array, then asks for more in each way. */
    public static final class Program {
        public static void main(String[] args) {
            try {
                Array.raw('b', 1_500_000); // a segment of its own, most of the room
                System.out.println("made the first array");
            } catch (ProcessError e) {
                System.out.println("first: " + e.getMessage());
            }
            for (String what : List.of("Lock", "Array", "Queue")) {
                try {
                    Object made = switch (what) {
                        case "Lock" -> { // arena segments of 1 MB: the first does not fit
                            Lock lock = new Lock();
                            yield lock;
                        }
                        case "Array" -> Array.raw('b', 600_000);
                        default -> new Queue<String>();
                    };
                    System.out.println(what + ": made " + made);
                } catch (ProcessError e) {
                    String message = e.getMessage().replaceAll("\\d+ bytes free", "N bytes free");
                    if (what.equals("Array")) message = message.replaceAll("for \\d+ bytes", "for N bytes");
                    System.out.println(what + ": " + message);
                }
            }
        }
    }

    @Test
    void aFullDevShmIsOneClearError() throws Exception {
        java.lang.Process probe = new ProcessBuilder("unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=4k tmpfs "
                + "/dev/shm").redirectErrorStream(true).start();
        String refused = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "full /dev/shm test skipped: no private mount namespace here (unshare -m: " + refused.strip() + ")");

        JavaProgram ran = JavaProgram.run(List.of("unshare", "-m", "sh", "-c",
                "mount -t tmpfs -o size=2m tmpfs /dev/shm && exec \"$@\"", "sh"), Program.class);
        assertEquals(0, ran.status(), ran.out() + ran.err());
        String full = ": cannot create shared memory in /dev/shm: no space left on device for ";
        assertEquals("made the first array\n"
                + "Lock" + full + "1048576 bytes (N bytes free) [Errno 28]\n"
                + "Array" + full + "N bytes (N bytes free) [Errno 28]\n"
                // a queue's own lock comes first, from an arena segment
                + "Queue" + full + "1048576 bytes (N bytes free) [Errno 28]\n", ran.out());
        assertTrue(!ran.err().contains("InternalError"), ran.err());
    }
}
