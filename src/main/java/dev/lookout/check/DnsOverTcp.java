package dev.lookout.check;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.xbill.DNS.Message;

/**
 * One DNS query over TCP (RFC 1035 4.2.2: two length bytes before each message) in the calling
 * thread, every blocking call bounded by the deadline. Used instead of dnsjava's TCP client, which
 * left later UDP queries of the whole process timing out (see {@link AddressResolver}).
 */
final class DnsOverTcp {
    private static final String PHASE = "dns";

    private DnsOverTcp() {
    }

    static Message exchange(Message query, InetSocketAddress server, Deadline deadline)
            throws UnknownHostException, DeadlineExceededException {
        byte[] wire = query.toWire();
        try (Socket socket = new Socket()) {
            socket.connect(server, deadline.socketTimeoutMillis(PHASE));
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {(byte) (wire.length >>> 8), (byte) wire.length});
            out.write(wire);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            socket.setSoTimeout(deadline.socketTimeoutMillis(PHASE));
            int length = in.readUnsignedShort();
            socket.setSoTimeout(deadline.socketTimeoutMillis(PHASE));
            byte[] response = in.readNBytes(length);
            deadline.check(PHASE);
            if (response.length < length) {
                throw new UnknownHostException("DNS server closed the TCP connection mid-answer");
            }
            Message answer = new Message(response);
            if (answer.getHeader().getID() != query.getHeader().getID()) {
                throw new UnknownHostException("DNS answer over TCP has the wrong id");
            }
            return answer;
        } catch (SocketTimeoutException e) {
            throw new DeadlineExceededException(PHASE);
        } catch (ConnectException e) {
            throw new UnknownHostException("DNS server refused the TCP connection");
        } catch (UnknownHostException e) {
            throw e;
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new DeadlineExceededException(PHASE);
            }
            throw new UnknownHostException("DNS query over TCP failed: " + e.getMessage());
        }
    }
}
