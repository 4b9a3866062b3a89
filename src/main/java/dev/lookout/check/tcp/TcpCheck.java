package dev.lookout.check.tcp;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineSocket;
import dev.lookout.check.EveryAddress;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Connects to a TCP port within the deadline and, when configured, sends a line and checks that
 * the reply starts with the expected text (a Redis PING, an SMTP banner).
 */
public final class TcpCheck implements Check {
    static final int MAX_REPLY_BYTES = 4096;

    private final TcpSettings settings;
    private final AddressResolver resolver;

    public TcpCheck(TcpSettings settings, AddressResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public Probe run(Deadline deadline) {
        if (settings.allAddresses()) {
            return EveryAddress.probe(settings.host(), resolver, deadline, (address, d) -> run(d, address));
        }
        return run(deadline, null);
    }

    /** @param address the one address to connect to, or null to resolve the host */
    private Probe run(Deadline deadline, InetAddress address) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        try (DeadlineSocket socket = new DeadlineSocket(deadline, timings)) {
            return socket.probe(() -> {
                if (address != null) {
                    socket.connect(address, settings.port());
                } else {
                    socket.connect(settings.host(), settings.port(), resolver);
                }
                if (settings.send() != null) {
                    socket.phase("send");
                    OutputStream out = socket.output();
                    out.write(settings.send().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                String reply = "";
                if (settings.expect() != null) {
                    socket.phase("reply");
                    byte[] expected = settings.expect().getBytes(StandardCharsets.UTF_8);
                    byte[] received = readReply(socket.input(), expected, timings);
                    reply = new String(received, StandardCharsets.UTF_8);
                    if (!startsWith(received, expected)) {
                        return Probe.failed("expected reply starting with '" + printable(settings.expect()) + "', got '"
                                + printable(reply) + "'", timings.finish());
                    }
                }
                Timings done = timings.finish();
                return Probe.reached(reply.isEmpty() ? "connected" : "reply " + printable(firstLine(reply)), done,
                        new TcpObservation(done.total(), reply));
            }, socket::describe);
        }
    }

    /** Reads until the reply is long enough to compare, differs, ends, or reaches the 4 KiB kept. */
    private static byte[] readReply(InputStream in, byte[] expected, Timings.Recorder timings) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (reply.size() < Math.max(expected.length, 1) && reply.size() < MAX_REPLY_BYTES) {
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_REPLY_BYTES - reply.size()));
            if (n < 0) {
                break;
            }
            timings.firstByte();
            reply.write(buffer, 0, n);
            byte[] sofar = reply.toByteArray();
            int common = Math.min(sofar.length, expected.length);
            if (!Arrays.equals(sofar, 0, common, expected, 0, common)) {
                break; // already differs: waiting longer cannot make it match
            }
        }
        return reply.toByteArray();
    }

    private static boolean startsWith(byte[] reply, byte[] prefix) {
        return reply.length >= prefix.length && Arrays.equals(reply, 0, prefix.length, prefix, 0, prefix.length);
    }


    private static String firstLine(String reply) {
        int end = reply.indexOf('\n');
        return end < 0 ? reply : reply.substring(0, end);
    }

    /** Control characters shown escaped, so that "\r\n" in a message stays on one line. */
    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }
}
