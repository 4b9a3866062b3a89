package dev.lookout.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Where a request really came from and whether it came over TLS, believing {@code X-Forwarded-For}
 * and {@code X-Forwarded-Proto} only from the proxies of {@code accounts.trusted_proxies}: anyone
 * else could write them to escape the login throttle.
 */
final class ForwardedRequest {
    private final Set<String> trustedProxies;
    private final boolean publicUrlIsHttps;

    ForwardedRequest(List<String> trustedProxies, boolean publicUrlIsHttps) {
        this.trustedProxies = Set.copyOf(trustedProxies);
        this.publicUrlIsHttps = publicUrlIsHttps;
    }

    /** The client's address: the right-most one in X-Forwarded-For that is not a trusted proxy. */
    String address(Context ctx) {
        String address = ctx.ip();
        if (!trustedProxies.contains(address)) {
            return address;
        }
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return address;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return address;
    }

    /** Whether a cookie set now must be {@code Secure}: the public URL is https, or this request came over TLS. */
    boolean secure(Context ctx) {
        if (publicUrlIsHttps || "https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        return trustedProxies.contains(ctx.ip()) && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
