package dev.lookout.check.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * The MariaDB driver's {@code socketFactory}: returns a socket already connected by the check
 * ({@link DriverSockets}). The driver creates it by reflection and passes its configuration, where
 * the lease token travels as the extra option {@value #TOKEN_OPTION}.
 */
public final class MariaDbSocketFactory extends ConfigurableSocketFactory {
    static final String TOKEN_OPTION = "lookoutLease";

    private String token;

    @Override
    public void setConfiguration(Configuration configuration, String host) {
        token = configuration.nonMappedOptions().getProperty(TOKEN_OPTION);
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
