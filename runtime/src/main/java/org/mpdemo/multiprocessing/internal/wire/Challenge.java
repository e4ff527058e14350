package org.mpdemo.multiprocessing.internal.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.mpdemo.multiprocessing.errors.AuthenticationError;

/**
 * Mutual challenge–response authentication, as CPython's {@code connection.deliver_challenge} and
 * {@code answer_challenge}: the manager challenges the client, then the client challenges the manager; each
 * answer is an HMAC-SHA256 of a fresh 32-byte random challenge under the shared authkey. Only raw bytes are
 * exchanged, in frames of at most {@value ManagerChannel#HANDSHAKE_LIMIT} bytes: nothing is deserialized before
 * both sides have proved they hold the key.
 *
 * <p>Two differences from CPython. The HMAC also covers which side answers ({@code 'C'} for a client,
 * {@code 'S'} for a manager), so a rogue server cannot get the answer to a client's challenge by reflecting it
 * back to the client on a second connection. And the messages are pipelined — the client sends its challenge
 * with its answer, the manager its answer with its welcome — so the exchange costs one and a half round trips
 * instead of three; the manager still answers only a client that has proved the key.
 *
 * <pre>
 *   manager → client   #CHALLENGE#{sha256} nonceS
 *   client  → manager  HMAC(key, 'C' ‖ challengeS), #CHALLENGE#{sha256} nonceC
 *   manager → client   #WELCOME#, HMAC(key, 'S' ‖ challengeC)          (or #FAILURE#, and it closes)
 *   client  → manager  #WELCOME#                                        (or #FAILURE#, and it closes)
 * </pre>
 */
public final class Challenge {
    public static final byte[] CHALLENGE = "#CHALLENGE#{sha256}".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    public static final int NONCE = 32;
    public static final byte CLIENT = 'C';
    public static final byte SERVER = 'S';

    private Challenge() {
    }

    /**
     * The manager's side, first step: sends its challenge, and returns it for {@link #serverFinish}, which the
     * manager runs once the client has begun to answer (until then a connection costs it no thread).
     */
    public static byte[] serverHello(ManagerChannel channel) throws IOException {
        byte[] mine = challenge();
        channel.send(mine);
        return mine;
    }

    /** The rest of the manager's side; throws {@link AuthenticationError} if the client does not hold the key. */
    public static void serverFinish(ManagerChannel channel, byte[] key, byte[] mine) throws IOException {
        byte[] answer = next(channel);
        if (!MessageDigest.isEqual(AuthKey.hmac(key, new byte[] {CLIENT}, mine), answer)) {
            channel.send(FAILURE);
            throw new AuthenticationError("digest received was wrong");
        }
        byte[] theirs = next(channel);
        check(theirs);
        channel.begin().put(WELCOME);
        channel.next();
        channel.put(AuthKey.hmac(key, new byte[] {SERVER}, theirs));
        channel.send();
        if (!Arrays.equals(next(channel), WELCOME)) throw new AuthenticationError("digest sent was rejected");
    }

    /** The client's side; throws {@link AuthenticationError} if either side does not hold {@code key}. */
    public static void client(ManagerChannel channel, byte[] key) throws IOException {
        byte[] theirs = next(channel);
        check(theirs);
        byte[] mine = challenge();
        channel.begin();
        channel.put(AuthKey.hmac(key, new byte[] {CLIENT}, theirs));
        channel.next();
        channel.put(mine);
        channel.send();
        if (!Arrays.equals(next(channel), WELCOME)) throw new AuthenticationError("digest sent was rejected");
        if (!MessageDigest.isEqual(AuthKey.hmac(key, new byte[] {SERVER}, mine), next(channel))) {
            channel.send(FAILURE);
            throw new AuthenticationError("digest received was wrong");
        }
        channel.send(WELCOME);
    }

    private static byte[] challenge() {
        byte[] nonce = AuthKey.random(NONCE);
        byte[] message = Arrays.copyOf(CHALLENGE, CHALLENGE.length + NONCE);
        System.arraycopy(nonce, 0, message, CHALLENGE.length, NONCE);
        return message;
    }

    private static void check(byte[] challenge) {
        if (challenge.length != CHALLENGE.length + NONCE
                || !Arrays.equals(challenge, 0, CHALLENGE.length, CHALLENGE, 0, CHALLENGE.length)) {
            throw new AuthenticationError("protocol error: expected a challenge");
        }
    }

    /** The next frame's bytes; end of stream is an {@link EOFException}, the peer being gone. */
    private static byte[] next(ManagerChannel channel) throws IOException {
        ByteBuffer frame = channel.receive();
        if (frame == null) throw new EOFException("connection closed during authentication");
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }
}
