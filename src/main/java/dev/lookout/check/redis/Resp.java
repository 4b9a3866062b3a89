package dev.lookout.check.redis;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few RESP2 requests and replies a Redis check needs, over streams whose every read is already
 * bounded by the check's deadline. Replies are {@link String} (simple and bulk strings), {@link Long},
 * {@link Error}, {@code null} (nil) or a {@link List} of these.
 */
final class Resp {
    /** Bulk strings longer than this are cut; only the last command's reply (GET) may be that large. */
    static final int MAX_BULK_BYTES = 1 << 20;
    private static final int MAX_LINE_BYTES = 64 * 1024;

    /** A {@code -ERR ...} reply: the server's own words, for the check's message. */
    record Error(String message) {
    }

    private final InputStream in;
    private final OutputStream out;

    Resp(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Sends one command as an array of bulk strings (binary-safe, so passwords may contain anything). */
    void send(String... arguments) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(request.toByteArray());
        out.flush();
    }

    Object read() throws IOException {
        String line = line();
        if (line.isEmpty()) {
            throw new ProtocolException("empty reply line");
        }
        String rest = line.substring(1);
        return switch (line.charAt(0)) {
            case '+' -> rest;
            case '-' -> new Error(rest);
            case ':' -> number(rest);
            case '$' -> bulk(number(rest));
            case '*' -> array(number(rest));
            default -> throw new ProtocolException("not a Redis reply: " + (line.length() > 40 ? line.substring(0, 40) : line));
        };
    }

    private String bulk(long length) throws IOException {
        if (length < 0) {
            return null;
        }
        int kept = (int) Math.min(length, MAX_BULK_BYTES);
        byte[] bytes = in.readNBytes(kept);
        if (bytes.length < kept) {
            throw new EOFException("connection closed in the middle of a reply");
        }
        if (kept == length && in.readNBytes(2).length < 2) {
            throw new EOFException("connection closed in the middle of a reply");
        }
        // A cut reply leaves the stream mid-value: it is only ever the last one read.
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Object> array(long length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>();
        for (long i = 0; i < length; i++) {
            items.add(read());
        }
        return items;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new ProtocolException("reply line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
            previous = b;
        }
    }

    private static long number(String text) throws ProtocolException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProtocolException("not a number in a Redis reply: " + text);
        }
    }
}
