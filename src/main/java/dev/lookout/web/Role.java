package dev.lookout.web;

import io.javalin.security.RouteRole;

/** Who may call a route. Every route declares one; {@link WebServer} refuses to register a route without it. */
public enum Role implements RouteRole {
    /** Anyone: the status page, public JSON, health and metrics. */
    PUBLIC,
    /** An operator with the admin token (write APIs; none in this version). */
    ADMIN,
    /**
     * A remote probe with its own token ({@code lookout probe-token create}): only the probe API.
     * A probe token opens no other route, and the admin token opens none of these.
     */
    PROBE
}
