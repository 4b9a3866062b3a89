package dev.lookout.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token that {@link Role#ADMIN} routes require. Without a configured token the write
 * APIs are off (403 saying how to turn them on); a missing or wrong token is a 401. Compared in
 * constant time.
 */
final class AdminToken {
    private final byte[] expected;

    AdminToken(String token) {
        this.expected = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    Handler guard(Handler handler) {
        return ctx -> {
            check(ctx);
            handler.handle(ctx);
        };
    }

    private void check(Context ctx) {
        if (expected == null) {
            throw new ApiException(403, "this API needs an admin token: set server.admin_token in the configuration");
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"lookout\"");
            throw new ApiException(401, "missing admin token: send 'Authorization: Bearer <server.admin_token>'");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"lookout\", error=\"invalid_token\"");
            throw new ApiException(401, "wrong admin token");
        }
    }
}
