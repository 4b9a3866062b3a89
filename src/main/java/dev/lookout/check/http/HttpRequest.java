package dev.lookout.check.http;

import dev.lookout.build.BuildInfo;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One request of a check, ready to be written: the URL of this hop, its method and body, and the
 * headers, with ours ({@code Host}, {@code Connection: close}, {@code Content-Length}) always winning.
 */
record HttpRequest(URI url, String method, Map<String, String> headers, String body) {
    private static final Set<String> OURS = Set.of("host", "connection", "content-length", "transfer-encoding");
    private static final String USER_AGENT = "Lookout/" + version();

    /** The first request of a check, with authentication and default headers. */
    static HttpRequest first(HttpSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        headers.put("Accept", "*/*");
        if (settings.basicUser() != null) {
            String credentials = settings.basicUser() + ":" + (settings.basicPassword() == null ? "" : settings.basicPassword());
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        } else if (settings.bearerToken() != null) {
            headers.put("Authorization", "Bearer " + settings.bearerToken());
        }
        settings.headers().forEach((name, value) -> {
            if (!OURS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
                headers.put(name, value);
            }
        });
        return new HttpRequest(settings.url(), settings.method(), headers, settings.body());
    }

    /**
     * The request for a redirect to {@code location}: 303 turns into a GET without body (RFC 9110
     * 15.4.4), the others keep method and body; credentials are not sent to another origin.
     */
    HttpRequest redirectTo(URI location, int status) {
        boolean toGet = status == 303 && !method.equals("HEAD");
        Map<String, String> next = new LinkedHashMap<>(headers);
        if (!sameOrigin(url, location)) {
            next.keySet().removeIf(name -> name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("cookie"));
        }
        return new HttpRequest(location, toGet ? "GET" : method, next, toGet ? null : body);
    }

    boolean https() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    int port() {
        return url.getPort() >= 0 ? url.getPort() : https() ? 443 : 80;
    }

    byte[] bytes() {
        byte[] content = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        head.append(method).append(' ').append(path);
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(url.getHost());
        if (url.getPort() >= 0 && url.getPort() != (https() ? 443 : 80)) {
            head.append(':').append(url.getPort());
        }
        head.append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (content != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        // Every check is a fresh connection, as a user's first visit is; nothing to keep alive.
        head.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (content == null ? 0 : content.length));
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (content != null) {
            out.writeBytes(content);
        }
        return out.toByteArray();
    }

    private static boolean sameOrigin(URI a, URI b) {
        HttpRequest x = new HttpRequest(a, "GET", Map.of(), null);
        HttpRequest y = new HttpRequest(b, "GET", Map.of(), null);
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && x.port() == y.port();
    }

    private static String version() {
        return BuildInfo.current().version();
    }
}
