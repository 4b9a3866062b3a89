package dev.lookout.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte: for what Java's HttpClient will not send (another
 * Host, a malformed request line, HEAD whose body must be absent) or will not show.
 */
final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response as read off the socket; header names in lower case. */
    record Response(int status, Map<String, String> headers, byte[] bytes) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() throws Exception {
            return JSON.readTree(bytes);
        }
    }

    private RawHttp() {
    }

    /** Sends the request with {@code Connection: close} (and Host 127.0.0.1 unless given) and reads to the end. */
    static Response exchange(int port, String method, String target, String... headerLines) throws Exception {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (Arrays.stream(headerLines).noneMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5))) {
            request.append("Host: 127.0.0.1\r\n");
        }
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return send(port, request.toString().getBytes(StandardCharsets.ISO_8859_1), "HEAD".equals(method));
    }

    /** Sends {@code request} as it is (which may be no valid HTTP at all) and reads the answer. */
    static Response send(int port, byte[] request, boolean head) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            byte[] body = Arrays.copyOfRange(all, end + 4, all.length);
            if (!head && "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = lineEnd(body, at);
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).strip(), 16);
            if (size == 0) {
                return joined.toByteArray();
            }
            joined.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("no line end after " + from);
    }
}
