package org.mpdemo.multiprocessing.managers;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** Where a manager listens, in a form that serializes: a Unix-domain socket path, or a TCP host and port. */
record ManagerAddress(String path, String host, int port) implements Serializable {

    static ManagerAddress of(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress unix) return new ManagerAddress(unix.getPath().toString(), null, 0);
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return new ManagerAddress(null, host, inet.getPort());
        }
        throw new IllegalArgumentException("a manager listens on a Unix-domain socket or TCP, not " + address);
    }

    boolean unix() {
        return path != null;
    }

    /** Whether the manager runs on this machine, so that its pid can be checked here. */
    boolean isLocal() {
        if (unix()) return true;
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    SocketAddress socketAddress() {
        return unix() ? UnixDomainSocketAddress.of(Path.of(path)) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return unix() ? path : host + ":" + port;
    }
}
