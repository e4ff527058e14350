package org.mpdemo.multiprocessing.internal.server;

import java.io.IOException;
import org.mpdemo.multiprocessing.internal.reduction.ByteReader;
import org.mpdemo.multiprocessing.internal.reduction.ByteWriter;

/**
 * What a manager server is told as it starts, never on its command line: the authkey, and where to listen — a
 * TCP host and port, or the directory under which to make its private socket directory. It is the one argument
 * of {@link ServerMain#serve}, so it travels in the child's BOOT frame over the private pipe, as every child's
 * target does.
 */
public record ServerBoot(byte[] authkey, boolean tcp, String hostOrBase, int port) {

    public byte[] encode() {
        return new ByteWriter(64 + authkey.length + hostOrBase.length())
                .writeBlock(authkey).writeBoolean(tcp).writeString(hostOrBase).writeInt(port).toByteArray();
    }

    static ServerBoot decode(byte[] bytes) throws IOException {
        ByteReader in = new ByteReader(bytes);
        return new ServerBoot(in.readBlock(), in.readBoolean(), in.readString(), in.readInt());
    }
}
