package dev.lookout.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Local HTTP targets for the node tests' monitors. */
final class Targets {
    private Targets() {
    }

    /** A started server on a free loopback port that answers every request 200 without a body: a healthy target. */
    static HttpServer answering200() throws IOException {
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        return target;
    }
}
