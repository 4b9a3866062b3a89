package dev.lookout.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server whose handler does whatever a test needs, including misbehaving (never
 * answering, dripping bytes). Each connection runs on its own virtual thread; close() ends them all.
 */
public final class RawServer implements AutoCloseable {

    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public RawServer(Handler handler) throws IOException {
        this(new ServerSocket(), handler);
    }

    /** For servers created elsewhere (an {@code SSLServerSocket}); binds it to a free loopback port. */
    public RawServer(ServerSocket unbound, Handler handler) throws IOException {
        this(unbound, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), handler);
    }

    /** Listening on a given address, e.g. 127.0.0.2 on the port of another server on 127.0.0.1. */
    public RawServer(InetSocketAddress address, Handler handler) throws IOException {
        this(new ServerSocket(), address, handler);
    }

    private RawServer(ServerSocket unbound, InetSocketAddress address, Handler handler) throws IOException {
        server = unbound;
        server.bind(address);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    Thread.ofVirtual().start(() -> {
                        try (socket) {
                            handler.handle(socket);
                        } catch (Exception e) {
                            // The client went away or the test ended: nothing to report from the server side.
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Holds the connection open without reading or writing, until the test closes the server. */
    public static void stall(Socket socket) throws IOException {
        socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
