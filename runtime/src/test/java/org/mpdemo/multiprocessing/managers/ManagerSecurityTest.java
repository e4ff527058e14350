package org.mpdemo.multiprocessing.managers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mpdemo.multiprocessing.errors.AuthenticationError;
import org.mpdemo.multiprocessing.internal.wire.AuthKey;
import org.mpdemo.multiprocessing.internal.wire.Challenge;
import org.mpdemo.multiprocessing.internal.wire.Connection;
import org.mpdemo.multiprocessing.internal.wire.ManagerChannel;
import org.mpdemo.multiprocessing.internal.wire.ManagerProtocol;

/**
 * A manager refuses whoever cannot prove the authkey, before reading anything but a challenge's answer, and goes
 * on serving everyone else.
 *
 * <p>"Nothing is deserialized before authentication" is observed across processes with {@link Marker}, whose
 * {@code readObject} creates a file: the file must not appear after the marker is sent unauthenticated, and must
 * appear when an authenticated client sends it (which shows the observation works).
 */
@Timeout(60)
class ManagerSecurityTest {
    static final byte[] KEY = AuthKey.random(32);
    static Manager manager;
    static LockProxy lock;
    static Path markers;

    /** Leaves a file behind when deserialized, in whatever process that happens. */
    public static final class Marker implements Serializable {
        private static final long serialVersionUID = 1L;
        final String path;

        Marker(Path path) {
            this.path = path.toString();
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Files.createFile(Path.of(path));
        }
    }

    @BeforeAll
    static void start() throws IOException {
        manager = Manager.builder().authkey(KEY).start();
        lock = manager.lock();
        markers = Files.createTempDirectory("mk");
    }

    @AfterAll
    static void stop() throws IOException {
        manager.close();
        try (var files = Files.list(markers)) {
            for (Path p : files.toList()) Files.delete(p);
        }
        Files.delete(markers);
    }

    /** After each attack, a client with the key is still served. */
    @AfterEach
    void stillServesItsClients() {
        assertTrue(lock.acquire(true, 10));
        lock.release();
    }

    /**
     * An authenticated client sends a class the manager may not read: that call fails with the reason, the
     * manager reads nothing of it, and the same connection goes on serving (the @AfterEach check, and the value).
     */
    @Test
    void aClassOffTheAllowListFailsItsCallAndTheConnectionServesOn() {
        // a queue's items stay bytes in the manager; a dict's entries are objects there
        DictProxy<String, Object> dict = manager.dict();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> dict.put("k", new org.example.stranger.Stranger(2)));
        assertTrue(String.valueOf(e.getMessage()).contains("org.example.stranger.Stranger is not allowed to travel"),
                e.toString());
        assertEquals(0, dict.size(), "nothing of it was kept");
        dict.put("k", "next");
        assertEquals("next", dict.get("k"));
    }

    /**
     * 300 connections that never say a word, re-opened as the manager closes them: a client with the key still
     * gets in at once. Before, they filled the 64 handshake slots for 5 s each, and a client waited 5 to 14 s.
     */
    @Test
    void aFloodOfSilentConnectionsDoesNotKeepAClientOut() throws Exception {
        java.net.SocketAddress address = manager.address();
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> flood = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(300);
        try {
            for (int i = 0; i < 300; i++) {
                Thread t = new Thread(() -> {
                    boolean counted = false;
                    while (flooding.get()) {
                        try (java.nio.channels.SocketChannel silent = java.nio.channels.SocketChannel.open(address)) {
                            if (!counted) {
                                open.countDown();
                                counted = true;
                            }
                            // wait, silent, until the manager closes it (or the test ends)
                            while (flooding.get() && silent.read(java.nio.ByteBuffer.allocate(256)) >= 0) {
                                // what the manager sends is not answered
                            }
                        } catch (IOException e) {
                            // closed: open another
                        }
                    }
                }, "silent-" + i);
                t.setDaemon(true);
                t.start();
                flood.add(t);
            }
            assertTrue(open.await(30, java.util.concurrent.TimeUnit.SECONDS), "the flood did not connect");
            long start = System.nanoTime();
            try (Manager client = Manager.connect(address, KEY)) {
                LockProxy theirs = client.lock();
                assertTrue(theirs.acquire(true, 10));
                theirs.release();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("a client under a flood of 300 silent connections: in and served in %.3f s%n", seconds);
            // clients that answer at the same moment are all let in (the selector hands over every one it sees)
            java.util.concurrent.ExecutorService together = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                List<java.util.concurrent.Future<Boolean>> served = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    served.add(together.submit(() -> {
                        try (Manager client = Manager.connect(address, KEY)) {
                            LockProxy theirs = client.lock();
                            boolean got = theirs.acquire(true, 10);
                            if (got) theirs.release();
                            return got;
                        }
                    }));
                }
                for (var f : served) assertTrue(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            } finally {
                together.shutdownNow();
            }
            // the bound is 1 s; 2 s here leaves a loaded 2-core machine room, and the old behaviour took 5 s or more
            assertTrue(seconds < 2, "the client took " + seconds + " s");
        } finally {
            flooding.set(false);
            for (Thread t : flood) t.interrupt();
        }
    }

    @Test
    void theSocketIsInAPrivateDirectory() throws IOException {
        Path socket = ((UnixDomainSocketAddress) manager.address()).getPath();
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), Files.getPosixFilePermissions(socket.getParent()));
        assertTrue(socket.getParent().getFileName().toString().startsWith("mpdemo-manager-" + manager.pid() + "-"));
    }

    @Test
    void aWrongAuthkeyGetsAnAuthenticationError() {
        byte[] wrong = AuthKey.random(32);
        AuthenticationError e = assertThrows(AuthenticationError.class, () -> Manager.connect(manager.address(), wrong));
        assertTrue(e.getMessage().startsWith("digest sent was rejected"), e.getMessage());
        // the right key still works, on a new connection
        try (Manager ok = Manager.connect(manager.address(), KEY)) {
            assertEquals(manager.pid(), ok.pid());
        }
    }

    @Test
    void aClientRefusesAServerThatCannotAnswerItsChallenge() throws Exception {
        Path dir = Files.createTempDirectory("fake");
        Path path = dir.resolve("s");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(path));
            var impostor = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel s = fake.accept()) {
                    ManagerChannel c = new ManagerChannel(s);
                    c.send(concat(Challenge.CHALLENGE, AuthKey.random(Challenge.NONCE)));
                    c.receive(); // whatever the client answers, welcome it
                    ByteBuffer theirs = c.receive();
                    int challengeLength = theirs.remaining();
                    c.begin().put(Challenge.WELCOME);
                    c.next();
                    c.put(AuthKey.random(32)); // cannot compute the answer without the key
                    c.send();
                    ByteBuffer verdict = c.receive();
                    byte[] word = new byte[verdict.remaining()];
                    verdict.get(word);
                    ByteBuffer more = c.receive();
                    return new String(word) + (more == null ? " then closed" : " then sent more") + " " + challengeLength;
                } catch (IOException e) {
                    return e.toString();
                }
            });
            AuthenticationError e = assertThrows(AuthenticationError.class,
                    () -> Manager.connect(UnixDomainSocketAddress.of(path), KEY));
            assertTrue(e.getMessage().startsWith("digest received was wrong"), e.getMessage());
            assertEquals("#FAILURE# then closed " + (Challenge.CHALLENGE.length + Challenge.NONCE),
                    impostor.get(10, TimeUnit.SECONDS), "the client sent no request to the impostor");
        } finally {
            Files.deleteIfExists(path);
            Files.delete(dir);
        }
    }

    @Test
    void randomBytesAreRefused() throws Exception {
        try (SocketChannel raw = connect()) {
            readChallenge(raw);
            byte[] noise = AuthKey.random(1000);
            noise[0] |= 0x40; // as a frame length, far beyond a handshake's: refused without reading further
            write(raw, noise);
            assertClosedByServer(raw);
        }
        // random bytes that frame as a plausible answer
        try (SocketChannel raw = connect()) {
            readChallenge(raw);
            byte[] answer = AuthKey.random(32);
            write(raw, ByteBuffer.allocate(4 + answer.length).putInt(answer.length).put(answer).array());
            assertEquals("#FAILURE#", new String(readFrame(raw)));
            assertClosedByServer(raw);
        }
    }

    @Test
    void anOversizedFrameIsRefusedByItsLengthAlone() throws Exception {
        // before authentication: more than a challenge's answer, refused without waiting for the body
        try (SocketChannel raw = connect()) {
            readChallenge(raw);
            write(raw, ByteBuffer.allocate(4).putInt(ManagerChannel.HANDSHAKE_LIMIT + 1).array());
            assertClosedByServer(raw);
        }
        try (SocketChannel raw = connect()) {
            readChallenge(raw);
            write(raw, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
            assertClosedByServer(raw);
        }
        // after authentication: more than the maximum, refused as well
        try (SocketChannel raw = connect()) {
            Challenge.client(new ManagerChannel(raw), KEY);
            write(raw, ByteBuffer.allocate(4).putInt(Connection.MAX_FRAME + 1).array());
            assertClosedByServer(raw);
        }
    }

    @Test
    void nothingIsDeserializedBeforeAuthentication() throws Exception {
        Path unauthenticated = markers.resolve("a");
        byte[] object = serialize(new Marker(unauthenticated));
        assertTrue(object.length <= ManagerChannel.HANDSHAKE_LIMIT, "fits in a handshake frame: " + object.length);
        // a bare serialization stream, the moment the connection opens
        try (SocketChannel raw = connect()) {
            write(raw, object);
            readChallenge(raw); // sent as the connection opened
            assertClosedByServer(raw);
        }
        // a well-framed serialized object in place of the challenge's answer
        try (SocketChannel raw = connect()) {
            readChallenge(raw);
            write(raw, ByteBuffer.allocate(4 + object.length).putInt(object.length).put(object).array());
            assertEquals("#FAILURE#", new String(readFrame(raw)));
            assertClosedByServer(raw);
        }
        // a request after a failed handshake is never read
        try (SocketChannel raw = connect()) {
            readChallenge(raw);
            byte[] wrong = AuthKey.random(32);
            byte[] request = ByteBuffer.allocate(5 + 1 + object.length).put(ManagerProtocol.CALL).putInt(1)
                    .put(ManagerProtocol.M_PUT).put(object).array();
            write(raw, ByteBuffer.allocate(8 + wrong.length + request.length).putInt(wrong.length).put(wrong)
                    .putInt(request.length).put(request).array());
            assertEquals("#FAILURE#", new String(readFrame(raw)));
            assertClosedByServer(raw);
        }
        assertFalse(Files.exists(unauthenticated), "the manager deserialized an unauthenticated object");

        // the same object from an authenticated client is deserialized in the manager: the marker works
        Path authenticated = markers.resolve("b");
        DictProxy<String, Marker> dict = manager.dict();
        dict.put("marker", new Marker(authenticated));
        assertTrue(Files.exists(authenticated));
        Files.delete(authenticated); // our own process deserializes it too, when reading it back
        dict.get("marker");
        assertTrue(Files.exists(authenticated));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static SocketChannel connect() throws IOException {
        SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX);
        raw.connect(manager.address());
        return raw;
    }

    private static void readChallenge(SocketChannel raw) throws IOException {
        byte[] challenge = readFrame(raw);
        assertEquals(Challenge.CHALLENGE.length + Challenge.NONCE, challenge.length);
    }

    private static byte[] readFrame(SocketChannel raw) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        while (header.hasRemaining()) if (raw.read(header) < 0) throw new IOException("closed");
        ByteBuffer body = ByteBuffer.allocate(header.getInt(0));
        while (body.hasRemaining()) if (raw.read(body) < 0) throw new IOException("closed");
        return body.array();
    }

    private static void write(SocketChannel raw, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            while (b.hasRemaining()) raw.write(b);
        } catch (IOException closedAlready) {
            // the server may close before reading everything
        }
    }

    /** The server closes the connection promptly (end of stream, or a reset), having answered nothing more. */
    private static void assertClosedByServer(SocketChannel raw) throws Exception {
        var closed = CompletableFuture.supplyAsync(() -> {
            ByteBuffer sink = ByteBuffer.allocate(4096);
            try {
                int n;
                long extra = 0;
                while ((n = raw.read(sink)) >= 0) {
                    extra += n;
                    sink.clear();
                }
                return extra;
            } catch (IOException reset) {
                return 0L;
            }
        });
        assertEquals(0L, closed.get(5, TimeUnit.SECONDS), "bytes the server sent before closing");
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
