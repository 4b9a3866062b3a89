package dev.lookout.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another site, as a browser sees it: the JDK's HTTP server on another port of 127.0.0.1 (another
 * origin than Lookout's), serving the pages a test puts there, as a customer's site or a README
 * viewer embeds Lookout's widgets, JSON and badges.
 */
final class OtherSite implements AutoCloseable {
    private record Page(byte[] body, String type) {
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    OtherSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Page page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = page == null ? "not here".getBytes(StandardCharsets.UTF_8) : page.body();
            exchange.getResponseHeaders().set("Content-Type", page == null ? "text/plain" : page.type());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Serves {@code body} at {@code path} from now on. */
    OtherSite put(String path, String type, byte[] body) {
        pages.put(path, new Page(body, type));
        return this;
    }

    OtherSite html(String path, String html) {
        return put(path, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
