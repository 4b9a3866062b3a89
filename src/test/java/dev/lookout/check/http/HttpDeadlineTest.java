package dev.lookout.check.http;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static dev.lookout.check.http.HttpCheckTest.readRequest;
import static dev.lookout.check.http.HttpCheckTest.respond;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import dev.lookout.check.SilentDnsServer;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The first promise of the product: a check ends at its timeout, whatever the server or DNS does. */
class HttpDeadlineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));

    @Test
    void times_out_when_the_server_accepts_and_never_answers() throws Exception {
        try (RawServer server = new RawServer(RawServer::stall)) {
            Probe probe = runTimed(HttpSettings.get(URI.create("http://127.0.0.1:" + server.port() + "/")), NO_DNS);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during first byte after ");
        }
    }

    @Test
    void times_out_when_the_body_drips_one_byte_at_a_time() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            readRequest(socket);
            respond(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            while (true) {
                out.write('x');
                out.flush();
                // The server's pace, not a wait for a result: each byte resets a per-read timeout.
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        })) {
            Probe probe = runTimed(HttpSettings.get(URI.create("http://127.0.0.1:" + server.port() + "/")), NO_DNS);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during body after ");
        }
    }

    @Test
    void times_out_when_the_server_never_speaks_tls() throws Exception {
        try (RawServer server = new RawServer(new ServerSocket(), RawServer::stall)) {
            Probe probe = runTimed(HttpSettings.get(URI.create("https://127.0.0.1:" + server.port() + "/")), NO_DNS);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during tls after ");
        }
    }

    @Test
    void times_out_in_dns_when_the_dns_server_never_answers() throws Exception {
        try (SilentDnsServer dns = new SilentDnsServer()) {
            AddressResolver resolver = new AddressResolver(List.of(dns.address()));

            Probe probe = runTimed(HttpSettings.get(URI.create("http://nonexistent.test/")), resolver);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during dns after ");
        }
    }

    /** Runs the check with a 1 s timeout and asserts it gave up at that deadline. */
    private static Probe runTimed(HttpSettings settings, AddressResolver resolver) {
        HttpCheck check = new HttpCheck(settings, resolver);
        long start = System.nanoTime();
        Probe probe = check.run(Deadline.after(TIMEOUT));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("%s: %s in %d ms%n", settings.url(), probe.message(), elapsed.toMillis());
        assertGaveUpAtDeadline(elapsed, TIMEOUT);
        return probe;
    }
}
