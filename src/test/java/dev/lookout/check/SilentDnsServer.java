package dev.lookout.check;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A DNS server that reads every query and never answers: the case the JDK resolver cannot bound. */
public final class SilentDnsServer implements AutoCloseable {
    private final DatagramSocket socket;

    public SilentDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[512];
            while (!socket.isClosed()) {
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** As {@code AddressResolver} takes it: "127.0.0.1:port". */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
