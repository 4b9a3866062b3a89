package dev.lookout.web;

import dev.lookout.account.AccountRole;
import io.javalin.security.RouteRole;

/**
 * The least role a route needs, weakest first; each role may call every route of the roles before
 * it. Every route declares one in its {@link RouteGroup} (the one place the route table is
 * written), and {@link AccessGate} is the one place that checks it.
 */
public enum Role implements RouteRole {
    /** Anyone: the status page, public JSON, health and metrics, the login page. */
    PUBLIC(null),
    /** A signed-in operator or an API key of any role: reads what operators see. */
    VIEWER(AccountRole.VIEWER),
    /** Writes incidents, maintenance, acknowledgements and subscribers. */
    EDITOR(AccountRole.EDITOR),
    /** Everything: users, API keys, the storage; also what the deprecated {@code server.admin_token} grants. */
    ADMIN(AccountRole.ADMIN),
    /**
     * A remote probe with its own token ({@code lookout probe-token create}): only the probe API, its
     * token vouched for by the probe API's {@link RoleGuard}. No account or API key reaches these
     * routes, and a probe token opens no other route.
     */
    PROBE(null);

    private final AccountRole account;

    Role(AccountRole account) {
        this.account = account;
    }

    /** Whether a caller with this account role may call a route that needs this role. */
    boolean admits(AccountRole callerRole) {
        return this == PUBLIC || (account != null && callerRole != null && callerRole.atLeast(account));
    }

    /** The route role an account role reaches. */
    static Role of(AccountRole role) {
        return switch (role) {
            case VIEWER -> VIEWER;
            case EDITOR -> EDITOR;
            case ADMIN -> ADMIN;
        };
    }
}
