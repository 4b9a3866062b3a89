package dev.lookout.check;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Message;

/**
 * One DNS query over TCP (RFC 1035 4.2.2: two length bytes before each message) on a virtual
 * thread, every blocking call bounded by the deadline. Used instead of dnsjava's TCP client, which
 * left later UDP queries of the whole process timing out (see {@link AddressResolver}).
 */
final class DnsOverTcp {

    private DnsOverTcp() {
    }

    static CompletableFuture<Message> send(Message query, InetSocketAddress server, Deadline deadline) {
        CompletableFuture<Message> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("lookout-dns-tcp").start(() -> {
            try {
                answer.complete(exchange(query, server, deadline));
            } catch (IOException | DeadlineExceededException | RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private static Message exchange(Message query, InetSocketAddress server, Deadline deadline)
            throws IOException, DeadlineExceededException {
        byte[] wire = query.toWire();
        try (Socket socket = new Socket()) {
            socket.connect(server, deadline.socketTimeoutMillis("dns"));
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            socket.setSoTimeout(deadline.socketTimeoutMillis("dns"));
            int length = in.readUnsignedShort();
            socket.setSoTimeout(deadline.socketTimeoutMillis("dns"));
            byte[] response = in.readNBytes(length);
            deadline.check("dns");
            if (response.length < length) {
                throw new IOException("DNS server closed the TCP connection mid-answer");
            }
            Message answer = new Message(response);
            if (answer.getHeader().getID() != query.getHeader().getID()) {
                throw new IOException("DNS answer over TCP has the wrong id");
            }
            return answer;
        } catch (SocketTimeoutException e) {
            throw new DeadlineExceededException("dns");
        }
    }
}
