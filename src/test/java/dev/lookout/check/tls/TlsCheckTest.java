package dev.lookout.check.tls;

import static dev.lookout.check.DeadlineAssertions.assertGaveUpAtDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.CheckContext;
import dev.lookout.check.CheckResult;
import dev.lookout.check.CheckRunner;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Deadline;
import dev.lookout.check.Outcome;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import dev.lookout.config.MonitorConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS checks against local TLS servers presenting certificates made by keytool for each case. */
class TlsCheckTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));
    private static final List<String> FOR_LOCALHOST = List.of("-ext", "SAN=dns:localhost,ip:127.0.0.1");

    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    private final CheckTypes types = CheckTypes.standard();

    @BeforeAll
    static void createCertificates() throws Exception {
        certificates = new TestCertificates(dir, Map.of(
                "valid", concat(FOR_LOCALHOST, "-validity", "365"),
                "expired", concat(FOR_LOCALHOST, "-startdate", "-400d", "-validity", "30"),
                "ten-days", concat(FOR_LOCALHOST, "-startdate", "-20d", "-validity", "30"),
                "two-days", concat(FOR_LOCALHOST, "-startdate", "-28d", "-validity", "30"),
                "other-host", List.of("-ext", "SAN=dns:other.example", "-validity", "365")));
    }

    @Test
    void a_valid_chain_signed_by_the_ca_file_is_ok() throws Exception {
        try (RawServer server = tlsServer(certificates.serverContext("valid"))) {
            Probe probe = probe(server, "");
            CheckResult result = verdict(server, "");

            assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.OK);
            assertThat(result.certificateNotAfter()).as("kept for the metrics")
                    .isEqualTo(certificates.leaf("valid").getNotAfter().toInstant());
            assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
            assertThat(value(probe, "cert.chain_valid")).contains(true);
            assertThat(value(probe, "cert.chain_error")).isEmpty();
            assertThat(value(probe, "cert.hostname_matches")).contains(true);
            assertThat(value(probe, "cert.days_left")).contains(364L);
            assertThat(value(probe, "cert.expires_in")).get().isInstanceOf(Duration.class);
            assertThat(value(probe, "cert.not_after")).contains(certificates.leaf("valid").getNotAfter().toInstant().toString());
            assertThat(value(probe, "cert.subject")).contains("CN=localhost");
            assertThat(value(probe, "cert.issuer")).contains("CN=Lookout Test CA");
            assertThat(value(probe, "tls.protocol")).contains("TLSv1.3");
            assertThat(value(probe, "tls.cipher")).get().asString().startsWith("TLS_");
            assertThat(value(probe, "latency")).get().isInstanceOf(Duration.class);
            assertThat(probe.timings().tlsMicros()).isGreaterThan(probe.timings().connectMicros());
        }
    }

    @Test
    void an_expired_certificate_fails_with_negative_days_left() throws Exception {
        try (RawServer server = tlsServer(certificates.serverContext("expired"))) {
            Probe probe = probe(server, "");
            CheckResult result = verdict(server, "");

            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat((Long) value(probe, "cert.days_left").orElseThrow()).isNegative();
            assertThat((Duration) value(probe, "cert.expires_in").orElseThrow()).isNegative();
            assertThat(value(probe, "cert.chain_valid")).contains(false);
            assertThat(probe.message()).contains("certificate expired");
        }
    }

    @Test
    void a_certificate_for_another_host_fails_on_the_host_name() throws Exception {
        try (RawServer server = tlsServer(certificates.serverContext("other-host"))) {
            Probe probe = probe(server, "");
            CheckResult result = verdict(server, "");

            assertThat(value(probe, "cert.chain_valid")).contains(true);
            assertThat(value(probe, "cert.hostname_matches")).contains(false);
            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.message()).startsWith("cert.hostname_matches == true failed");
        }
    }

    @Test
    void a_server_name_is_matched_instead_of_the_host() throws Exception {
        try (RawServer server = tlsServer(certificates.serverContext("other-host"))) {
            CheckResult result = verdict(server, "    server_name: other.example\n");

            assertThat(result.outcome()).as(result.message()).isEqualTo(Outcome.OK);
        }
    }

    @Test
    void a_self_signed_certificate_without_ca_file_has_an_invalid_chain() throws Exception {
        try (RawServer server = tlsServer(certificates.selfSignedServerContext())) {
            MonitorConfig monitor = monitor(server, "", false);
            Probe probe = types.create(monitor, new CheckContext(NO_DNS)).run(Deadline.after(Duration.ofSeconds(2)));
            CheckResult result = new CheckRunner(InstantSource.system()).run(monitor, types.create(monitor, new CheckContext(NO_DNS)));

            assertThat(value(probe, "cert.chain_valid")).contains(false);
            assertThat(value(probe, "cert.chain_error")).get().asString().contains("certification path");
            assertThat(value(probe, "cert.hostname_matches")).contains(true);
            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.message()).startsWith("cert.chain_valid == true failed");
        }
    }

    @Test
    void ten_days_left_is_degraded_and_two_days_left_is_failed() throws Exception {
        try (RawServer tenDays = tlsServer(certificates.serverContext("ten-days"));
             RawServer twoDays = tlsServer(certificates.serverContext("two-days"))) {
            CheckResult ten = verdict(tenDays, "");
            CheckResult two = verdict(twoDays, "");

            assertThat(ten.outcome()).as(ten.message()).isEqualTo(Outcome.DEGRADED);
            assertThat(ten.message()).isEqualTo("cert.days_left >= 14 [degraded] failed (actual: 9)");
            assertThat(two.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(two.message()).isEqualTo("cert.days_left >= 3 failed (actual: 1)");
        }
    }

    @Test
    void thresholds_and_conditions_of_the_user_replace_the_defaults() throws Exception {
        try (RawServer server = tlsServer(certificates.serverContext("ten-days"))) {
            assertThat(verdict(server, "    min_days_degraded: 7\n    min_days_down: 2\n").outcome()).isEqualTo(Outcome.OK);
            assertThat(verdict(server, "    conditions: [ \"cert.days_left > 100\" ]\n").outcome()).isEqualTo(Outcome.FAILED);
        }
    }

    @Test
    void times_out_when_the_server_never_completes_the_handshake() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (RawServer server = new RawServer(RawServer::stall)) {
            long start = System.nanoTime();
            Probe probe = new TlsCheck(TlsSettings.of("127.0.0.1", server.port()), NO_DNS, InstantSource.system())
                    .run(Deadline.after(timeout));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
            assertThat(probe.message()).startsWith("timeout during tls");
            assertGaveUpAtDeadline(elapsed, timeout);
        }
    }

    @Test
    void fails_when_the_connection_is_refused() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        Probe probe = new TlsCheck(TlsSettings.of("127.0.0.1", closedPort), NO_DNS, InstantSource.system())
                .run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("connection refused");
    }

    @Test
    void rejects_an_unreadable_ca_file_and_inverted_thresholds_at_load() {
        String yaml = """
                monitors:
                  - id: cert
                    type: tls
                    host: example.com
                    ca_file: /nonexistent/ca.pem
                    min_days_degraded: 2
                    min_days_down: 5
                """;

        ConfigLoader loader = new ConfigLoader(types, Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.parse("test.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("monitors[0].ca_file")
                .hasMessageContaining("monitors[0].min_days_down");
    }

    private static RawServer tlsServer(SSLContext context) throws Exception {
        return new RawServer(context.getServerSocketFactory().createServerSocket(), socket -> {
            ((SSLSocket) socket).startHandshake();
            RawServer.stall(socket);
        });
    }

    private Probe probe(RawServer server, String extraKeys) throws ConfigException {
        MonitorConfig monitor = monitor(server, extraKeys, true);
        return types.create(monitor, new CheckContext(NO_DNS)).run(Deadline.after(Duration.ofSeconds(2)));
    }

    private CheckResult verdict(RawServer server, String extraKeys) throws ConfigException {
        MonitorConfig monitor = monitor(server, extraKeys, true);
        return new CheckRunner(InstantSource.system()).run(monitor, types.create(monitor, new CheckContext(NO_DNS)));
    }

    private MonitorConfig monitor(RawServer server, String extraKeys, boolean withCaFile) throws ConfigException {
        String yaml = "monitors:\n  - id: cert\n    type: tls\n    host: 127.0.0.1\n    port: " + server.port() + "\n    timeout: 2s\n"
                + (withCaFile ? "    ca_file: \"" + certificates.caFile() + "\"\n" : "") + extraKeys;
        return new ConfigLoader(types, Map.of()).parse("test.yaml", yaml).monitors().get(0);
    }

    private static Optional<Object> value(Probe probe, String placeholder) {
        return probe.observation().value(placeholder);
    }

    private static List<String> concat(List<String> first, String... more) {
        return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(more)).toList();
    }
}
