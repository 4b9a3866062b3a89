package dev.lookout.web.console;

/**
 * What every console page shows around its content: who is signed in and with which role, the
 * session's CSRF token for the forms, and the scripts' {@code integrity} hashes.
 *
 * @param csrf     the session's CSRF token; empty for an API key (which needs none)
 * @param signedIn whether the caller has a browser session (and so a sign-out button)
 * @param editor   whether the caller may act (editor or admin): viewers see no action forms
 * @param admin    whether the caller is an admin: only admins see the links to users, API keys and the audit log
 */
public record ConsoleFrame(String name, String role, String csrf, boolean signedIn, boolean editor, boolean admin, String htmx,
                           String script) {
}
