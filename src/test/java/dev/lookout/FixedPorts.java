package dev.lookout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port for a child Lookout process that must listen on a port chosen before it starts
 * (and keep it across restarts). Chosen below the kernel's ephemeral range (32768..60999 on
 * Linux): a port the kernel handed out with {@code bind(0)} may be given again, before the child
 * binds it, to an outgoing connection (the child's own database pool), and the start fails with
 * "port already in use".
 */
public final class FixedPorts {
    private static final int FROM = 20_000;
    private static final int TO = 32_000;

    private FixedPorts() {
    }

    public static int free() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FROM, TO);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between " + FROM + " and " + TO + " after 200 attempts");
    }
}
