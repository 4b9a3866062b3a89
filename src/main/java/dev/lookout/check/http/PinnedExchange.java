package dev.lookout.check.http;

import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.DeadlineSocket;
import dev.lookout.check.Timings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP/1.1 request, with the checks' client, to an address the caller resolved and checked
 * itself; {@code Host}, SNI and the certificate check still use the URL's name. For a delivery that
 * must not follow a DNS answer changed after its check (a subscriber's webhook name rebound to
 * 127.0.0.1): the JDK's client resolves the name again when it connects.
 */
public final class PinnedExchange {

    /** What the server answered: its status, headers (lower-case names) and at most 1 MiB of body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    private PinnedExchange() {
    }

    /** Sends {@code body} (UTF-8 text) to {@code address}, the whole exchange within {@code timeout}; TLS is always verified. */
    public static Answer send(InetAddress address, URI url, String method, Map<String, String> headers, String body,
                              Duration timeout) throws IOException, DeadlineExceededException {
        Deadline deadline = Deadline.after(timeout);
        Timings.Recorder timings = new Timings.Recorder(deadline);
        HttpRequest request = new HttpRequest(url, method, headers, body);
        try (DeadlineSocket socket = new DeadlineSocket(deadline, timings)) {
            try {
                socket.connect(address, request.port());
                if (request.https()) {
                    String host = url.getHost();
                    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                    socket.startTls(bareHost, request.port(), TlsSockets.factory(true), true);
                }
                socket.phase("request");
                OutputStream out = socket.output();
                out.write(request.bytes());
                out.flush();
                HttpResponse response = new HttpResponseReader(new BufferedInputStream(socket.input(), 8192), socket, timings)
                        .read(method);
                return new Answer(response.status(), response.headers(), new String(response.body(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                DeadlineExceededException timedOut = socket.asTimeout(e);
                if (timedOut != null) {
                    throw timedOut;
                }
                throw e;
            }
        }
    }
}
