package org.mpdemo.multiprocessing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Mutual challenge–response authentication, as CPython's {@code connection.deliver_challenge} and
 * {@code answer_challenge}: the manager challenges the client, then the client challenges the manager; each
 * answer is an HMAC-SHA256 of a fresh 32-byte random challenge under the shared authkey. Only raw bytes are
 * exchanged, in frames of at most {@value ManagerChannel#HANDSHAKE_LIMIT} bytes: nothing is deserialized before
 * both sides have proved they hold the key.
 *
 * <p>Unlike CPython, the HMAC also covers which side answers ({@code 'C'} for a client, {@code 'S'} for a
 * manager), so a rogue server cannot obtain the answer to a client's challenge by reflecting it back to the
 * client on a second connection.
 */
final class Challenge {
    static final byte[] CHALLENGE = "#CHALLENGE#{sha256}".getBytes(StandardCharsets.US_ASCII);
    static final byte[] WELCOME = "#WELCOME#".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FAILURE = "#FAILURE#".getBytes(StandardCharsets.US_ASCII);
    static final int NONCE = 32;
    static final byte CLIENT = 'C';
    static final byte SERVER = 'S';

    private Challenge() {
    }

    /** Sends a challenge and checks the answer of the side {@code answerer}; sends WELCOME or FAILURE. */
    static void deliver(ManagerChannel channel, byte[] key, byte answerer) throws IOException {
        byte[] message = concat(CHALLENGE, AuthKey.random(NONCE));
        channel.send(message);
        ByteBuffer response = channel.receive();
        if (response == null) throw new java.io.EOFException("connection closed during authentication");
        byte[] answer = new byte[response.remaining()];
        response.get(answer);
        byte[] expected = AuthKey.hmac(key, new byte[] {answerer}, message);
        if (MessageDigest.isEqual(expected, answer)) {
            channel.send(WELCOME);
        } else {
            channel.send(FAILURE);
            throw new AuthenticationError("digest received was wrong");
        }
    }

    /** Answers the other side's challenge as {@code me}; throws if the answer is rejected. */
    static void answer(ManagerChannel channel, byte[] key, byte me) throws IOException {
        ByteBuffer challenge = channel.receive();
        if (challenge == null) throw new java.io.EOFException("connection closed during authentication");
        byte[] message = new byte[challenge.remaining()];
        challenge.get(message);
        if (message.length != CHALLENGE.length + NONCE
                || !Arrays.equals(message, 0, CHALLENGE.length, CHALLENGE, 0, CHALLENGE.length)) {
            throw new AuthenticationError("protocol error: expected a challenge");
        }
        channel.send(AuthKey.hmac(key, new byte[] {me}, message));
        ByteBuffer verdict = channel.receive();
        if (verdict == null) throw new AuthenticationError("digest sent was rejected");
        byte[] word = new byte[verdict.remaining()];
        verdict.get(word);
        if (!Arrays.equals(word, WELCOME)) throw new AuthenticationError("digest sent was rejected");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
