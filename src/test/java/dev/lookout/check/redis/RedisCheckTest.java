package dev.lookout.check.redis;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the Redis of the test setup on 127.0.0.1:6379 (no password), and misbehaving fake servers. */
class RedisCheckTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));
    private static final int REDIS_PORT = 6379;

    @Test
    void answers_ping_and_offers_every_info_field() {
        Probe probe = run(RedisSettings.plain("127.0.0.1", REDIS_PORT), Duration.ofSeconds(2));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("ping")).contains("PONG");
        assertThat(probe.observation().value("info.used_memory")).get().isInstanceOf(Long.class);
        assertThat(probe.observation().value("info.connected_clients")).get().isInstanceOf(Long.class);
        assertThat(probe.observation().value("info.maxmemory")).get().isInstanceOf(Long.class);
        assertThat(probe.observation().value("info.role")).contains("master");
        assertThat(probe.observation().value("info.rdb_last_bgsave_status")).contains("ok");
        assertThat(probe.observation().value("info.no_such_field")).isEmpty();
        assertThat(probe.observation().value("latency")).get().isInstanceOf(Duration.class);
        assertThat(probe.observation().value("value")).isEmpty();
    }

    @Test
    void reads_the_value_of_a_key() throws Exception {
        String key = "lookout-test:" + UUID.randomUUID();
        redis("SET", key, "ready");
        try {
            Probe probe = run(new RedisSettings("127.0.0.1", REDIS_PORT, null, null, 0, key, false), Duration.ofSeconds(2));

            assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
            assertThat(probe.observation().value("value")).contains("ready");
        } finally {
            redis("DEL", key);
        }
    }

    @Test
    void a_missing_key_has_no_value() {
        Probe probe = run(new RedisSettings("127.0.0.1", REDIS_PORT, null, null, null, "lookout-test:never-set", false),
                Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("value")).isEmpty();
    }

    @Test
    void fails_with_the_servers_error_when_auth_is_refused() {
        Probe probe = run(new RedisSettings("127.0.0.1", REDIS_PORT, null, "wrong", null, null, false), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).startsWith("AUTH failed: ERR AUTH");
    }

    @Test
    void fails_when_select_names_a_database_the_server_does_not_have() {
        Probe probe = run(new RedisSettings("127.0.0.1", REDIS_PORT, null, null, 100_000, null, false), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).startsWith("SELECT 100000 failed: ERR");
    }

    @Test
    void fails_when_the_connection_is_refused() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        Probe probe = run(RedisSettings.plain("127.0.0.1", closedPort), Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("connection refused");
    }

    @Test
    void fails_when_the_server_does_not_speak_redis() throws Exception {
        try (RawServer server = new RawServer(socket -> {
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawServer.stall(socket);
        })) {
            Probe probe = run(RedisSettings.plain("127.0.0.1", server.port()), Duration.ofSeconds(2));

            assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
            assertThat(probe.message()).startsWith("not a Redis reply during ping");
        }
    }

    @Test
    void times_out_when_the_server_never_answers() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (RawServer server = new RawServer(RawServer::stall)) {
            long start = System.nanoTime();
            Probe probe = run(RedisSettings.plain("127.0.0.1", server.port()), timeout);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during ping after ");
            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    @Test
    void info_numbers_become_longs_and_doubles_and_the_rest_stays_text() {
        var info = RedisCheck.parseInfo("# Memory\r\nused_memory:1024\r\nmem_fragmentation_ratio:1.25\r\n"
                + "maxmemory_policy:noeviction\r\n\r\n# Keyspace\r\ndb0:keys=1,expires=0\r\n");

        assertThat(info).containsEntry("used_memory", 1024L).containsEntry("mem_fragmentation_ratio", 1.25)
                .containsEntry("maxmemory_policy", "noeviction").containsEntry("db0", "keys=1,expires=0");
    }

    private static Probe run(RedisSettings settings, Duration timeout) {
        return new RedisCheck(settings, NO_DNS).run(Deadline.after(timeout));
    }

    private static Object redis(String... command) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), REDIS_PORT)) {
            socket.setSoTimeout(2000);
            Resp resp = new Resp(socket.getInputStream(), socket.getOutputStream());
            resp.send(command);
            return resp.read();
        }
    }
}
