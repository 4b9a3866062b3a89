package dev.lookout.check.tcp;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpCheckTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));

    @Test
    void reaches_a_listening_port() throws Exception {
        try (RawServer server = new RawServer(RawServer::stall)) {
            Probe probe = run(TcpSettings.connectOnly("127.0.0.1", server.port()), Duration.ofSeconds(2));

            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(probe.observation().value("connected")).contains(true);
            assertThat(probe.observation().value("latency")).get().isInstanceOf(Duration.class);
        }
    }

    @Test
    void sends_and_expects_a_reply() throws Exception {
        try (RawServer server = new RawServer(TcpCheckTest::answerPing)) {
            Probe probe = run(new TcpSettings("127.0.0.1", server.port(), "PING\r\n", "+PONG"), Duration.ofSeconds(2));

            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(probe.observation().value("reply")).get().asString().startsWith("+PONG");
        }
    }

    @Test
    void fails_when_the_reply_does_not_match() throws Exception {
        try (RawServer server = new RawServer(TcpCheckTest::answerPing)) {
            Probe probe = run(new TcpSettings("127.0.0.1", server.port(), "HELLO\r\n", "+PONG"), Duration.ofSeconds(2));

            assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
            assertThat(probe.message()).isEqualTo("expected reply starting with '+PONG', got '-ERR unknown\\r\\n'");
        }
    }

    @Test
    void fails_when_the_connection_is_refused() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        Probe probe = run(TcpSettings.connectOnly("127.0.0.1", closedPort), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("connection refused");
    }

    @Test
    void times_out_when_the_server_never_replies() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (RawServer server = new RawServer(RawServer::stall)) {
            long start = System.nanoTime();
            Probe probe = run(new TcpSettings("127.0.0.1", server.port(), "PING\r\n", "+PONG"), timeout);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("tcp: %s in %d ms%n", probe.message(), elapsed.toMillis());

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during reply after ");
            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    private static Probe run(TcpSettings settings, Duration timeout) {
        return new TcpCheck(settings, NO_DNS).run(Deadline.after(timeout));
    }

    /** A one-command Redis look-alike. */
    private static void answerPing(java.net.Socket socket) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String command = in.readLine();
        String reply = "PING".equals(command) ? "+PONG\r\n" : "-ERR unknown\r\n";
        socket.getOutputStream().write(reply.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        // Close once the client has read: the check stops reading when it can decide.
        in.readLine();
    }
}
