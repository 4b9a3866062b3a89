package dev.lookout.check.http;

import static dev.lookout.check.http.HttpCheckTest.readRequest;
import static dev.lookout.check.http.HttpCheckTest.respond;
import static dev.lookout.check.http.HttpCheckTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.check.RawServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS against a server with a self-signed certificate made by the JDK's keytool. */
class HttpsCheckTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;
    private static SSLContext serverContext;

    private RawServer server;

    @BeforeAll
    static void createSelfSignedCertificate() throws Exception {
        Path keystore = keys.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new RawServer(serverContext.getServerSocketFactory().createServerSocket(), socket -> {
            ((SSLSocket) socket).startHandshake();
            readRequest(socket);
            respond(socket, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecure");
        });
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void fails_with_a_tls_reason_when_the_certificate_is_not_trusted() {
        Probe probe = new HttpCheck(HttpSettings.get(url()), NO_DNS).run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).startsWith("TLS: ").contains("certification path");
    }

    @Test
    void reaches_a_self_signed_server_when_verification_is_off() {
        Probe probe = new HttpCheck(HttpSettings.get(url()).withVerifyTls(false), NO_DNS)
                .run(Deadline.after(Duration.ofSeconds(2)));

        assertThat(probe.status()).isEqualTo(Probe.Status.REACHED);
        assertThat(value(probe, "status")).contains(200L);
        assertThat(value(probe, "body")).contains("secure");
        assertThat(probe.timings().tlsMicros()).isGreaterThan(probe.timings().connectMicros());
        assertThat(value(probe, "timing.tls")).get().isInstanceOf(Duration.class);
    }

    @Test
    void records_when_the_server_certificate_expires() {
        Probe probe = new HttpCheck(HttpSettings.get(url()).withVerifyTls(false), NO_DNS)
                .run(Deadline.after(Duration.ofSeconds(2)));

        // keytool -validity 2: two days from when the certificate was made, a moment ago.
        assertThat(value(probe, "cert.days_left")).contains(1L);
        assertThat((Duration) value(probe, "cert.expires_in").orElseThrow()).isBetween(Duration.ofDays(1), Duration.ofDays(2));
        assertThat(value(probe, "cert.not_after")).get().asString().endsWith("Z");
    }

    private URI url() {
        return URI.create("https://127.0.0.1:" + server.port() + "/");
    }
}
