package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin pages in Debian's Chromium: an admin creates an API key (shown once) and an editor
 * user; the editor cannot open the users page; axe-core finds nothing on the new pages, light or dark.
 */
class ConsoleAdminBrowserTest {
    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest("""
                channels:
                  - { id: hook, type: webhook, url: "http://127.0.0.1:9/hooks/secret-path" }
                """);
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/subscribers/webhooks").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"webhook_url\":\"https://hooks.example.com/secret-path\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        browser = ConsoleBrowser.signedIn(lookout, "ada", "admin", "/console/api-keys");
    }

    @AfterEach
    void stop() throws Exception {
        ConsoleBrowser.close(browser);
    }


    @Test
    void an_admin_creates_a_key_shown_once_and_an_editor_who_cannot_open_the_users_page() {
        assertThat(browser.getCurrentUrl()).isEqualTo(lookout.url() + "/console/api-keys");
        browser.findElement(By.id("key-name")).sendKeys("deploy");
        new Select(browser.findElement(By.id("key-role"))).selectByValue("editor");
        browser.findElement(By.id("key-expires")).sendKeys("90d");
        ConsoleBrowser.submit(browser, browser.findElement(By.cssSelector("#create-key button")));
        String key = browser.findElement(By.id("secret")).getAttribute("value");
        assertThat(key).startsWith("lk_");

        browser.findElement(By.linkText("Back to the API keys")).click();
        assertThat(browser.findElement(By.id("keys")).getText()).contains("deploy", "editor", "active");
        assertThat(browser.getPageSource()).doesNotContain(key);

        browser.findElement(By.linkText("Users")).click();
        browser.findElement(By.id("new-name")).sendKeys("grace");
        new Select(browser.findElement(By.id("new-role"))).selectByValue("editor");
        browser.findElement(By.id("new-password")).sendKeys(ConsoleNode.PASSWORD);
        ConsoleBrowser.submit(browser, browser.findElement(By.cssSelector("#add-user button")));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("User grace is added.");
        assertThat(browser.findElement(By.cssSelector("tr[data-user=grace]")).getText()).contains("grace", "off");

        browser.findElement(By.id("logout")).click();
        new WebDriverWait(browser, NodeHttp.NOTICE).until(ExpectedConditions.urlContains("/login"));
        ConsoleBrowser.signIn(browser, lookout, "/console", "grace");
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("editor");
        assertThat(browser.findElements(By.linkText("Users"))).as("no link for an editor").isEmpty();
        browser.get(lookout.url() + "/console/users");
        assertThat(browser.getPageSource()).doesNotContain("data-user=").contains("403");
    }

    @Test
    void the_new_pages_have_no_accessibility_violations_in_light_or_dark() {
        for (String scheme : new String[] {"light", "dark"}) {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            for (String page : new String[] {"/console/channels", "/console/subscribers", "/console/users", "/console/api-keys",
                    "/console/audit"}) {
                browser.get(lookout.url() + page);
                ConsoleBrowser.assertNoViolations(browser, page + ", " + scheme);
            }
        }
        browser.get(lookout.url() + "/console/api-keys");
        browser.findElement(By.id("key-name")).sendKeys("once");
        ConsoleBrowser.submit(browser, browser.findElement(By.cssSelector("#create-key button")));
        ConsoleBrowser.assertNoViolations(browser, "the new key's page");
    }
}
