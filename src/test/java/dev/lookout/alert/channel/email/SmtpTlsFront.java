package dev.lookout.alert.channel.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS in front of GreenMail, which speaks only plain SMTP here: it has no STARTTLS, and its SMTPS
 * takes its certificate from one keystore per JVM named by a system property. The front holds a
 * test CA's certificate and either speaks TLS from the first byte (SMTPS) or plain SMTP up to
 * {@code STARTTLS}; after the handshake it relays every byte to and from GreenMail, so that the
 * mail itself is received by a real SMTP server.
 */
final class SmtpTlsFront implements AutoCloseable {

    enum Mode {
        /** TLS from the first byte, as on port 465. */
        IMPLICIT,
        /** Plain greeting and EHLO offering STARTTLS, then TLS, as on port 587. */
        STARTTLS
    }

    private final Mode mode;
    private final SSLContext tls;
    private final int backendPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> handshakes = new CopyOnWriteArrayList<>();

    SmtpTlsFront(Mode mode, SSLContext tls, int backendPort) throws IOException {
        this.mode = mode;
        this.tls = tls;
        this.backendPort = backendPort;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.listener = mode == Mode.IMPLICIT ? tls.getServerSocketFactory().createServerSocket(0, 50, loopback)
                : new ServerSocket(0, 50, loopback);
        Thread.ofVirtual().name("smtp-tls-front").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The protocol of every completed handshake ({@code TLSv1.3}), in order. */
    List<String> handshakes() {
        return List.copyOf(handshakes);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            SSLSocket secured = mode == Mode.IMPLICIT ? (SSLSocket) client : startTls(client);
            if (secured == null) {
                return;
            }
            secured.startHandshake();
            handshakes.add(secured.getSession().getProtocol());
            Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
            sockets.add(backend);
            String greeting = line(backend.getInputStream());
            if (mode == Mode.IMPLICIT) {
                secured.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                secured.getOutputStream().flush();
            }
            // After STARTTLS the client says EHLO again and expects no second greeting: GreenMail's is dropped.
            Thread.ofVirtual().start(() -> relay(backend, secured));
            relay(secured, backend);
        } catch (IOException e) {
            close(client);
        }
    }

    /** The plain part of a STARTTLS session; the upgraded socket, or null when the client left before it. */
    private SSLSocket startTls(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        write(out, "220 localhost ESMTP tls-front\r\n");
        while (true) {
            String command = line(in).strip().toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO")) {
                write(out, "250-localhost\r\n250 STARTTLS\r\n");
            } else if (command.startsWith("HELO")) {
                write(out, "250 localhost\r\n");
            } else if (command.equals("STARTTLS")) {
                write(out, "220 2.0.0 Ready to start TLS\r\n");
                SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
                secured.setUseClientMode(false);
                sockets.add(secured);
                return secured;
            } else if (command.equals("QUIT") || command.isEmpty()) {
                write(out, "221 2.0.0 Bye\r\n");
                close(client);
                return null;
            } else {
                write(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
            }
        }
    }

    /** One line with its CRLF, read byte by byte: nothing after it may be consumed before the TLS handshake. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void relay(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(SmtpTlsFront::close);
    }
}
