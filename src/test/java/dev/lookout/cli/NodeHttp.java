package dev.lookout.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the fault tests ask a running node over HTTP, and how they wait for what it should come to. */
final class NodeHttp {
    /** How long a fault test waits for the node to notice or heal: generous, for a busy 2-core CI machine. */
    static final Duration NOTICE = Duration.ofSeconds(30);
    /** Also for requests a test builds itself (admin calls with a token). */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NodeHttp() {
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static URI uri(LookoutNode node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    static HttpResponse<String> get(LookoutNode node, String path) throws Exception {
        return get(uri(node, path));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks every 200 ms until {@code condition} holds; fails naming {@code what} after {@link #NOTICE}. */
    static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + NOTICE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + NOTICE.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
