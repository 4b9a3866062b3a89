package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on against a real OpenID Connect provider (mock-oauth2-server on a random port, its
 * login not interactive: it signs in whoever the test enqueues), driven as a browser would: a
 * cookie jar, and redirects followed from Lookout to the provider and back.
 */
class SingleSignOnTest {
    private static final String ISSUER_ID = "ops";

    @TempDir
    Path dir;
    private MockOAuth2Server provider;
    private RunningLookout lookout;

    @BeforeEach
    void start() throws Exception {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), 0);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        lookout = new RunningLookout(dir, """
                accounts:
                  require_2fa: [admin]
                  oidc:
                    issuer: "%s"
                    client_id: lookout
                    client_secret: not-so-secret
                    groups_claim: groups
                    roles: { admin: [ops-admins], editor: [oncall], viewer: [staff] }
                """.formatted(provider.issuerUrl(ISSUER_ID)), port);
    }

    @AfterEach
    void stop() {
        if (lookout != null) {
            lookout.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    /** The provider's next sign-in: this subject, with this user name and these groups, for Lookout's client id. */
    private void providerSignsIn(String subject, String name, List<String> groups) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", List.of("lookout"),
                Map.of("preferred_username", name, "groups", groups), 3600));
    }

    private static HttpClient browser(HttpClient.Redirect redirects) {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(redirects).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(HttpClient client) throws Exception {
        return get(client, lookout.url() + "/login/oidc?next=%2Fconsole");
    }

    @Test
    void each_mapped_group_gives_its_role_and_the_session_is_an_ordinary_one() throws Exception {
        Map<String, String> roleOfGroup = Map.of("ops-admins", "admin", "oncall", "editor", "staff", "viewer");
        for (Map.Entry<String, String> mapping : roleOfGroup.entrySet()) {
            HttpClient client = browser(HttpClient.Redirect.NORMAL);
            String name = "user-of-" + mapping.getKey();
            providerSignsIn("subject-" + mapping.getKey(), name, List.of("unrelated", mapping.getKey()));

            HttpResponse<String> landed = signIn(client);

            assertThat(landed.uri().toString()).as(name).isEqualTo(lookout.url() + "/console");
            assertThat(landed.statusCode()).isEqualTo(200);
            assertThat(landed.body()).as("not sent to the TOTP set-up although admins must have it: the provider's")
                    .contains("<strong id=\"user\">" + name + "</strong>")
                    .contains("<span id=\"role\">" + mapping.getValue() + "</span>");
        }
    }

    @Test
    void the_first_sign_in_creates_the_user_and_later_ones_update_the_role_from_the_groups() throws Exception {
        providerSignsIn("subject-ada", "ada", List.of("oncall"));
        assertThat(signIn(browser(HttpClient.Redirect.NORMAL)).body()).contains("<span id=\"role\">editor</span>");
        providerSignsIn("subject-ada", "ada", List.of("staff", "ops-admins"));
        assertThat(signIn(browser(HttpClient.Redirect.NORMAL)).body()).as("the strongest of the groups")
                .contains("<span id=\"role\">admin</span>");

        RunningLookout.Run users = RunningLookout.runWith(Map.of(), "", "user", "list", "--config",
                lookout.serverConfig.toString());
        assertThat(users.exit()).as(users.err()).isZero();
        assertThat(users.out().lines().filter(l -> l.startsWith("ada "))).as("one user: found by subject").singleElement()
                .asString().contains(" admin ").endsWith(" (single sign-on)");
        try (var store = dev.lookout.store.Stores.open("sqlite:" + dir.resolve("lookout.db"),
                dev.lookout.store.StoreOptions.defaults())) {
            long ada = store.accounts().users().stream().filter(u -> u.name().equals("ada")).findFirst().orElseThrow().id();
            assertThat(store.accounts().removeSessions(ada)).as("a session per sign-in").isEqualTo(2);
            assertThat(store.accounts().lastSignIns()).as("a single sign-on is a sign-in, kept without a session")
                    .containsKey(ada);
        }
    }

    @Test
    void a_user_in_no_mapped_group_is_refused_with_a_page_that_leads_back_to_the_login() throws Exception {
        providerSignsIn("subject-eve", "eve", List.of("contractors"));
        HttpClient client = browser(HttpClient.Redirect.NORMAL);

        HttpResponse<String> refused = signIn(client);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.uri().getPath()).isEqualTo("/login/oidc/callback");
        assertThat(refused.body()).contains("You are signed in at the provider as eve, but none of your groups gives you"
                + " access to Lookout: ask an administrator to add you to a group that does.")
                .contains("<a href=\"/login\" id=\"back\">").doesNotContain("Exception");
        assertThat(get(client, lookout.url() + "/console").statusCode()).as("no session").isEqualTo(401);
    }

    @Test
    void a_replayed_or_forged_state_is_refused() throws Exception {
        providerSignsIn("subject-bob", "bob", List.of("staff"));
        HttpClient client = browser(HttpClient.Redirect.NEVER);
        HttpResponse<String> toProvider = signIn(client);
        assertThat(toProvider.statusCode()).isEqualTo(303);
        String authorize = toProvider.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(provider.issuerUrl(ISSUER_ID).toString()).contains("code_challenge_method=S256")
                .contains("nonce=").contains("state=");
        HttpResponse<String> back = get(client, authorize);
        String callback = back.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(lookout.url() + "/login/oidc/callback?");
        String forged = callback.replaceAll("state=[^&]+", "state=forged");

        HttpResponse<String> withForgedState = get(client, forged);
        assertThat(withForgedState.statusCode()).isEqualTo(400);
        assertThat(withForgedState.body()).contains("This sign-in expired or was already used: start again from the login page.");

        providerSignsIn("subject-bob", "bob", List.of("staff"));
        HttpClient second = browser(HttpClient.Redirect.NEVER);
        String secondCallback = get(second, get(second, signIn(second).headers().firstValue("Location").orElseThrow())
                .uri().toString()).headers().firstValue("Location").orElseThrow();
        assertThat(get(second, secondCallback).statusCode()).as("the first use signs in").isEqualTo(303);
        HttpResponse<String> replayed = get(second, secondCallback);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("This sign-in expired or was already used");
    }

    @Test
    void a_callback_started_in_another_browser_is_refused() throws Exception {
        providerSignsIn("subject-mallory", "mallory", List.of("ops-admins"));
        HttpClient attacker = browser(HttpClient.Redirect.NEVER);
        String callback = get(attacker, signIn(attacker).headers().firstValue("Location").orElseThrow())
                .headers().firstValue("Location").orElseThrow();

        HttpResponse<String> victim = get(browser(HttpClient.Redirect.NEVER), callback);

        assertThat(victim.statusCode()).as("login CSRF: the state is not this browser's").isEqualTo(400);
        assertThat(victim.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("lookout_session=") && !c.contains("Max-Age=0"));
    }

    @Test
    void the_login_page_offers_the_button_and_an_sso_user_cannot_use_the_password_form() throws Exception {
        HttpClient client = browser(HttpClient.Redirect.NORMAL);
        providerSignsIn("subject-cy", "cy", List.of("staff"));
        signIn(client);

        HttpResponse<String> login = get(browser(HttpClient.Redirect.NORMAL), lookout.url() + "/login?next=/console/alerts");
        assertThat(login.body()).contains("<a class=\"button\" id=\"sso\" href=\"/login/oidc?next=%2Fconsole%2Falerts\">Sign in with SSO</a>");

        RunningLookout.Run reset = RunningLookout.runWith(Map.of(), "a long enough passphrase\n", "user", "passwd", "cy",
                "--config", lookout.serverConfig.toString());
        assertThat(reset.exit()).as("an SSO user has no password here").isNotZero();
        assertThat(reset.err() + reset.out()).contains("'cy' signs in through single sign-on and has no password here");
    }
}
