package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lookout.account.AuthenticatorApp;
import dev.lookout.web.HeadlessChromium;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's whole journey in Debian's Chromium against one real node, in order: the first
 * admin made with the CLI signs in with a TOTP code, creates an HTTP monitor and watches it turn up
 * live, opens an incident, updates it, sees it on the status page, acknowledges an alert; an editor
 * is refused the users, a viewer a write; logging out ends the session. Then the same sign-in
 * through OpenID Connect (mock-oauth2-server) up to a write its mapped role allows.
 */
class ConsoleJourneyBrowserTest {
    @TempDir
    Path dir;
    private ChromeDriver browser;
    private AutoCloseable lookout;
    private HttpServer target;
    private MockOAuth2Server provider;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (lookout != null) {
            lookout.close();
        }
        if (target != null) {
            target.stop(0);
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    private <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, NodeHttp.NOTICE).until(condition);
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    @Test
    void an_admin_signs_in_with_a_code_monitors_opens_and_updates_an_incident_acknowledges_an_alert_and_roles_hold()
            throws Exception {
        ConsoleNode node = new ConsoleNode(dir, "accounts: { require_2fa: [admin] }\n");
        lookout = node;
        String url = node.url();
        node.addUser("ada", "admin"); // 1. the first admin, made as docs/console.md "First login" says
        node.addUser("grace", "editor");
        node.addUser("linus", "viewer");
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"), true);

        // 2. the password, then the forced set-up of two-factor authentication, then a sign-in with a code
        ConsoleBrowser.signIn(browser, node, "/console", "ada");
        assertThat(browser.getCurrentUrl()).as("an admin without 2FA").isEqualTo(url + "/console/2fa");
        ConsoleBrowser.submit(browser, "enrol");
        AuthenticatorApp app = new AuthenticatorApp(browser.findElement(By.id("secret")).getText());
        ConsoleBrowser.type(browser, "code", app.codeAt(Instant.now()));
        ConsoleBrowser.submit(browser, "confirm");
        assertThat(browser.findElements(By.cssSelector("#recovery-codes code"))).hasSize(10);
        ConsoleBrowser.submit(browser, "continue");
        ConsoleBrowser.submit(browser, "logout");
        ConsoleBrowser.signIn(browser, node, "/console", "ada");
        assertThat(browser.getCurrentUrl()).isEqualTo(url + "/login/code?next=%2Fconsole");
        ConsoleBrowser.type(browser, "code", app.codeAt(Instant.now().plusSeconds(30))); // the confirming code's step is used
        ConsoleBrowser.submit(browser, "verify");
        assertThat(browser.getCurrentUrl()).isEqualTo(url + "/console");
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("ada");
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("admin");

        // 3. a monitor made in the console, of a local HTTP target that does not answer yet
        int port = freePort();
        browser.findElement(By.id("new-monitor")).click();
        browser.findElement(By.id("type-select")).sendKeys("http");
        browser.findElement(By.cssSelector("#type button")).click();
        // The type's starting definition comes with the next page: the old textarea may still be there for a moment.
        new WebDriverWait(browser, NodeHttp.NOTICE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("definition")).getAttribute("value").contains("type: http"));
        WebElement definition = browser.findElement(By.id("definition"));
        definition.clear();
        definition.sendKeys("id: checkout\nname: Checkout\ntype: http\nurl: \"http://127.0.0.1:" + port + "/health\"\n"
                + "interval: 1s\ntimeout: 1s\nfailure_threshold: 1\ncomponent: web\n");
        browser.findElement(By.id("save")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/console/monitors/checkout"));

        // 4. up on the dashboard once the target answers, without a reload
        browser.get(url + "/console");
        WebElement row = browser.findElement(By.cssSelector("tr[data-id='checkout']"));
        waitUntil(d -> "down".equals(row.getAttribute("data-state")));
        browser.executeScript("document.body.dataset.loaded = 'once'");
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        target.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        waitUntil(d -> "up".equals(row.getAttribute("data-state")));
        assertThat(browser.executeScript("return document.body.dataset.loaded")).as("the same page, not reloaded").isEqualTo("once");

        // 5. an incident on a component
        browser.get(url + "/console/incidents/new");
        browser.findElement(By.id("title")).sendKeys("Checkout is slow");
        new Select(browser.findElement(By.id("impact"))).selectByValue("minor");
        new Select(browser.findElement(By.id("component-web"))).selectByValue("degraded_performance");
        browser.findElement(By.id("body")).sendKeys("Payments take a minute.");
        ConsoleBrowser.submit(browser, "open-incident");
        assertThat(browser.getCurrentUrl()).matches(".*/console/incidents/\\d+\\?done=opened");
        String incident = browser.getCurrentUrl().replaceAll("\\?.*$", "").replaceAll("^.*/", "");

        // 6. an update
        new Select(browser.findElement(By.id("update-status"))).selectByValue("identified");
        browser.findElement(By.id("update-body")).sendKeys("A slow payment provider; switching.");
        ConsoleBrowser.submit(browser, "post-update");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("identified");
        assertThat(browser.findElements(By.cssSelector("#updates .update"))).hasSize(2);

        // 7. on the public status page, with its newest update
        browser.get(url + "/");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Checkout is slow", "Identified", "A slow payment provider; switching.", "Web Shop: Degraded performance");

        // 8. the shop goes down, its alert episode opens, and the admin acknowledges it
        node.stopShop();
        browser.get(url + "/console/alerts");
        NodeHttp.await("the shop's episode open", () -> {
            browser.navigate().refresh();
            return !browser.findElements(By.cssSelector("[data-episode^='shop@'] form.ack button")).isEmpty();
        });
        ConsoleBrowser.submit(browser, browser.findElement(By.cssSelector("[data-episode^='shop@'] form.ack button")));
        assertThat(browser.findElement(By.id("done")).getText()).endsWith(" is acknowledged.");
        assertThat(browser.findElement(By.cssSelector("[data-episode^='shop@'] .acked")).getText()).startsWith("by ada at ");
        ConsoleBrowser.submit(browser, "logout");

        // 9. an editor may not manage users
        ConsoleBrowser.signIn(browser, node, "/console", "grace");
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("editor");
        assertThat(browser.findElements(By.linkText("Users"))).as("no link for an editor").isEmpty();
        browser.get(url + "/console/users");
        assertThat(browser.getPageSource()).doesNotContain("data-user=").contains("403");
        browser.get(url + "/console");
        ConsoleBrowser.submit(browser, "logout");

        // 10. a viewer may not write, even with the session's own token
        ConsoleBrowser.signIn(browser, node, "/console/incidents/" + incident, "linus");
        assertThat(browser.findElements(By.id("update-form"))).as("no form for a viewer").isEmpty();
        Object status = browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch('/console/incidents/' + arguments[0] + '/updates', {method: 'POST',
                  headers: {'X-CSRF-Token': document.body.dataset.csrf, 'Content-Type': 'application/x-www-form-urlencoded'},
                  body: 'status=resolved&body=viewer'}).then(function (r) { done(r.status); });
                """, incident);
        assertThat(status).isEqualTo(403L);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("identified");
        assertThat(browser.findElements(By.cssSelector("#updates .update"))).hasSize(2);

        // 11. logging out ends the session: the cookie the browser had opens nothing
        String session = browser.manage().getCookieNamed("lookout_session").getValue();
        ConsoleBrowser.submit(browser, "logout");
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("You are signed out.");
        browser.get(url + "/console");
        assertThat(browser.getCurrentUrl()).startsWith(url + "/login");
        HttpResponse<String> replayed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.uri("/console"))
                .header("Accept", "text/html").header("Cookie", "lookout_session=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).as("the old cookie, sent again").isEqualTo(303);
        assertThat(replayed.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).startsWith("/login"));
    }

    @Test
    void a_user_signs_in_through_the_providers_single_sign_on_sees_the_dashboard_and_opens_an_incident_as_their_group_allows()
            throws Exception {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getLoopbackAddress(), 0);
        RunningLookout node = new RunningLookout(dir, """
                accounts:
                  require_2fa: [admin, editor]
                  oidc:
                    issuer: "%s"
                    client_id: lookout
                    client_secret: not-so-secret
                    groups_claim: groups
                    roles: { admin: [ops-admins], editor: [oncall], viewer: [staff] }
                """.formatted(provider.issuerUrl("ops")), freePort());
        lookout = node::close;
        String url = node.url();
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("ops", "subject-grace", "JWT", List.of("lookout"),
                Map.of("preferred_username", "grace", "groups", List.of("oncall")), 3600));
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"), true);

        browser.get(url + "/console");
        assertThat(browser.getCurrentUrl()).isEqualTo(url + "/login?next=%2Fconsole");
        browser.findElement(By.id("sso")).click();
        waitUntil(ExpectedConditions.urlToBe(url + "/console"));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo("grace");
        assertThat(browser.findElement(By.id("role")).getText()).as("from the group oncall; 2FA is the provider's").isEqualTo("editor");

        browser.get(url + "/console/incidents/new");
        browser.findElement(By.id("title")).sendKeys("Search is down");
        new Select(browser.findElement(By.id("component-api"))).selectByValue("major_outage");
        browser.findElement(By.id("body")).sendKeys("No results at all.");
        ConsoleBrowser.submit(browser, "open-incident");
        assertThat(browser.getCurrentUrl()).matches(".*/console/incidents/\\d+\\?done=opened");
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("The incident is open and on the status page.");
        browser.get(url + "/");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Search is down", "No results at all.");
    }
}
