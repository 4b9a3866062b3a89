package dev.lookout.check.http;

import dev.lookout.check.DeadlineSocket;
import dev.lookout.check.Timings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTP/1.1 response (status line, headers, body by content-length, chunked or until close)
 * from a connection that is closed afterwards. Limits keep a hostile or broken server from making a
 * check slow or big: 8 KiB per header line, 64 KiB of headers, 1 MiB of body kept.
 */
final class HttpResponseReader {
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final InputStream in;
    private final DeadlineSocket socket;
    private final Timings.Recorder timings;

    /** {@code in} should be buffered: lines are read a byte at a time. */
    HttpResponseReader(InputStream in, DeadlineSocket socket, Timings.Recorder timings) {
        this.in = in;
        this.socket = socket;
        this.timings = timings;
    }

    HttpResponse read(String method) throws IOException {
        while (true) {
            socket.phase("first byte");
            int first = in.read();
            if (first < 0) {
                throw new ProtocolException("server closed the connection without a response");
            }
            timings.firstByte();
            socket.phase("headers");
            String statusLine = (char) first + readLine(in, "status line");
            int status = statusCode(statusLine);
            Map<String, String> headers = headers();
            // 1xx are interim answers (e.g. an unsolicited 100 Continue); the real one follows.
            if (status >= 100 && status < 200 && status != 101) {
                continue;
            }
            socket.phase("body");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            boolean truncated = hasBody(method, status) && readBody(headers, body);
            return new HttpResponse(status, reason(statusLine), headers, body.toByteArray(), truncated);
        }
    }

    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int headBytes = 0;
        while (true) {
            String line = readLine(in, "headers");
            if (line.isEmpty()) {
                return headers;
            }
            headBytes += line.length() + 2;
            if (headBytes > MAX_HEAD_BYTES) {
                throw new ProtocolException("response headers larger than " + MAX_HEAD_BYTES / 1024 + " KiB");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed header line '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
    }

    /** Fills {@code body}; returns whether it was cut at {@link #MAX_BODY_BYTES}. */
    private boolean readBody(Map<String, String> headers, ByteArrayOutputStream body) throws IOException {
        String transferEncoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
        if (transferEncoding.endsWith("chunked")) {
            return new ChunkedBody(in, MAX_BODY_BYTES).readInto(body);
        }
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            long length = contentLength(contentLength);
            long keep = Math.min(length, MAX_BODY_BYTES);
            copy(body, keep, true);
            return length > keep;
        }
        copy(body, MAX_BODY_BYTES, false);
        // Until close: if the cap is reached there may be more; one more byte tells.
        return body.size() == MAX_BODY_BYTES && in.read() >= 0;
    }

    private void copy(ByteArrayOutputStream body, long count, boolean exact) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (exact) {
                    throw new ProtocolException("connection closed after " + body.size() + " of " + count + " body bytes");
                }
                return;
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    private static boolean hasBody(String method, int status) {
        return !method.equals("HEAD") && status != 204 && status != 304 && status >= 200;
    }

    private static long contentLength(String value) throws ProtocolException {
        // Repeated identical values arrive joined ("12, 12"); RFC 9110 allows that.
        String first = value.split(",")[0].trim();
        try {
            long length = Long.parseLong(first);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed Content-Length '" + abbreviate(value) + "'");
        }
    }

    private static int statusCode(String statusLine) throws ProtocolException {
        // "HTTP/1.1 200 OK"; the reason phrase may be empty or missing.
        if (statusLine.startsWith("HTTP/") && statusLine.length() >= 12 && statusLine.charAt(8) == ' ') {
            String code = statusLine.substring(9, 12);
            if (code.chars().allMatch(Character::isDigit)
                    && (statusLine.length() == 12 || statusLine.charAt(12) == ' ')) {
                return Integer.parseInt(code);
            }
        }
        throw new ProtocolException("not an HTTP response: '" + abbreviate(statusLine) + "'");
    }

    private static String reason(String statusLine) {
        return statusLine.length() > 13 ? statusLine.substring(13) : "";
    }

    /** One line without its CRLF (a bare LF is accepted too), as ISO-8859-1 per RFC 9112. */
    static String readLine(InputStream in, String what) throws IOException {
        byte[] line = new byte[128];
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException("connection closed while reading " + what);
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (length == MAX_LINE_BYTES) {
                throw new ProtocolException(what + " line longer than " + MAX_LINE_BYTES / 1024 + " KiB");
            }
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
            }
            line[length++] = (byte) b;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
