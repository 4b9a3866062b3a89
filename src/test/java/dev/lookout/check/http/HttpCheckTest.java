package dev.lookout.check.http;

import static dev.lookout.check.DeadlineAssertions.assertFailedWellBeforeDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.build.BuildInfo;
import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import dev.lookout.condition.ConditionParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hello", exchange -> {
            byte[] body = "{\"ok\":true,\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("X-Trace", "a");
            exchange.getResponseHeaders().add("X-Trace", "b");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void observes_status_body_headers_and_timings() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");

        Probe probe = new HttpCheck(HttpSettings.get(url), NO_DNS).run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.message()).isEqualTo("200 OK");
        assertThat(value(probe, "status")).contains(200L);
        assertThat(value(probe, "body")).contains("{\"ok\":true,\"name\":\"Zoë\"}");
        assertThat(value(probe, "header.x-trace")).contains("a, b");
        assertThat(value(probe, "header.content-type")).contains("application/json; charset=utf-8");
        assertThat(value(probe, "url")).contains(url.toString());
        assertThat(value(probe, "latency")).get().isInstanceOf(Duration.class);
        assertThat(value(probe, "timing.connect")).get().isInstanceOf(Duration.class);
        assertThat(value(probe, "timing.first_byte")).get().isInstanceOf(Duration.class);
        // An IP literal needs no DNS and plain HTTP no TLS: those timings are absent, not zero.
        assertThat(value(probe, "timing.dns")).isEmpty();
        assertThat(value(probe, "timing.tls")).isEmpty();
        assertThat(value(probe, "cert.days_left")).isEmpty();
        assertThat(probe.timings().firstByteMicros()).isGreaterThanOrEqualTo(probe.timings().connectMicros());
    }

    @Test
    void json_path_conditions_read_the_body() throws Exception {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");

        Probe probe = new HttpCheck(HttpSettings.get(url), NO_DNS).run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(ConditionParser.parse("body.$.name == \"Zoë\"").evaluate(probe.observation(), java.time.Instant.EPOCH).passed()).isTrue();
        assertThat(ConditionParser.parse("header Content-Type contains json").evaluate(probe.observation(), java.time.Instant.EPOCH).passed()).isTrue();
        assertThat(ConditionParser.parse("status == 200").evaluate(probe.observation(), java.time.Instant.EPOCH).passed()).isTrue();
    }

    @Test
    void sends_method_body_custom_headers_and_basic_auth_as_written() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        try (RawServer raw = new RawServer(socket -> {
            received.complete(readRequest(socket));
            respond(socket, "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        })) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-One", "1");
            headers.put("Content-Type", "application/json");
            HttpSettings settings = HttpSettings.get(URI.create("http://127.0.0.1:" + raw.port() + "/api/items?x=1%202"))
                    .withRequest("post", headers, "{\"name\":\"é\"}")
                    .withBasicAuth("alice", "s3cret");

            Probe probe = new HttpCheck(settings, NO_DNS).run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(value(probe, "status")).contains(201L);
            assertThat(received.getNow(null)).isEqualTo("POST /api/items?x=1%202 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + raw.port() + "\r\n"
                    + "User-Agent: Lookout/" + BuildInfo.current().version() + "\r\n"
                    + "Accept: */*\r\n"
                    + "Authorization: Basic YWxpY2U6czNjcmV0\r\n"
                    + "X-One: 1\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: 13\r\n"
                    + "Connection: close\r\n"
                    + "\r\n"
                    + "{\"name\":\"é\"}");
        }
    }

    @Test
    void sends_a_bearer_token() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        try (RawServer raw = new RawServer(socket -> {
            received.complete(readRequest(socket));
            respond(socket, "HTTP/1.1 204 No Content\r\n\r\n");
        })) {
            HttpSettings settings = HttpSettings.get(URI.create("http://127.0.0.1:" + raw.port() + "/"))
                    .withBearerToken("tok-123");

            Probe probe = new HttpCheck(settings, NO_DNS).run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(value(probe, "status")).contains(204L);
            assertThat(received.getNow(null)).startsWith("GET / HTTP/1.1\r\n").contains("\r\nAuthorization: Bearer tok-123\r\n");
        }
    }

    @Test
    void reads_a_chunked_body_with_extensions_and_trailers() throws Exception {
        try (RawServer raw = new RawServer(socket -> {
            readRequest(socket);
            respond(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                    + "5\r\nhello\r\n" + "7;ext=1\r\n, world\r\n" + "0\r\nX-Checksum: 1\r\n\r\n");
        })) {
            Probe probe = new HttpCheck(HttpSettings.get(URI.create("http://127.0.0.1:" + raw.port() + "/")), NO_DNS)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(value(probe, "body")).contains("hello, world");
        }
    }

    @Test
    void reads_a_body_delimited_by_close() throws Exception {
        try (RawServer raw = new RawServer(socket -> {
            readRequest(socket);
            respond(socket, "HTTP/1.0 200 OK\r\n\r\nuntil close");
        })) {
            Probe probe = new HttpCheck(HttpSettings.get(URI.create("http://127.0.0.1:" + raw.port() + "/")), NO_DNS)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(value(probe, "body")).contains("until close");
        }
    }

    @Test
    void keeps_at_most_one_mebibyte_of_body() throws Exception {
        try (RawServer raw = new RawServer(socket -> {
            readRequest(socket);
            respond(socket, "HTTP/1.1 200 OK\r\nContent-Length: 3145728\r\n\r\n");
            socket.getOutputStream().write(new byte[3 * 1024 * 1024]);
        })) {
            Probe probe = new HttpCheck(HttpSettings.get(URI.create("http://127.0.0.1:" + raw.port() + "/")), NO_DNS)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(value(probe, "body")).get().asString().hasSize(1024 * 1024);
        }
    }

    @Test
    void fails_quickly_when_the_connection_is_refused() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        Duration deadline = Duration.ofSeconds(30);
        long start = System.nanoTime();
        Probe probe = new HttpCheck(HttpSettings.get(URI.create("http://127.0.0.1:" + closedPort + "/")), NO_DNS)
                .run(Deadline.after(deadline));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("connection refused");
        assertFailedWellBeforeDeadline(Duration.ofNanos(System.nanoTime() - start), deadline);
    }

    @Test
    void fails_on_a_response_that_is_not_http() throws Exception {
        try (RawServer raw = new RawServer(socket -> respond(socket, "SSH-2.0-OpenSSH_9.2\r\n"))) {
            Probe probe = new HttpCheck(HttpSettings.get(URI.create("http://127.0.0.1:" + raw.port() + "/")), NO_DNS)
                    .run(Deadline.after(Duration.ofSeconds(2)));

            assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
            assertThat(probe.message()).startsWith("not an HTTP response: 'SSH-2.0");
        }
    }

    static Optional<Object> value(Probe probe, String placeholder) {
        return probe.observation().value(placeholder);
    }

    /** Reads a request head and, when it has a Content-Length, its body; returns both as text. */
    static String readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            request.write(b);
        }
        String head = request.toString(StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                request.write(in.readNBytes(Integer.parseInt(line.substring(15).trim())));
            }
        }
        return request.toString(StandardCharsets.UTF_8);
    }

    static void respond(Socket socket, String response) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
