package dev.lookout.account;

import java.time.Duration;

/** How a login ended. */
public sealed interface Login {

    /** The password matched: the session and its id, which goes into the cookie and nowhere else. */
    record SignedIn(String sessionId, Session session) implements Login {
    }

    /**
     * The password was right and the user has two-factor authentication: the code must follow, with
     * this half-login's id (for a cookie and nowhere else), before {@link Sessions#HALF_LOGIN_EXPIRY}.
     */
    record SecondStep(String halfLoginId) implements Login {
    }

    /** The half-login is unknown, used or too old: start again with the password. */
    record Expired() implements Login {
        public String message() {
            return "The sign-in took too long: enter your user name and password again.";
        }
    }

    /** Wrong name or password (or a wrong code); the message does not say which of name and password. */
    record Refused(String message) implements Login {
    }

    /** Too many failures of this account or from this address: nothing was checked. */
    record Throttled(Duration retryAfter) implements Login {

        /** The wait in whole seconds, rounded up: also the {@code Retry-After}. */
        public long seconds() {
            return Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
        }

        /** "too many attempts, try again in N s". */
        public String message() {
            return "too many attempts, try again in " + seconds() + " s";
        }
    }
}
