package dev.lookout.account;

import java.net.URI;

/** How a single sign-on step ended. */
public sealed interface SsoLogin {

    /** Send the browser to the provider; {@code state} goes into a cookie that the callback must bring back. */
    record ToProvider(URI authorizationUrl, String state) implements SsoLogin {
    }

    /** The provider vouched for the user, who has a role: the session, and where to go now. */
    record SignedIn(Login.SignedIn login, String next) implements SsoLogin {
    }

    /**
     * Not signed in, with a message for the user and the HTTP status of the page that shows it
     * (400 a stale or foreign callback, 401 the provider's refusal or an answer that failed
     * verification, 403 no role, 404 no single sign-on, 502 the provider unreachable).
     */
    record Refused(int status, String message) implements SsoLogin {
    }
}
