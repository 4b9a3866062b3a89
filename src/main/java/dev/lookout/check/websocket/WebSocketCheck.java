package dev.lookout.check.websocket;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.DeadlineSocket;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import dev.lookout.check.http.TlsSockets;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Opens a WebSocket (RFC 6455) within the deadline: the HTTP/1.1 Upgrade handshake with its
 * {@code Sec-WebSocket-Accept} verified, optionally one masked text message, and, when the
 * configuration needs it, the first text message from the server (answering pings on the way).
 * Hand-written over a {@link DeadlineSocket} so that DNS, connect, TLS and every frame end at the
 * deadline (docs/rationale.md).
 */
public final class WebSocketCheck implements Check {
    static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebSocketSettings settings;
    private final AddressResolver resolver;

    public WebSocketCheck(WebSocketSettings settings, AddressResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public Probe run(Deadline deadline) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        try (DeadlineSocket socket = new DeadlineSocket(deadline, timings)) {
            try {
                String host = settings.url().getHost();
                String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
                socket.connect(bareHost, settings.port(), resolver);
                if (settings.secure()) {
                    socket.startTls(bareHost, settings.port(), TlsSockets.factory(settings.verifyTls()), settings.verifyTls());
                }
                socket.phase("handshake");
                InputStream in = new BufferedInputStream(socket.input());
                OutputStream out = socket.output();
                String key = Base64.getEncoder().encodeToString(randomBytes(16));
                out.write(handshake(key).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String failure = readHandshakeResponse(in, key, timings);
                if (failure != null) {
                    return Probe.failed(failure, timings.finish());
                }
                if (settings.send() != null) {
                    socket.phase("send");
                    writeFrame(out, TEXT, settings.send().getBytes(StandardCharsets.UTF_8));
                }
                String message = null;
                if (settings.awaitMessage()) {
                    socket.phase("message");
                    message = readTextMessage(in, out);
                }
                Timings done = timings.finish();
                sendCloseQuietly(out);
                return Probe.reached(message == null ? "HTTP 101" : "message " + printable(message), done,
                        new WebSocketObservation(101, message, done.total()));
            } catch (ClosedByServer e) {
                return Probe.failed(e.getMessage(), timings.finish());
            } catch (IOException e) {
                DeadlineExceededException timeout = socket.asTimeout(e);
                if (timeout != null) {
                    return Probe.timedOut(timeout, timings.finish());
                }
                if (e instanceof ProtocolException) {
                    return Probe.failed("invalid WebSocket answer during " + socket.phase() + ": " + e.getMessage(), timings.finish());
                }
                return Probe.failed(socket.describe(e), timings.finish());
            } catch (DeadlineExceededException e) {
                return Probe.timedOut(e, timings.finish());
            } catch (RuntimeException e) {
                return Probe.failed("internal error during " + socket.phase() + ": " + e, timings.finish());
            }
        }
    }

    private String handshake(String key) {
        String path = settings.url().getRawPath() == null || settings.url().getRawPath().isEmpty() ? "/" : settings.url().getRawPath();
        if (settings.url().getRawQuery() != null) {
            path += "?" + settings.url().getRawQuery();
        }
        boolean defaultPort = settings.url().getPort() < 0;
        StringBuilder request = new StringBuilder()
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(settings.url().getHost()).append(defaultPort ? "" : ":" + settings.port()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        if (settings.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("User-Agent"))) {
            request.append("User-Agent: Lookout\r\n");
        }
        settings.headers().forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        return request.append("\r\n").toString();
    }

    /** Null when the server switched protocols correctly; otherwise why the handshake failed. */
    private static String readHandshakeResponse(InputStream in, String key, Timings.Recorder timings) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!endsWithBlankLine(head)) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            timings.firstByte();
            if (head.size() >= MAX_HEADER_BYTES) {
                throw new ProtocolException("handshake response headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new ProtocolException("not an HTTP response: " + printable(lines[0]));
        }
        if (!statusLine[1].equals("101")) {
            return "handshake rejected: HTTP " + statusLine[1] + (statusLine.length > 2 ? " " + statusLine[2] : "");
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        if (!"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
            return "handshake failed: HTTP 101 without 'Upgrade: websocket'";
        }
        if (!accept(key).equals(headers.get("sec-websocket-accept"))) {
            return "handshake failed: wrong Sec-WebSocket-Accept";
        }
        return null;
    }

    /** Reads frames until a whole text message arrives; answers pings, skips binary messages and pongs. */
    private static String readTextMessage(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream text = null;
        while (true) {
            int first = readByte(in);
            int second = readByte(in);
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            long length = second & 0x7F;
            if (length == 126) {
                length = (readByte(in) << 8) | readByte(in);
            } else if (length == 127) {
                length = ByteBuffer.wrap(in.readNBytes(8)).getLong();
            }
            byte[] mask = (second & 0x80) != 0 ? in.readNBytes(4) : null;
            if (length < 0 || length > MAX_MESSAGE_BYTES || (text != null && text.size() + length > MAX_MESSAGE_BYTES)) {
                throw new ProtocolException("message longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException("connection closed in the middle of a frame");
            }
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            switch (opcode) {
                case PING -> writeFrame(out, PONG, payload);
                case PONG -> { }
                case CLOSE -> throw new ClosedByServer(payload);
                case TEXT -> {
                    text = new ByteArrayOutputStream();
                    text.write(payload);
                }
                case CONTINUATION -> {
                    if (text != null) {
                        text.write(payload);
                    }
                }
                default -> text = null; // binary (or an extension's opcode): not a text message, wait for one
            }
            if (fin && text != null && (opcode == TEXT || opcode == CONTINUATION)) {
                return text.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** A client frame: FIN set, payload masked with a fresh key as RFC 6455 requires of clients. */
    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] mask = randomBytes(4);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static void sendCloseQuietly(OutputStream out) {
        try {
            writeFrame(out, CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000: normal closure
        } catch (IOException e) {
            // The verdict is already made; the socket is closed next either way.
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new ClosedByServer(null);
        }
        return b;
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
        byte[] b = head.toByteArray();
        int n = b.length;
        return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The server closed the WebSocket (a close frame or end of stream) before the message the check waits for. */
    private static final class ClosedByServer extends IOException {
        ClosedByServer(byte[] closePayload) {
            super(describe(closePayload), null);
        }

        private static String describe(byte[] payload) {
            if (payload == null) {
                return "connection closed by the server before a message";
            }
            if (payload.length < 2) {
                return "server closed the WebSocket before a message";
            }
            int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            String reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
            return "server closed the WebSocket before a message (code " + code + (reason.isEmpty() ? "" : ": " + reason) + ")";
        }
    }
}
