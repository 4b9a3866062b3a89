package dev.lookout.check.http;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.CertificateExpiry;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.DeadlineSocket;
import dev.lookout.check.EveryAddress;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Requests a URL over HTTP/1.1 on a fresh connection and reports status, headers, body and
 * per-phase timings (see {@link HttpObservation} for the placeholders), all within the deadline.
 * Why a hand-written client rather than the JDK's: docs/rationale.md.
 */
public final class HttpCheck implements Check {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpSettings settings;
    private final AddressResolver resolver;
    private final InstantSource clock;

    public HttpCheck(HttpSettings settings, AddressResolver resolver) {
        this(settings, resolver, InstantSource.system());
    }

    /** @param clock dates the server certificate's {@code cert.days_left} */
    public HttpCheck(HttpSettings settings, AddressResolver resolver, InstantSource clock) {
        this.settings = settings;
        this.resolver = resolver;
        this.clock = clock;
    }

    @Override
    public Probe run(Deadline deadline) {
        if (settings.allAddresses()) {
            return EveryAddress.probe(settings.url().getHost(), resolver, deadline, (address, d) -> run(d, address));
        }
        return run(deadline, null);
    }

    /** @param pinned the address the URL's own host is reached at, or null to resolve it */
    private Probe run(Deadline deadline, InetAddress pinned) {
        HttpRequest request = HttpRequest.first(settings);
        int redirects = 0;
        while (true) {
            // A recorder per hop: the final timings are those of the last hop, still counted from the start.
            Timings.Recorder timings = new Timings.Recorder(deadline);
            HttpResponse response;
            CertificateExpiry certificate;
            try (DeadlineSocket socket = new DeadlineSocket(deadline, timings)) {
                try {
                    InetAddress address = pinned != null && request.url().getHost().equalsIgnoreCase(settings.url().getHost())
                            ? pinned : null;
                    response = exchange(request, socket, timings, address);
                    certificate = socket.tlsSession().flatMap(this::certificateExpiry).orElse(null);
                } catch (IOException e) {
                    DeadlineExceededException timeout = socket.asTimeout(e);
                    if (timeout != null) {
                        return Probe.timedOut(timeout, timings.finish());
                    }
                    return Probe.failed(failure(e, socket), timings.finish());
                } catch (DeadlineExceededException e) {
                    return Probe.timedOut(e, timings.finish());
                } catch (RuntimeException e) {
                    // run() never throws; a bug here must still end as a result.
                    return Probe.failed("internal error during " + socket.phase() + ": " + e, timings.finish());
                }
            }
            if (!settings.followRedirects() || !REDIRECTS.contains(response.status())
                    || response.header("location") == null) {
                Timings done = timings.finish();
                return Probe.reached(response.status() + " " + response.reason(), done,
                        new HttpObservation(response, request.url(), done, certificate));
            }
            if (redirects == settings.maxRedirects()) {
                return Probe.failed("too many redirects (more than " + settings.maxRedirects() + ")", timings.finish());
            }
            URI location;
            try {
                location = location(request.url(), response.header("location"));
            } catch (URISyntaxException e) {
                return Probe.failed("invalid redirect location '" + response.header("location") + "'", timings.finish());
            }
            redirects++;
            request = request.redirectTo(location, response.status());
        }
    }

    private HttpResponse exchange(HttpRequest request, DeadlineSocket socket, Timings.Recorder timings, InetAddress address)
            throws IOException, DeadlineExceededException {
        String host = request.url().getHost();
        if (address != null) {
            // all_addresses: this address only; Host, SNI and the certificate check still use the name.
            socket.connect(address, request.port());
        } else {
            socket.connect(host, request.port(), resolver);
        }
        if (request.https()) {
            String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            socket.startTls(bareHost, request.port(), TlsSockets.factory(settings.verifyTls()), settings.verifyTls());
        }
        socket.phase("request");
        OutputStream out = socket.output();
        out.write(request.bytes());
        out.flush();
        return new HttpResponseReader(new BufferedInputStream(socket.input(), 8192), socket, timings)
                .read(request.method());
    }

    private Optional<CertificateExpiry> certificateExpiry(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? Optional.of(new CertificateExpiry(leaf.getNotAfter().toInstant(), clock.instant()))
                    : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static URI location(URI base, String location) throws URISyntaxException {
        URI resolved = base.resolve(new URI(location.trim()));
        if (resolved.getHost() == null
                || !("http".equalsIgnoreCase(resolved.getScheme()) || "https".equalsIgnoreCase(resolved.getScheme()))) {
            throw new URISyntaxException(location, "not an http or https URL");
        }
        return resolved;
    }

    /** The reason an exchange failed, worded for an alert. */
    private static String failure(IOException e, DeadlineSocket socket) {
        if (e instanceof SSLException) {
            return "TLS: " + rootMessage(e);
        }
        if (e instanceof ProtocolException) {
            return e.getMessage();
        }
        return socket.describe(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
