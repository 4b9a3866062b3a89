package dev.lookout.account;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.lookout.config.AccountsConfig;
import dev.lookout.config.OidcConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single sign-on with an OpenID Connect provider ({@code accounts.oidc}): the authorization code
 * flow with PKCE, a state bound to the browser and good once, a nonce, and the ID token's signature
 * checked against the provider's JWKS. The user is found by the provider's subject, created at the
 * first sign-in (without a password), and given at every sign-in the role their groups map to; a
 * user in no mapped group is refused and their sessions end.
 */
public final class SingleSignOn {
    /** How long the provider may take to send the browser back. */
    static final Duration WAIT_FOR_CALLBACK = Duration.ofMinutes(10);
    static final String EXPIRED = "This sign-in expired or was already used: start again from the login page.";
    static final String UNREACHABLE = "The sign-in provider could not be reached: try again later, or sign in with a password.";
    static final String UNVERIFIED = "The sign-in provider's answer could not be verified, so you are not signed in.";
    private static final Logger log = LoggerFactory.getLogger(SingleSignOn.class);

    private final Accounts accounts;
    private final Sessions sessions;
    private final Supplier<AccountsConfig> config;
    private final Supplier<String> redirectUri;
    private final InstantSource clock;
    private volatile OidcProvider provider;

    /**
     * @param redirectUri where the provider sends the browser back: {@code server.public_url} + {@code /login/oidc/callback}
     */
    public SingleSignOn(Accounts accounts, Sessions sessions, Supplier<AccountsConfig> config, Supplier<String> redirectUri,
                        InstantSource clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.config = config;
        this.redirectUri = redirectUri;
        this.clock = clock;
    }

    /** Whether {@code accounts.oidc} is set: the login page offers the button. */
    public boolean offered() {
        return config.get().oidc() != null;
    }

    /** Starts a sign-in: where to send the browser, with a new state, nonce and PKCE verifier kept for the callback. */
    public SsoLogin begin(String next) {
        OidcConfig oidc = config.get().oidc();
        if (oidc == null) {
            return notOffered();
        }
        Optional<OidcProvider> found = provider(oidc);
        if (found.isEmpty()) {
            return new SsoLogin.Refused(502, UNREACHABLE);
        }
        OidcProvider op = found.get();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        Instant now = clock.instant();
        accounts.addOidcLogin(SecretTokens.sha256(state.getValue()),
                new Accounts.OidcLogin(nonce.getValue(), verifier.getValue(), next, now.plus(WAIT_FOR_CALLBACK)), now);
        URI authorization = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(op.config.scopes().toArray(String[]::new)),
                new ClientID(op.config.clientId()), URI.create(redirectUri.get()))
                .endpointURI(op.metadata.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new SsoLogin.ToProvider(authorization, state.getValue());
    }

    /**
     * The provider sent the browser back.
     *
     * @param browserState the state in this browser's cookie: a callback started in another browser is refused
     * @param callback     the callback's query parameters ({@code code}, {@code state}, or {@code error})
     */
    public SsoLogin finish(String browserState, Callback callback, String address) {
        OidcConfig oidc = config.get().oidc();
        if (oidc == null) {
            return notOffered();
        }
        String state = callback.state();
        if (state == null || state.length() > 200 || !state.equals(browserState)) {
            return new SsoLogin.Refused(400, EXPIRED);
        }
        Optional<Accounts.OidcLogin> waiting = accounts.takeOidcLogin(SecretTokens.sha256(state));
        if (waiting.isEmpty() || !clock.instant().isBefore(waiting.get().expiresAt())) {
            return new SsoLogin.Refused(400, EXPIRED);
        }
        if (callback.error() != null) {
            return new SsoLogin.Refused(401, "The sign-in provider did not sign you in: " + cut(callback.error())
                    + (callback.errorDescription() == null ? "" : " (" + cut(callback.errorDescription()) + ")") + ".");
        }
        if (callback.code() == null || callback.code().isEmpty()) {
            return new SsoLogin.Refused(400, EXPIRED);
        }
        Optional<OidcProvider> found = provider(oidc);
        if (found.isEmpty()) {
            return new SsoLogin.Refused(502, UNREACHABLE);
        }
        return redeem(found.get(), callback.code(), waiting.get(), address);
    }

    private SsoLogin redeem(OidcProvider op, String code, Accounts.OidcLogin waiting, String address) {
        IDTokenClaimsSet claims;
        try {
            ClientID client = new ClientID(op.config.clientId());
            Secret secret = new Secret(op.config.clientSecret());
            ClientAuthentication authentication = op.wantsSecretInForm() ? new ClientSecretPost(client, secret)
                    : new ClientSecretBasic(client, secret);
            HTTPRequest request = new TokenRequest(op.metadata.getTokenEndpointURI(), authentication,
                    new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(redirectUri.get()),
                            new CodeVerifier(waiting.codeVerifier()))).toHTTPRequest();
            request.setConnectTimeout(OidcProvider.TIMEOUT_MS);
            request.setReadTimeout(OidcProvider.TIMEOUT_MS);
            TokenResponse response = OIDCTokenResponseParser.parse(request.send());
            if (!response.indicatesSuccess()) {
                ErrorObject error = response.toErrorResponse().getErrorObject();
                log.warn("single sign-on: {} refused the code: {} {}", op.config.issuer(), error.getCode(), error.getDescription());
                return new SsoLogin.Refused(401, "The sign-in provider refused to complete the sign-in ("
                        + (error.getCode() == null ? "HTTP " + error.getHTTPStatusCode() : error.getCode())
                        + "): start again from the login page.");
            }
            JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
            claims = op.validator.validate(idToken, new Nonce(waiting.nonce()));
        } catch (IOException e) {
            log.warn("single sign-on: the token endpoint of {} could not be reached: {}", op.config.issuer(), e.toString());
            return new SsoLogin.Refused(502, UNREACHABLE);
        } catch (BadJOSEException | JOSEException | GeneralException | RuntimeException e) {
            // A bad signature, an unknown key, a wrong nonce, issuer or audience, an expired token, or an unreadable answer.
            log.warn("single sign-on: the answer of {} failed verification: {}", op.config.issuer(), e.toString());
            return new SsoLogin.Refused(401, UNVERIFIED);
        }
        return signIn(op.config, claims, waiting.next(), address);
    }

    private SsoLogin signIn(OidcConfig oidc, IDTokenClaimsSet claims, String next, String address) {
        String subject = oidc.issuer() + "|" + claims.getSubject().getValue();
        Object nameClaim = claims.getClaim(oidc.nameClaim());
        String name = nameClaim instanceof String text ? text : claims.getSubject().getValue();
        Optional<AccountRole> role = new GroupRoles(oidc.roles()).of(groups(claims.getClaim(oidc.groupsClaim())));
        Optional<User> known = accounts.ssoUser(subject);
        if (role.isEmpty()) {
            known.ifPresent(user -> accounts.removeSessions(user.id()));
            return new SsoLogin.Refused(403, "You are signed in at the provider as " + name + ", but none of your groups"
                    + " gives you access to Lookout: ask an administrator to add you to a group that does.");
        }
        User user;
        if (known.isPresent()) {
            user = known.get();
            if (user.role() != role.get()) {
                accounts.setRole(user.id(), role.get());
                log.info("single sign-on: {} is {} now (was {}), from their groups", user.name(), role.get().code(),
                        user.role().code());
                user = new User(user.id(), user.name(), role.get(), user.createdAt(), true);
            }
        } else {
            if (!Users.validName(name)) {
                return new SsoLogin.Refused(403, "Your user name at the provider cannot be a Lookout user name (1 to 64"
                        + " letters, digits, '.', '_', '@' or '-'): ask an administrator to set name_claim.");
            }
            Optional<User> added = accounts.addSsoUser(name, subject, role.get(), clock.instant());
            if (added.isEmpty()) {
                return new SsoLogin.Refused(403, "A Lookout user named " + name + " exists already and signs in with a"
                        + " password: an administrator must remove that user before " + name + " can sign in here.");
            }
            user = added.get();
            log.info("single sign-on: added {} ({}) at their first sign-in", name, role.get().code());
        }
        return new SsoLogin.SignedIn(sessions.signIn(user, address), next);
    }

    private static Collection<String> groups(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim instanceof String single ? List.of(single) : List.of();
    }

    /**
     * The provider for this configuration, discovered once and again after a change of
     * {@code accounts.oidc}; empty when it cannot be reached (asked again next time).
     */
    private Optional<OidcProvider> provider(OidcConfig oidc) {
        OidcProvider current = provider;
        if (current != null && current.config.equals(oidc)) {
            return Optional.of(current);
        }
        try {
            current = OidcProvider.discover(oidc);
        } catch (IOException | GeneralException | RuntimeException e) {
            log.warn("single sign-on: the metadata of {} could not be read: {}", oidc.issuer(), e.toString());
            return Optional.empty();
        }
        provider = current;
        return Optional.of(current);
    }

    /** The provider's words, within reason: they are shown on the page. */
    private static String cut(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static SsoLogin notOffered() {
        return new SsoLogin.Refused(404, "Single sign-on is not set up on this Lookout: sign in with your user name and password.");
    }

    /** The query parameters of the provider's callback, any of them null when absent. */
    public record Callback(String code, String state, String error, String errorDescription) {
    }
}
