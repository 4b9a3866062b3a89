package dev.lookout.check.db;

import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.Timings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands a JDBC driver sockets that the check connected itself, to addresses it resolved itself.
 *
 * <p>Drivers create their socket factory by reflection from a class name, so the check cannot pass
 * it an object: it registers a {@link Lease} under a random token, names the token in the driver's
 * properties, and the factory ({@link PgSocketFactory}, {@link MariaDbSocketFactory}) looks it up.
 * The lease keeps every socket it connected, so the check can close them at its deadline whatever
 * the driver is blocked in (connect, TLS, login, a query).
 */
final class DriverSockets {
    private static final Map<String, Lease> LEASES = new ConcurrentHashMap<>();

    private DriverSockets() {
    }

    static Lease lease(List<InetAddress> addresses, int port, Deadline deadline, Timings.Recorder timings) {
        Lease lease = new Lease(UUID.randomUUID().toString(), addresses, port, deadline, timings);
        LEASES.put(lease.token, lease);
        return lease;
    }

    /** Called by the socket factories: a socket connected for the lease named by {@code token}. */
    static Socket connect(String token) throws IOException {
        Lease lease = token == null ? null : LEASES.get(token);
        if (lease == null) {
            throw new SocketException("no connection was prepared for this driver call");
        }
        return lease.connect();
    }

    /** One check's sockets: connected to its resolved addresses, closed all at once at its deadline. */
    static final class Lease implements AutoCloseable {
        private final String token;
        private final List<InetAddress> addresses;
        private final int port;
        private final Deadline deadline;
        private final Timings.Recorder timings;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile String phase = "connect";
        private volatile boolean closedAtDeadline;

        private Lease(String token, List<InetAddress> addresses, int port, Deadline deadline, Timings.Recorder timings) {
            this.token = token;
            this.addresses = List.copyOf(addresses);
            this.port = port;
            this.deadline = deadline;
            this.timings = timings;
        }

        String token() {
            return token;
        }

        String phase() {
            return phase;
        }

        void phase(String phase) {
            this.phase = phase;
        }

        boolean closedAtDeadline() {
            return closedAtDeadline;
        }

        /** Tries each address in order (IPv4 first) with the time left, like {@code DeadlineSocket}. */
        private Socket connect() throws IOException {
            if (closedAtDeadline) {
                // A driver that tries again once the deadline closed its socket (PostgreSQL's
                // sslmode=prefer retries without TLS): the phase stays the one the deadline ended.
                throw new SocketTimeoutException("deadline passed before connect");
            }
            phase = "connect";
            ConnectException refused = null;
            for (InetAddress address : addresses) {
                Socket socket = new Socket();
                sockets.add(socket);
                if (closedAtDeadline) {
                    socket.close();
                    throw new SocketTimeoutException("deadline passed before connect");
                }
                try {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(address, port), deadline.socketTimeoutMillis(phase));
                    timings.connectDone();
                    phase = "login";
                    return socket;
                } catch (ConnectException e) {
                    refused = e;
                    socket.close();
                } catch (DeadlineExceededException e) {
                    socket.close();
                    throw new SocketTimeoutException("deadline passed before connect");
                }
            }
            throw refused != null ? refused : new ConnectException("no address to connect to");
        }

        /** At the deadline: unblocks whatever the driver waits for; its call then fails with an I/O error. */
        void closeAtDeadline() {
            closedAtDeadline = true;
            closeSockets();
        }

        @Override
        public void close() {
            LEASES.remove(token);
            closeSockets();
        }

        private void closeSockets() {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Best effort: the socket is gone either way.
                }
            }
        }
    }
}
