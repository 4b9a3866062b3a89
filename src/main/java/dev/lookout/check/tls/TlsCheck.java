package dev.lookout.check.tls;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.CertificateExpiry;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineSocket;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs a TLS handshake within the deadline and reports the server's certificate: expiry, subject,
 * issuer, whether the chain is trusted and whether it names the server. An untrusted or expired
 * certificate does not fail the handshake (the chain is recorded and validated on the side), so
 * that the observation can say what is wrong; the type's implicit conditions turn that into the
 * verdict.
 */
public final class TlsCheck implements Check {
    private final TlsSettings settings;
    private final AddressResolver resolver;
    private final InstantSource clock;

    public TlsCheck(TlsSettings settings, AddressResolver resolver, InstantSource clock) {
        this.settings = settings;
        this.resolver = resolver;
        this.clock = clock;
    }

    @Override
    public Probe run(Deadline deadline) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        ChainRecorder chain;
        SSLContext context;
        try {
            // A context per run: a shared one would resume sessions and skip the certificate on later runs.
            chain = new ChainRecorder(trustManager(settings.caFile()));
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {chain}, null);
        } catch (IOException | GeneralSecurityException e) {
            return Probe.failed("cannot use ca_file " + settings.caFile() + ": " + e.getMessage(), timings.finish());
        }
        try (DeadlineSocket socket = new DeadlineSocket(deadline, timings)) {
            return socket.probe(() -> {
                socket.connect(settings.host(), settings.port(), resolver);
                socket.startTls(settings.serverName(), settings.port(), context.getSocketFactory(), false);
                SSLSession session = socket.tlsSession().orElseThrow();
                Timings done = timings.finish();
                X509Certificate leaf = chain.leaf();
                if (leaf == null) {
                    return Probe.failed("TLS: the server sent no X.509 certificate", done);
                }
                CertificateExpiry expiry = new CertificateExpiry(leaf.getNotAfter().toInstant(), clock.instant());
                boolean hostname = CertificateNames.matches(leaf, settings.serverName());
                TlsObservation observation = new TlsObservation(expiry, leaf.getSubjectX500Principal().getName(),
                        leaf.getIssuerX500Principal().getName(), chain.error(), hostname, session.getProtocol(),
                        session.getCipherSuite(), done.total());
                return Probe.reached(message(observation, expiry), done, observation);
            }, e -> e instanceof SSLException ? "TLS: " + rootMessage(e) : socket.describe(e));
        }
    }

    private static String message(TlsObservation observation, CertificateExpiry expiry) {
        StringBuilder message = new StringBuilder(observation.protocol()).append(", certificate ");
        long days = expiry.daysLeft();
        message.append(days < 0 ? "expired " + expiry.notAfter() : "valid until " + expiry.notAfter() + " (" + days + " days)");
        if (observation.chainError() != null) {
            message.append(", untrusted: ").append(observation.chainError());
        }
        if (!observation.hostnameMatches()) {
            message.append(", not for this host name");
        }
        return message.toString();
    }

    /**
     * The trust manager that validates chains: the JVM's trust store, or only the CA certificates
     * of {@code caFile} (PEM, one or more certificates).
     */
    static X509TrustManager trustManager(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore anchors = null;
        if (caFile != null) {
            anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(caFile)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new CertificateException("no PEM certificate in the file");
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                anchors.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /**
     * Accepts any chain during the handshake, remembering it and whether the real trust manager
     * would have accepted it. Extended, so that the JDK does not wrap it with checks of its own that
     * would fail the handshake. Host names are checked separately ({@link CertificateNames}).
     */
    private static final class ChainRecorder extends X509ExtendedTrustManager {
        private final X509TrustManager validator;
        private volatile X509Certificate[] chain;
        private volatile String error;

        ChainRecorder(X509TrustManager validator) {
            this.validator = validator;
        }

        X509Certificate leaf() {
            X509Certificate[] recorded = chain;
            return recorded == null || recorded.length == 0 ? null : recorded[0];
        }

        String error() {
            return error;
        }

        private void record(X509Certificate[] presented, String authType) {
            chain = presented.clone();
            try {
                validator.checkServerTrusted(presented, authType);
            } catch (CertificateException | RuntimeException e) {
                error = rootMessage(e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) {
            record(presented, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
            record(presented, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
            record(presented, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            throw new CertificateException("a check is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a check is a client");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a check is a client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
