package dev.lookout.check.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/** Decodes a {@code Transfer-Encoding: chunked} body (RFC 9112 section 7.1), keeping at most a cap. */
final class ChunkedBody {
    private final InputStream in;
    private final int cap;

    ChunkedBody(InputStream in, int cap) {
        this.in = in;
        this.cap = cap;
    }

    /** Reads chunks until the last one or the cap; returns whether the body was cut at the cap. */
    boolean readInto(ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        while (true) {
            long size = chunkSize(HttpResponseReader.readLine(in, "chunk size"));
            if (size == 0) {
                skipTrailers();
                return false;
            }
            long left = size;
            while (left > 0) {
                if (body.size() >= cap) {
                    // Stop reading: the connection is closed anyway, and a huge body must not cost time.
                    return true;
                }
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(left, cap - body.size())));
                if (n < 0) {
                    throw new ProtocolException("connection closed inside a chunk");
                }
                body.write(buffer, 0, n);
                left -= n;
            }
            if (!HttpResponseReader.readLine(in, "chunk end").isEmpty()) {
                throw new ProtocolException("malformed chunked body: no CRLF after chunk data");
            }
        }
    }

    private static long chunkSize(String line) throws ProtocolException {
        int end = line.indexOf(';');
        String hex = (end >= 0 ? line.substring(0, end) : line).trim();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed chunk size '" + abbreviate(line) + "'");
        }
    }

    private void skipTrailers() throws IOException {
        while (!HttpResponseReader.readLine(in, "trailer").isEmpty()) {
            // Trailers carry nothing a check looks at.
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "...";
    }
}
