package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends its request headers one byte a second (Slowloris) is disconnected once its
 * head has taken longer than the deadline (10 s), although each byte restarts the 30 s idle
 * timeout; other clients are served meanwhile.
 */
class SlowHeadersTest {
    @TempDir
    Path dir;
    private LookoutNode node;

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("lookout.yaml");
        Files.writeString(file, """
                server: { listen: "127.0.0.1:0" }
                storage: { url: "sqlite:%s" }
                components: [ { id: web, name: Web } ]
                """.formatted(dir.resolve("lookout.db")));
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(file)).start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void a_client_trickling_its_headers_is_disconnected_while_others_are_served() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", node.port())) {
            slow.setSoTimeout(90_000);
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            AtomicInteger trickled = new AtomicInteger();
            Thread trickle = Thread.ofVirtual().start(() -> {
                byte[] header = "X-Slow: ".concat("a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
                try {
                    for (byte b : header) {
                        out.write(b);
                        out.flush();
                        trickled.incrementAndGet();
                        Thread.sleep(1_000);
                    }
                } catch (IOException | InterruptedException cutOff) {
                    // the server closed the connection: what the test waits for
                }
            });
            long started = System.nanoTime();
            assertThat(NodeHttp.get(node, "/").statusCode()).as("a normal client is served meanwhile").isEqualTo(200);
            assertThat(trickled.get()).as("the slow client is still sending").isLessThan(8);

            InputStream in = slow.getInputStream();
            int answered;
            try {
                answered = in.read(new byte[1024]);
            } catch (java.net.SocketException reset) {
                answered = -1;
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertThat(answered).as("the server closed the connection without an answer").isEqualTo(-1);
            assertThat(seconds).as("not before the deadline, and before the 200 bytes were sent").isBetween(9L, 60L);
            trickle.interrupt();
            trickle.join();
            assertThat(trickled.get()).as("bytes sent before the cut").isLessThan(60);
        }
        assertThat(NodeHttp.get(node, "/healthz").statusCode()).isEqualTo(200);
    }
}
