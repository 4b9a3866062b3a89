package dev.lookout.web;

import dev.lookout.status.Page;
import dev.lookout.status.Pages;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.EndpointNotFound;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Routes served per status page: each is declared once without a prefix (the page chosen by the
 * Host header, else the default page) and once under {@value #PREFIX} (a page's {@code path:}).
 * The prefixed routes come after every fixed route ({@link WebServer} orders them so), and a
 * prefix that is no page's is an address no route serves (a page for browsers, JSON otherwise).
 */
final class PageRequests {
    static final String PREFIX = "/{page}";

    private PageRequests() {
    }

    /** The GET route {@code path} ({@code "/"} for the page itself) without and with the page prefix. */
    static List<Route> both(String path, Pages pages, BiConsumer<Context, Page> handler) {
        return both(HandlerType.GET, path, pages, handler);
    }

    /** The route {@code method path} without and with the page prefix. */
    static List<Route> both(HandlerType method, String path, Pages pages, BiConsumer<Context, Page> handler) {
        List<Route> out = new ArrayList<>(2);
        out.add(Route.of(method, path, Role.PUBLIC, ctx -> handler.accept(ctx, page(pages, ctx, ""))));
        out.add(Route.of(method, path.equals("/") ? PREFIX : PREFIX + path, Role.PUBLIC,
                ctx -> handler.accept(ctx, page(pages, ctx, "/" + ctx.pathParam("page")))));
        return out;
    }

    private static Page page(Pages pages, Context ctx, String prefix) {
        return pages.resolve(host(ctx.header("Host")), prefix)
                .orElseThrow(() -> new EndpointNotFound(ctx.method(), ctx.path()));
    }

    /** The host name of a Host header, without port and trailing dot; null without one. */
    static String host(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.strip();
        if (h.startsWith("[")) { // an IPv6 literal: [::1]:8080
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
