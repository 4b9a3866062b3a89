package dev.lookout.web;

import dev.lookout.account.AccountRole;
import dev.lookout.account.Session;
import io.javalin.http.Context;

/**
 * Who called a non-public route, as {@link AccessGate} found out before the handler ran. Handlers
 * read this, never the credentials themselves.
 *
 * @param name    the user, the API key's name ("api key NAME") or "admin token"
 * @param session the browser session, or null for an API key or the admin token
 */
public record Caller(String name, AccountRole role, Session session) {
    static final String ATTRIBUTE = "lookout.caller";

    /** The caller of a guarded route; a public route has none, which is a programming error. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException(ctx.method() + " " + ctx.path() + " is public: it has no caller");
        }
        return caller;
    }
}
