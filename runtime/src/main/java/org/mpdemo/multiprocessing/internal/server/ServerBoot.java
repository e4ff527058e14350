package org.mpdemo.multiprocessing.internal.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;

/**
 * What a manager server is told on its standard input, never on its command line: the authkey, and where to
 * listen — a TCP host and port, or the directory under which to make its private socket directory.
 *
 * <p>On the pipe: {@code int magic, int length}, then {@code length} bytes of {@code block key, boolean tcp,
 * string hostOrBase, int port}.
 */
public record ServerBoot(byte[] authkey, boolean tcp, String hostOrBase, int port) {
    static final int MAGIC = 0x4d504d31; // "MPM1"
    /** Far more than a key (at most 1024 bytes) and a path take: the length is checked before it is allocated. */
    private static final int MAX_LENGTH = 64 << 10;

    public byte[] encode() {
        ByteWriter body = new ByteWriter(64 + authkey.length + hostOrBase.length())
                .writeBlock(authkey).writeBoolean(tcp).writeString(hostOrBase).writeInt(port);
        return new ByteWriter(8 + body.size()).writeInt(MAGIC).writeInt(body.size()).write(body.toByteArray())
                .toByteArray();
    }

    /** Reads one boot message; a wrong magic or length is a {@link ProtocolException}. */
    static ServerBoot read(InputStream in) throws IOException {
        ByteReader header = new ByteReader(readExactly(in, 8));
        if (header.readInt() != MAGIC) throw new ProtocolException("not a manager's boot message");
        int length = header.readInt();
        if (length < 0 || length > MAX_LENGTH) throw new ProtocolException("boot message of " + length + " bytes");
        ByteReader body = new ByteReader(readExactly(in, length));
        return new ServerBoot(body.readBlock(), body.readBoolean(), body.readString(), body.readInt());
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) throw new EOFException("the parent closed the boot pipe");
        return bytes;
    }
}
