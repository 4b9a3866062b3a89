package dev.lookout.check.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificates made with the JDK's keytool for TLS tests: a test CA ({@code ca.pem}), one server
 * key, and leaf certificates for it signed by the CA with different validity and names, plus the
 * key's own self-signed certificate. keytool runs in parallel where it can: each run starts a JVM.
 * Public for the other TLS clients' tests (the email channel's).
 */
public final class TestCertificates {
    private static final String PASSWORD = "changeit";

    private final Path dir;
    private final PrivateKey serverKey;
    private final X509Certificate selfSigned;
    private final X509Certificate ca;
    private final Map<String, X509Certificate> leaves = new LinkedHashMap<>();

    /**
     * @param variants leaf name → extra {@code keytool -gencert} options, e.g.
     *                 {@code "expired" → ["-startdate", "-400d", "-validity", "30", "-ext", "SAN=dns:localhost"]}
     */
    public TestCertificates(Path dir, Map<String, List<String>> variants) throws Exception {
        this.dir = dir;
        CompletableFuture<Void> caKey = keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Lookout Test CA", "-ext", "bc:c", "-validity", "3650", "-keystore", "ca.p12");
        CompletableFuture<Void> key = keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "365", "-keystore", "server.p12");
        key.thenCompose(done -> keytool("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr")).join();
        caKey.join();
        List<CompletableFuture<Void>> signing = new ArrayList<>();
        variants.forEach((name, options) -> {
            List<String> args = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr",
                    "-outfile", name + ".pem", "-rfc"));
            args.addAll(options);
            signing.add(keytool(args.toArray(String[]::new)));
        });
        signing.forEach(CompletableFuture::join);

        KeyStore caStore = load(dir.resolve("ca.p12"));
        ca = (X509Certificate) caStore.getCertificate("ca");
        Files.writeString(dir.resolve("ca.pem"), pem(ca));
        KeyStore serverStore = load(dir.resolve("server.p12"));
        serverKey = (PrivateKey) serverStore.getKey("server", PASSWORD.toCharArray());
        selfSigned = (X509Certificate) serverStore.getCertificate("server");
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (String name : variants.keySet()) {
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".pem"))) {
                leaves.put(name, (X509Certificate) factory.generateCertificate(in));
            }
        }
    }

    public Path caFile() {
        return dir.resolve("ca.pem");
    }

    X509Certificate leaf(String name) {
        return leaves.get(name);
    }

    X509Certificate selfSigned() {
        return selfSigned;
    }

    /** A server context presenting leaf {@code name} and the CA, as servers send their chain. */
    public SSLContext serverContext(String name) throws Exception {
        return serverContext(new Certificate[] {leaves.get(name), ca});
    }

    SSLContext selfSignedServerContext() throws Exception {
        return serverContext(new Certificate[] {selfSigned});
    }

    private SSLContext serverContext(Certificate[] chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", serverKey, PASSWORD.toCharArray(), chain);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    private CompletableFuture<Void> keytool(String... args) {
        return CompletableFuture.runAsync(() -> {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
            command.addAll(List.of(args));
            command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
