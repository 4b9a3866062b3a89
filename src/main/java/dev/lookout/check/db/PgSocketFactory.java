package dev.lookout.check.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * pgjdbc's {@code socketFactory}: returns a socket already connected by the check
 * ({@link DriverSockets}), so pgjdbc skips its own connect and the DNS lookup before it. pgjdbc
 * creates it by reflection with {@code socketFactoryArg} (the lease token) as the argument.
 */
public final class PgSocketFactory extends SocketFactory {
    private final String token;

    public PgSocketFactory(String token) {
        this.token = token;
    }

    @Override
    public Socket createSocket() throws IOException {
        return DriverSockets.connect(token);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        throw unsupported();
    }

    private static SocketException unsupported() {
        return new SocketException("only unconnected sockets are handed out (the check connects them)");
    }
}
