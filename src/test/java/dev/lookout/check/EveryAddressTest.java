package dev.lookout.check;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.check.http.HttpCheck;
import dev.lookout.check.http.HttpSettings;
import dev.lookout.check.tcp.TcpCheck;
import dev.lookout.check.tcp.TcpSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code all_addresses: true} for tcp and http: a name that dnsmasq resolves to 127.0.0.1 and
 * 127.0.0.2 (both loopback on Linux), with the target listening on one or both.
 */
class EveryAddressTest {
    private static Dnsmasq dns;
    private static AddressResolver resolver;

    @BeforeAll
    static void startDnsmasq() throws IOException {
        dns = new Dnsmasq(List.of("--host-record=pair.test,127.0.0.1", "--host-record=pair.test,127.0.0.2"));
        resolver = new AddressResolver(List.of(dns.address()));
    }

    @AfterAll
    static void stopDnsmasq() {
        dns.close();
    }

    @Test
    void tcp_fails_naming_the_address_that_refuses() throws Exception {
        try (RawServer first = new RawServer(RawServer::stall)) {
            Probe probe = new TcpCheck(new TcpSettings("pair.test", first.port(), null, null, true), resolver)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
            assertThat(probe.message()).isEqualTo("1 of 2 addresses failed: 127.0.0.2 connection refused");
            assertThat(value(probe, "addresses.total")).contains(2L);
            assertThat(value(probe, "addresses.failed")).contains(1L);
            assertThat(value(probe, "addresses.failing")).contains(List.of("127.0.0.2"));
            assertThat(probe.timings().dnsMicros()).isPositive();
        }
    }

    @Test
    void tcp_reaches_a_name_when_every_address_answers() throws Exception {
        try (RawServer first = new RawServer(RawServer::stall);
             RawServer second = new RawServer(new InetSocketAddress("127.0.0.2", first.port()), RawServer::stall)) {
            Probe probe = new TcpCheck(new TcpSettings("pair.test", first.port(), null, null, true), resolver)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(probe.message()).isEqualTo("connected (all 2 addresses)");
            assertThat(value(probe, "addresses.failed")).contains(0L);
            assertThat(value(probe, "addresses.failing")).contains(List.of());
            assertThat(value(probe, "connected")).contains(true);
        }
    }

    @Test
    void a_silent_address_times_out_within_the_one_deadline_while_the_other_answers() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (RawServer first = new RawServer(EveryAddressTest::answerHello);
             RawServer second = new RawServer(new InetSocketAddress("127.0.0.2", first.port()), RawServer::stall)) {
            long start = System.nanoTime();
            Probe probe = new TcpCheck(new TcpSettings("pair.test", first.port(), null, "hello", true), resolver)
                    .run(Deadline.after(timeout));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
            assertThat(probe.message()).startsWith("1 of 2 addresses failed: 127.0.0.2 timeout during reply after ");
            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    @Test
    void http_fails_naming_the_address_that_refuses() throws Exception {
        HttpServer first = httpServer(new InetSocketAddress("127.0.0.1", 0));
        try {
            Probe probe = new HttpCheck(HttpSettings.get(url(first)).withAllAddresses(true), resolver)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
            assertThat(probe.message()).isEqualTo("1 of 2 addresses failed: 127.0.0.2 connection refused");
            assertThat(value(probe, "addresses.failing")).contains(List.of("127.0.0.2"));
        } finally {
            first.stop(0);
        }
    }

    @Test
    void http_reaches_every_address_with_the_host_name_in_the_request() throws Exception {
        HttpServer first = httpServer(new InetSocketAddress("127.0.0.1", 0));
        HttpServer second = httpServer(new InetSocketAddress("127.0.0.2", first.getAddress().getPort()));
        try {
            Probe probe = new HttpCheck(HttpSettings.get(url(first)).withAllAddresses(true), resolver)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(probe.message()).isEqualTo("200 OK (all 2 addresses)");
            assertThat(value(probe, "addresses.total")).contains(2L);
            assertThat(value(probe, "body")).contains("host pair.test:" + first.getAddress().getPort());
        } finally {
            first.stop(0);
            second.stop(0);
        }
    }

    private static HttpServer httpServer(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", exchange -> {
            byte[] body = ("host " + exchange.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://pair.test:" + server.getAddress().getPort() + "/");
    }

    private static void answerHello(java.net.Socket socket) throws IOException {
        socket.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        RawServer.stall(socket);
    }

    private static Optional<Object> value(Probe probe, String placeholder) {
        return probe.observation().value(placeholder);
    }
}
