package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The incident and maintenance pages in Debian's Chromium: an editor opens an incident with
 * {@code i}, previews its message, sees it on the status page, updates and resolves it; a viewer
 * reads without forms and is refused a post; axe-core finds nothing, light or dark.
 */
class ConsoleIncidentsBrowserTest {
    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest("""
                incident_templates:
                  - { id: generic, name: "Investigating (generic)", status: investigating, body: "We are looking into it." }
                """);
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        lookout.addUser("grace", "editor");
        lookout.addUser("ada", "viewer");
        browser = ConsoleBrowser.start(lookout.dir());
    }

    @AfterEach
    void stop() throws Exception {
        ConsoleBrowser.close(browser);
    }

    private <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, NodeHttp.NOTICE).until(condition);
    }

    private String openByApi(String name) throws Exception {
        HttpResponse<String> created = NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/incidents")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"body\":\"Slow **pages**.\",\"components\":{\"api\":\"degraded_performance\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow().replaceAll("^.*/", "");
    }

    @Test
    void an_editor_opens_an_incident_with_i_previews_it_sees_it_published_updates_and_resolves_it() throws Exception {
        ConsoleBrowser.signIn(browser, lookout, "/console/alerts", "grace");
        new Actions(browser).sendKeys("i").perform();
        waitUntil(ExpectedConditions.urlToBe(lookout.url() + "/console/incidents/new"));
        WebElement title = browser.findElement(By.id("title"));
        assertThat(browser.switchTo().activeElement()).as("the title has the focus").isEqualTo(title);
        title.sendKeys("Checkout is failing");
        assertThat(browser.getCurrentUrl()).as("typing an i in a field opens nothing").isEqualTo(lookout.url() + "/console/incidents/new");

        new Select(browser.findElement(By.id("impact"))).selectByValue("major");
        new Select(browser.findElement(By.id("component-web"))).selectByValue("major_outage");
        browser.findElement(By.id("body")).sendKeys("Payments **fail** at checkout.\n\n<script>document.title='owned'</script>");
        browser.findElement(By.cssSelector(".preview-button")).click();
        WebElement preview = browser.findElement(By.id("body-preview"));
        waitUntil(d -> !preview.findElements(By.tagName("strong")).isEmpty());
        assertThat(preview.findElement(By.tagName("strong")).getText()).isEqualTo("fail");
        assertThat(preview.findElements(By.tagName("script"))).as("no script element in the preview").isEmpty();
        assertThat(preview.getText()).contains("<script>");
        assertThat(browser.getTitle()).doesNotContain("owned");

        ConsoleBrowser.submit(browser, "open-incident");
        assertThat(browser.getCurrentUrl()).matches(".*/console/incidents/\\d+\\?done=opened");
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("The incident is open and on the status page.");
        String page = browser.getCurrentUrl().replaceAll("\\?.*$", "");

        browser.get(lookout.url() + "/");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Checkout is failing", "Payments fail at checkout.");

        browser.get(page);
        new Select(browser.findElement(By.id("update-status"))).selectByValue("identified");
        new Select(browser.findElement(By.id("component-web"))).selectByValue("partial_outage");
        browser.findElement(By.id("update-body")).sendKeys("A bad deploy; rolling back.");
        ConsoleBrowser.submit(browser, "post-update");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("identified");
        assertThat(browser.findElements(By.cssSelector("#updates .update"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("#updates .update .changes")).getText())
                .isEqualTo("web: major outage → partial outage");

        ConsoleBrowser.submit(browser, "resolve");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("resolved");
        assertThat(browser.findElement(By.id("postmortem-body")).getAttribute("value")).startsWith("# Timeline of incident ");
        assertThat(browser.findElements(By.id("update-form"))).isEmpty();
    }

    @Test
    void a_viewer_sees_the_pages_without_forms_and_a_post_with_the_sessions_token_is_refused() throws Exception {
        String id = openByApi("Slow API");
        ConsoleBrowser.signIn(browser, lookout, "/console/incidents", "ada");
        assertThat(browser.findElement(By.cssSelector("#open a")).getText()).isEqualTo("Slow API");
        assertThat(browser.findElements(By.id("new-incident"))).isEmpty();
        browser.findElement(By.cssSelector("#open a")).click();
        waitUntil(ExpectedConditions.urlToBe(lookout.url() + "/console/incidents/" + id));
        assertThat(browser.findElements(By.tagName("textarea"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form[method=post][action^='/console/incidents']"))).isEmpty();

        Object status = browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch('/console/incidents/' + arguments[0] + '/resolve', {method: 'POST',
                  headers: {'X-CSRF-Token': document.body.dataset.csrf, 'Content-Type': 'application/x-www-form-urlencoded'},
                  body: 'body='}).then(function (r) { done(r.status); });
                """, id);
        assertThat(status).isEqualTo(403L);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("investigating");
    }

    @Test
    void the_incident_and_maintenance_pages_have_no_accessibility_violations_in_light_or_dark_and_fit_a_phone()
            throws Exception {
        String id = openByApi("Slow API");
        HttpResponse<String> maintenance = NodeHttp.HTTP.send(lookout.request("editor", "/api/v1/maintenances")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Upgrade\","
                        + "\"body\":\"Read-only.\",\"scheduled_for\":\"2099-01-01T00:00:00Z\",\"scheduled_until\":"
                        + "\"2099-01-01T01:00:00Z\",\"components\":[\"api\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(maintenance.statusCode()).as(maintenance.body()).isEqualTo(201);
        ConsoleBrowser.signIn(browser, lookout, "/console/incidents", "grace");
        List<String> pages = List.of("/console/incidents", "/console/incidents/new?template=generic", "/console/incidents/" + id,
                "/console/maintenance", maintenance.headers().firstValue("Location").orElseThrow().replace("/api/v1/maintenances",
                        "/console/maintenance"));
        for (String scheme : List.of("light", "dark")) {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                    List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            for (String path : pages) {
                browser.get(lookout.url() + path);
                ConsoleBrowser.assertNoViolations(browser, path + ", " + scheme);
            }
        }
        browser.get(lookout.url() + "/console/incidents/" + id);
        browser.findElement(By.id("update-body")).sendKeys("Still **slow**.");
        browser.findElement(By.cssSelector("#update-form .preview-button")).click();
        waitUntil(d -> !browser.findElements(By.cssSelector("#update-body-preview strong")).isEmpty());
        ConsoleBrowser.assertNoViolations(browser, "an incident with a preview, dark");

        browser.manage().window().setSize(new Dimension(390, 844));
        for (String path : pages) {
            browser.get(lookout.url() + path);
            assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth")).as(path + " fits a phone")
                    .isLessThanOrEqualTo((Long) browser.executeScript("return document.documentElement.clientWidth"));
        }
    }
}
