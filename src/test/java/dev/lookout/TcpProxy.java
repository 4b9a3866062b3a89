package dev.lookout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that a test can cut like a network: {@link #cut()} stops forwarding in
 * both directions without closing anything (bytes wait, as behind a dropped link; new connections
 * are accepted and then hear nothing), {@link #restore()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean cut;
    private volatile boolean closed;

    public TcpProxy(String upstreamHost, int upstreamPort) throws IOException {
        this.upstream = new InetSocketAddress(upstreamHost, upstreamPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding; connections stay open and silent. */
    public void cut() {
        cut = true;
    }

    /** Forwards again what waited and what comes. */
    public void restore() {
        synchronized (gate) {
            cut = false;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread.ofPlatform().daemon().name("tcp-proxy-connect").start(() -> connect(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            waitWhileCut();
            Socket target = new Socket();
            sockets.add(target);
            target.connect(upstream, 5_000);
            Thread.ofPlatform().daemon().name("tcp-proxy-up").start(() -> pump(client, target));
            Thread.ofPlatform().daemon().name("tcp-proxy-down").start(() -> pump(target, client));
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void waitWhileCut() throws InterruptedException {
        synchronized (gate) {
            while (cut && !closed) {
                gate.wait(100);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                waitWhileCut(); // what was read waits here, as on a dropped link
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        restore();
        server.close();
        sockets.forEach(TcpProxy::closeQuietly);
    }
}
