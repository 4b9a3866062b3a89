package dev.lookout.check;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A client socket whose every blocking call ends at the check's {@link Deadline}.
 *
 * <p>Three bounds work together: each read gets the time left as its socket timeout; after each
 * read the deadline is checked again (a peer dripping one byte per second never trips a per-read
 * timeout); and a shared timer closes the socket at the deadline, which unblocks what socket
 * timeouts do not cover (writes, a TLS handshake's writes, a connect to the next address).
 *
 * <p>It also remembers the current phase ({@code dns}, {@code connect}, {@code tls}, ...) so that
 * a failure can be reported as "timeout during tls".
 */
public final class DeadlineSocket implements Closeable {
    /** One daemon thread closes sockets at their deadline for all checks; the closing itself does not block. */
    private static final ScheduledExecutorService CLOSER = closer();

    private final Deadline deadline;
    private final Timings.Recorder timings;
    private volatile String phase = "dns";
    private Socket plain;
    private Socket current;
    private ScheduledFuture<?> closeAtDeadline;

    public DeadlineSocket(Deadline deadline, Timings.Recorder timings) {
        this.deadline = deadline;
        this.timings = timings;
    }

    /** Resolves {@code host} and connects to its first address that accepts, IPv4 first. */
    public void connect(String host, int port, AddressResolver resolver)
            throws IOException, DeadlineExceededException {
        phase = "dns";
        List<InetAddress> addresses = resolver.resolve(host, deadline);
        if (AddressResolver.literal(host).isEmpty()) {
            timings.dnsDone();
        }
        phase = "connect";
        ConnectException refused = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            plain = socket;
            current = socket;
            armCloser(socket);
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, port), deadline.socketTimeoutMillis(phase));
                timings.connectDone();
                return;
            } catch (ConnectException e) {
                // Refused on this address; another family may still answer.
                refused = e;
                closeQuietly();
            }
        }
        throw refused != null ? refused : new UnknownHostException("no address for host: " + host);
    }

    /** Connects to one given address (already resolved, e.g. one of several tested separately). */
    public void connect(InetAddress address, int port) throws IOException, DeadlineExceededException {
        phase = "connect";
        Socket socket = new Socket();
        plain = socket;
        current = socket;
        armCloser(socket);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address, port), deadline.socketTimeoutMillis(phase));
        timings.connectDone();
    }

    /** The TLS session after {@link #startTls}, e.g. for the peer's certificates; empty on plain connections. */
    public Optional<SSLSession> tlsSession() {
        return current instanceof SSLSocket tls ? Optional.of(tls.getSession()) : Optional.empty();
    }

    /**
     * Runs a TLS handshake over the connected socket. With {@code verify}, the certificate chain
     * must be trusted and match {@code host} (the same check browsers do).
     */
    public void startTls(String host, int port, SSLSocketFactory factory, boolean verify)
            throws IOException, DeadlineExceededException {
        phase = "tls";
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        if (AddressResolver.literal(host).isEmpty()) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        if (verify) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(parameters);
        current = tls;
        tls.setSoTimeout(deadline.socketTimeoutMillis(phase));
        tls.startHandshake();
        deadline.check(phase);
        timings.tlsDone();
    }

    public void phase(String phase) {
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }

    /** Reads that each end at the deadline, then check it again. */
    public InputStream input() throws IOException {
        InputStream in = current.getInputStream();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                current.setSoTimeout(remainingMillis());
                int n = in.read(buffer, offset, length);
                if (deadline.expired()) {
                    throw new SocketTimeoutException("deadline passed during " + phase);
                }
                return n;
            }
        };
    }

    /** Writes are bounded by the closer only: socket timeouts do not apply to them. */
    public OutputStream output() throws IOException {
        return current.getOutputStream();
    }

    /**
     * The exception as a timeout in the current phase when that is what it means: a socket
     * timeout, or any failure once the deadline has passed (the closer makes blocked calls fail with
     * "Socket closed"). Returns null for a real failure.
     */
    public DeadlineExceededException asTimeout(IOException e) {
        if (e instanceof SocketTimeoutException || deadline.expired()) {
            return new DeadlineExceededException(phase);
        }
        return null;
    }

    /** The body of a check over this socket; it may fail with I/O and deadline errors. */
    @FunctionalInterface
    public interface Exchange {
        Probe run() throws IOException, DeadlineExceededException;
    }

    /**
     * Runs {@code exchange} and turns what it throws into the probe a check returns, so that a check
     * never throws: a timeout (or an I/O error caused by the deadline) is TIMEOUT in the current
     * phase, another I/O error FAILED with the words of {@code failure}, a bug FAILED naming the phase.
     */
    public Probe probe(Exchange exchange, java.util.function.Function<IOException, String> failure) {
        try {
            return exchange.run();
        } catch (IOException e) {
            DeadlineExceededException timeout = asTimeout(e);
            if (timeout != null) {
                return Probe.timedOut(timeout, timings.finish());
            }
            return Probe.failed(failure.apply(e), timings.finish());
        } catch (DeadlineExceededException e) {
            return Probe.timedOut(e, timings.finish());
        } catch (RuntimeException e) {
            return Probe.failed("internal error during " + phase + ": " + e, timings.finish());
        }
    }

    /** A connection failure worded for an alert: "connection refused", "no such host: x", ... */
    public String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return e.getMessage();
        }
        if (e instanceof ConnectException) {
            String message = String.valueOf(e.getMessage());
            return message.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "connect failed: " + message;
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return e.getClass().getSimpleName() + " during " + phase + ": " + e.getMessage();
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private int remainingMillis() throws SocketTimeoutException {
        long nanos = deadline.remainingNanos();
        if (nanos <= 0) {
            throw new SocketTimeoutException("deadline passed during " + phase);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
    }

    private void armCloser(Socket socket) {
        Socket target = socket;
        closeAtDeadline = CLOSER.schedule(() -> {
            try {
                target.close();
            } catch (IOException ignored) {
                // Closing is best effort; the blocked call fails either way.
            }
        }, Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
    }

    private void closeQuietly() {
        if (closeAtDeadline != null) {
            closeAtDeadline.cancel(false);
            closeAtDeadline = null;
        }
        // Close the plain socket: closing the TLS layer could block sending close_notify to a stalled peer.
        if (plain != null) {
            try {
                plain.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }
    }

    private static ScheduledExecutorService closer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "lookout-deadline-closer");
            thread.setDaemon(true);
            return thread;
        });
        // Most checks finish long before their deadline; cancelled closers must not pile up in the queue.
        executor.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(executor);
    }
}
