package dev.lookout.web;

/**
 * Checks the bearer token of a route role that no account reaches ({@link Role#PROBE}): a
 * {@link RouteGroup} that also implements this vouches for its role's callers. {@link AccessGate}
 * alone reads the credentials and asks it, so that no handler checks access by hand.
 */
public interface RoleGuard {

    Role role();

    /**
     * Who the token belongs to, given the name the caller claims and its address; otherwise an
     * {@link ApiException} (401 for a bad token, 403 for a good token used for what it may not).
     *
     * @param token   the bearer token, or null when the request has none
     * @param claimed what the caller says it is (e.g. a probe's name header), or null
     */
    String vouch(String token, String claimed, String address);

    /** The realm named in {@code WWW-Authenticate} on a 401. */
    String realm();

    /** The request header in which a caller says who it is (passed to {@link #vouch} as {@code claimed}). */
    String claimHeader();
}
