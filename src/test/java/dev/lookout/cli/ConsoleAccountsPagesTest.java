package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admins' pages: {@code /console/users}, {@code /console/api-keys} (a new key's secret shown
 * once) and {@code /console/audit}; editors and viewers are refused them, forms from a session need
 * its CSRF token, and a refused form shows the page again with why.
 */
class ConsoleAccountsPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET = Pattern.compile("id=\"secret\" readonly value=\"(lk_[^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest();



    private HttpResponse<String> form(String role, String path, String body) throws Exception {
        return NodeHttp.HTTP.send(lookout.request(role, path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String role, String path) throws Exception {
        return JSON.readTree(NodeHttp.HTTP.send(lookout.request(role, path).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void editors_and_viewers_are_refused_the_admin_pages_and_forms_and_see_no_links_to_them() throws Exception {
        for (String role : new String[] {"viewer", "editor"}) {
            for (String page : new String[] {"/console/users", "/console/api-keys", "/console/audit"}) {
                assertThat(lookout.page(role, page).statusCode()).as(role + " " + page).isEqualTo(403);
            }
            assertThat(form(role, "/console/users", "name=eve&role=admin&password=a-long-password-1").statusCode()).isEqualTo(403);
            assertThat(form(role, "/console/api-keys", "name=x&role=admin").statusCode()).isEqualTo(403);
            assertThat(lookout.page(role, "/console").body()).doesNotContain("href=\"/console/users\"",
                    "href=\"/console/api-keys\"", "href=\"/console/audit\"");
        }
        assertThat(lookout.page("viewer", "/console").body()).contains("href=\"/console/channels\"")
                .doesNotContain("href=\"/console/subscribers\"");
        assertThat(lookout.page("editor", "/console").body()).contains("href=\"/console/subscribers\"");
        assertThat(lookout.page("admin", "/console").body()).contains("href=\"/console/users\"", "href=\"/console/api-keys\"",
                "href=\"/console/audit\"");
        assertThat(api("admin", "/api/v1/users").path("users")).isEmpty();
    }

    @Test
    void an_admin_adds_a_user_changes_the_role_resets_two_factor_and_removes_them() throws Exception {
        HttpResponse<String> tooShort = form("admin", "/console/users", "name=grace&role=editor&password=short");
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("<p class=\"message\" role=\"alert\" id=\"error\">a password has at least 12 characters</p>");

        HttpResponse<String> added = form("admin", "/console/users", "name=grace&role=editor&password=a-long-password-1");
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).hasValue("/console/users?done=added+grace");
        String page = lookout.page("admin", "/console/users?done=added+grace").body();
        assertThat(page).contains("User grace is added.", "<tr data-user=\"grace\"><th scope=\"row\">grace</th>",
                "<option value=\"editor\" selected>editor</option>", "<td class=\"two-factor\">off</td>", "<td class=\"last-sign-in\"><span class=\"muted\">never</span></td>")
                .doesNotContain("a-long-password-1");
        assertThat(form("admin", "/console/users", "name=grace&role=viewer&password=a-long-password-1").statusCode())
                .as("the name is taken").isEqualTo(409);

        assertThat(form("admin", "/console/users/grace/role", "role=boss").statusCode()).isEqualTo(400);
        assertThat(form("admin", "/console/users/grace/role", "role=viewer").statusCode()).isEqualTo(303);
        JsonNode grace = api("admin", "/api/v1/users").path("users").get(0);
        assertThat(grace.path("role").asText()).isEqualTo("viewer");
        assertThat(grace.path("two_factor").asBoolean()).isFalse();
        assertThat(grace.path("last_sign_in_at").isNull()).isTrue();

        assertThat(form("admin", "/console/users/grace/2fa-reset", "").statusCode()).isEqualTo(303);
        assertThat(form("admin", "/console/users/grace/delete", "").statusCode()).isEqualTo(303);
        assertThat(lookout.page("admin", "/console/users").body()).doesNotContain("data-user=\"grace\"");
        assertThat(form("admin", "/console/users/grace/delete", "").statusCode()).as("gone already").isEqualTo(404);
    }

    @Test
    void a_new_api_key_is_shown_once_works_and_stops_working_when_revoked() throws Exception {
        HttpResponse<String> bad = form("admin", "/console/api-keys", "name=deploy&role=editor&expires=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("expires 'soon' is not a duration");

        HttpResponse<String> created = form("admin", "/console/api-keys", "name=deploy&role=editor&expires=90d");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).as(created.body()).isTrue();
        String key = secret.group(1);
        HttpResponse<String> me = NodeHttp.HTTP.send(HttpRequest.newBuilder(lookout.uri("/api/v1/me"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(me.body()).path("role").asText()).isEqualTo("editor");

        String list = lookout.page("admin", "/console/api-keys").body();
        assertThat(list).contains("<th scope=\"row\">deploy</th>", "<td class=\"state\">active</td>").doesNotContain(key);
        assertThat(lookout.page("admin", "/console/audit").body()).as("the audit log").doesNotContain(key);
        long id = -1;
        for (JsonNode k : api("admin", "/api/v1/api-keys").path("api_keys")) {
            if (k.path("name").asText().equals("deploy")) {
                id = k.path("id").asLong();
            }
        }
        HttpResponse<String> revoked = form("admin", "/console/api-keys/" + id + "/revoke", "");
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(lookout.page("admin", "/console/api-keys?done=revoked+" + id).body()).contains("API key " + id + " is revoked.",
                "<td class=\"state\">revoked</td>");
        assertThat(NodeHttp.HTTP.send(HttpRequest.newBuilder(lookout.uri("/api/v1/me")).header("Authorization", "Bearer " + key)
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(form("admin", "/console/api-keys/" + id + "/revoke", "").statusCode()).as("revoked already").isEqualTo(404);
    }

    @Test
    void the_audit_page_filters_by_actor_action_and_time_and_shows_before_and_after() throws Exception {
        form("admin", "/console/users", "name=grace&role=editor&password=a-long-password-1");
        form("admin", "/console/users/grace/role", "role=viewer");
        String all = lookout.page("admin", "/console/audit").body();
        assertThat(all).contains("<code>POST /console/users/{name}/role</code>", "<code>POST /console/users</code>",
                "<td class=\"actor\">api key 'console admin'</td>", "<pre class=\"before\">")
                .doesNotContain("a-long-password-1");

        String roles = lookout.page("admin", "/console/audit?action=" + URLEncoder.encode("/role", StandardCharsets.UTF_8)).body();
        assertThat(roles.split("<tr data-entry=", -1)).hasSize(2);
        assertThat(roles).contains("<pre class=\"before\">{\"name\":\"grace\",\"role\":\"editor\"",
                "<pre class=\"after\">{\"name\":\"grace\",\"role\":\"viewer\"", "value=\"/role\"");
        assertThat(lookout.page("admin", "/console/audit?actor=nobody").body()).contains("No entry matches these filters.");
        assertThat(lookout.page("admin", "/console/audit?from=2999-01-01T00:00:00Z").body()).contains("No entry matches");
        HttpResponse<String> bad = lookout.page("admin", "/console/audit?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<p class=\"message\" role=\"alert\" id=\"error\">from 'yesterday' is not a time");

        String one = lookout.page("admin", "/console/audit?limit=1").body();
        Matcher older = Pattern.compile("href=\"(/console/audit\\?before=\\d+)\"").matcher(one);
        assertThat(older.find()).as(one).isTrue();
        assertThat(lookout.page("admin", older.group(1)).body()).contains("<code>POST /console/users</code>");
    }

    @Test
    void a_form_from_a_session_needs_its_csrf_token() throws Exception {
        lookout.addUser("ada", "admin");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = browser.send(HttpRequest.newBuilder(lookout.uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher loginCsrf = CSRF.matcher(login);
        assertThat(loginCsrf.find()).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(lookout.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "name=ada&password=" + URLEncoder.encode(ConsoleNode.PASSWORD, StandardCharsets.UTF_8) + "&csrf="
                                + loginCsrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String page = browser.send(HttpRequest.newBuilder(lookout.uri("/console/users")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<tr data-user=\"ada\">");
        assertThat(page).containsPattern("<td class=\"last-sign-in\">\\d{4}-");
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();

        HttpRequest.Builder add = HttpRequest.newBuilder(lookout.uri("/console/users"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        String body = "name=grace&role=editor&password=a-long-password-1";
        assertThat(browser.send(add.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(browser.send(add.POST(HttpRequest.BodyPublishers.ofString(body + "&csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(303);

        String signedInAt = api("admin", "/api/v1/users").path("users").get(0).path("last_sign_in_at").asText();
        assertThat(signedInAt).as("ada, by name first").matches("\\d{4}-.*Z");
        assertThat(browser.send(HttpRequest.newBuilder(lookout.uri("/logout")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(303);
        assertThat(api("admin", "/api/v1/users").path("users").get(0).path("last_sign_in_at").asText())
                .as("the session is gone, the sign-in is kept").isEqualTo(signedInAt);
        assertThat(lookout.page("admin", "/console/users").body()).contains("<td class=\"last-sign-in\">" + signedInAt.substring(0, 10));
    }
}
