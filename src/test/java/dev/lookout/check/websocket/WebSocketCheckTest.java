package dev.lookout.check.websocket;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import io.javalin.Javalin;
import io.javalin.websocket.WsHandlerType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real WebSocket server (Javalin/Jetty on a random port) and raw servers that misbehave. */
class WebSocketCheckTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));
    private Javalin server;

    @BeforeEach
    void startServer() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.addWsHandler(WsHandlerType.WEBSOCKET, "/echo",
                    ws -> ws.onMessage(ctx -> ctx.send("echo: " + ctx.message())));
            config.routes.addWsHandler(WsHandlerType.WEBSOCKET, "/greet", ws -> ws.onConnect(ctx -> {
                ctx.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1, 2}));
                ctx.send("hello " + ctx.header("X-Probe"));
            }));
            config.routes.addWsHandler(WsHandlerType.WEBSOCKET, "/bye", ws -> ws.onConnect(ctx -> ctx.closeSession(4000, "going away")));
            config.routes.addWsHandler(WsHandlerType.WEBSOCKET, "/silent", ws -> ws.onConnect(ctx -> { }));
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void sends_a_message_and_reads_the_answer() {
        Probe probe = run(settings("/echo", "ping", true), Duration.ofSeconds(3));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("message")).contains("echo: ping");
        assertThat(probe.observation().value("status")).contains(101L);
        assertThat(probe.observation().value("latency")).get().isInstanceOf(Duration.class);
    }

    @Test
    void reads_the_first_message_the_server_sends_answering_its_ping_and_sending_headers() {
        WebSocketSettings settings = new WebSocketSettings(url("/greet"), Map.of("X-Probe", "lookout"), null, true, true);
        Probe probe = run(settings, Duration.ofSeconds(3));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("message")).contains("hello lookout");
    }

    @Test
    void a_completed_handshake_is_enough_when_no_message_is_needed() {
        Probe probe = run(settings("/silent", null, false), Duration.ofSeconds(3));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("message")).isEmpty();
    }

    @Test
    void times_out_when_a_needed_message_never_comes() {
        Duration timeout = Duration.ofSeconds(1);
        long start = System.nanoTime();
        Probe probe = run(settings("/silent", null, true), timeout);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
        assertThat(probe.message()).startsWith("timeout during message after ");
        assertGaveUpAtDeadline(elapsed, timeout);
    }

    @Test
    void fails_when_the_server_closes_before_a_message() {
        Probe probe = run(settings("/bye", null, true), Duration.ofSeconds(3));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("server closed the WebSocket before a message (code 4000: going away)");
    }

    @Test
    void fails_when_the_handshake_is_rejected() {
        Probe probe = run(settings("/nowhere", null, false), Duration.ofSeconds(3));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).startsWith("handshake rejected: HTTP 404");
    }

    @Test
    void fails_when_the_server_answers_101_with_a_wrong_accept_key() throws Exception {
        try (RawServer raw = new RawServer(socket -> {
            socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: bm90IHRoZSByaWdodCBrZXk=\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawServer.stall(socket);
        })) {
            Probe probe = run(new WebSocketSettings(URI.create("ws://127.0.0.1:" + raw.port() + "/"), Map.of(), null, true, false),
                    Duration.ofSeconds(2));

            assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
            assertThat(probe.message()).isEqualTo("handshake failed: wrong Sec-WebSocket-Accept");
        }
    }

    @Test
    void fails_when_the_connection_is_refused() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        Probe probe = run(new WebSocketSettings(URI.create("ws://127.0.0.1:" + closedPort + "/"), Map.of(), null, true, false),
                Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("connection refused");
    }

    @Test
    void times_out_when_the_server_accepts_and_never_answers() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (RawServer raw = new RawServer(RawServer::stall)) {
            long start = System.nanoTime();
            Probe probe = run(new WebSocketSettings(URI.create("ws://127.0.0.1:" + raw.port() + "/"), Map.of(), null, true, false),
                    timeout);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during handshake after ");
            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    @Test
    void the_accept_key_is_the_one_from_rfc_6455() {
        assertThat(WebSocketCheck.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    private URI url(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    private WebSocketSettings settings(String path, String send, boolean awaitMessage) {
        return new WebSocketSettings(url(path), Map.of(), send, true, awaitMessage);
    }

    private static Probe run(WebSocketSettings settings, Duration timeout) {
        return new WebSocketCheck(settings, NO_DNS).run(Deadline.after(timeout));
    }
}
