package dev.lookout.web;

import static dev.lookout.web.IncidentServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The status pages in Debian's Chromium, once with JavaScript and once without: an incident whose
 * update tries script, event handlers and a {@code javascript:} link stays inert, and every page
 * shows the same content with script turned off. The incidents are posted through the API, as an
 * operator would; the pages and browsers are shared by the tests, which only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusPagesBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = """
            Search is slow. <script>window.xss=1</script>

            <img src=x onerror="window.xss=2">

            [link](javascript:alert(1)) and [our notes](https://example.com/notes)""";

    private IncidentServer server;
    private ChromeDriver withScript;
    private ChromeDriver withoutScript;
    private long resolved;
    private long active;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new IncidentServer(dir); // 10 March 2026, 12:00 UTC
        resolved = post("/api/v1/incidents", Map.of("name", "Checkout errors", "impact", "major", "body", "Payments fail.",
                "components", Map.of("web", "partial_outage")));
        server.clock.advance(Duration.ofMinutes(20));
        post("/api/v1/incidents/" + resolved + "/updates", Map.of("status", "identified", "body", "A full disk."));
        server.clock.advance(Duration.ofMinutes(40));
        post("/api/v1/incidents/" + resolved + "/resolve", Map.of("body", "Disk space freed."));

        server.clock.advanceTo(Instant.parse("2026-04-02T09:00:00Z"));
        active = post("/api/v1/incidents", Map.of("name", "Search <img src=x onerror=window.xss=3> is slow", "impact", "major",
                "body", "We are looking into it.", "components", Map.of("api", "degraded_performance")));
        server.clock.advance(Duration.ofMinutes(15));
        post("/api/v1/incidents/" + active + "/updates", Map.of("status", "identified", "body", HOSTILE));
        Instant now = server.clock.instant();
        post("/api/v1/maintenances", Map.of("name", "Database upgrade", "body", "Writes pause.", "components", List.of("db"),
                "scheduled_for", now.minusSeconds(60).toString(), "scheduled_until", now.plus(Duration.ofHours(1)).toString()));
        post("/api/v1/maintenances", Map.of("name", "Network change", "body", "Short blips.", "components", List.of("web"),
                "scheduled_for", "2026-04-05T22:00:00Z", "scheduled_until", "2026-04-05T23:00:00Z"));

        withScript = HeadlessChromium.start(dir.resolve("with-script"), true);
        withoutScript = HeadlessChromium.start(dir.resolve("without-script"), false);
    }

    @AfterAll
    void stop() {
        for (ChromeDriver browser : new ChromeDriver[] {withScript, withoutScript}) {
            if (browser != null) {
                browser.quit();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private long post(String path, Map<String, Object> body) throws Exception {
        var response = server.send("POST", path, JSON.writeValueAsString(body));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
        return json(response).path("id").asLong();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.web.port() + path;
    }

    private static String text(ChromeDriver browser, String css) {
        WebElement element = browser.findElement(By.cssSelector(css));
        assertThat(element.isDisplayed()).as(css + " is visible").isTrue();
        return element.getText();
    }

    @Test
    void the_second_browser_really_runs_no_script() {
        withoutScript.get("data:text/html,<title>before</title><script>document.title='after'</script>");
        assertThat(withoutScript.getTitle()).isEqualTo("before");
        withScript.get("data:text/html,<title>before</title><script>document.title='after'</script>");
        assertThat(withScript.getTitle()).isEqualTo("after");
    }

    @Test
    void the_status_page_shows_banner_incident_maintenance_and_components_with_and_without_script() {
        for (ChromeDriver browser : List.of(withScript, withoutScript)) {
            browser.get(url("/"));
            assertThat(text(browser, "#overall")).isEqualTo("Some systems are slow");
            String incident = text(browser, "#incident-" + active);
            assertThat(incident).contains("Search <img src=x onerror=window.xss=3> is slow", "Major impact", "Identified",
                    "Affected: API: Degraded performance", "Search is slow. <script>window.xss=1</script>",
                    "2 Apr 2026, 09:15 UTC");
            assertThat(text(browser, "#active-incidents")).isEqualTo("Active incidents");
            assertThat(text(browser, "#maintenance")).contains("Maintenance in progress", "Database upgrade", "In progress",
                    "Under maintenance: Database", "Scheduled maintenance is currently in progress.");
            assertThat(text(browser, "#upcoming")).contains("Upcoming maintenance",
                    "Scheduled: Network change from 5 Apr 2026, 22:00 UTC to 23:00 UTC", "Under maintenance: Web Shop", "Short blips.");
            assertThat(text(browser, "#component-web")).contains("Web Shop", "Operational");
            assertThat(text(browser, "#component-api")).contains("API", "Degraded performance");
            assertThat(text(browser, "#component-db")).contains("Database", "Under maintenance");
        }
        withScript.get(url("/"));
        withoutScript.get(url("/"));
        assertThat(withoutScript.findElement(By.tagName("main")).getText())
                .isEqualTo(withScript.findElement(By.tagName("main")).getText());
    }

    @Test
    void a_day_of_the_uptime_bar_shows_its_tooltip_on_keyboard_focus_with_that_days_incidents() {
        withScript.get(url("/"));
        WebElement tip = withScript.findElement(By.id("day-tip"));
        assertThat(tip.isDisplayed()).as("no tooltip before focus").isFalse();
        WebElement api = withScript.findElement(By.cssSelector("#component-api .bar"));
        withScript.executeScript("arguments[0].focus()", api);
        assertThat(withScript.switchTo().activeElement()).isEqualTo(api);
        assertThat(tip.isDisplayed()).as("the tooltip shows today when the bar has the keyboard focus").isTrue();
        assertThat(tip.getText()).startsWith("2 Apr 2026: no data").endsWith("incidents: Search <img src=x onerror=window.xss=3> is slow");
        assertThat(withScript.executeScript("return typeof window.xss")).isEqualTo("undefined");

        WebElement web = withScript.findElement(By.cssSelector("#component-web .bar"));
        withScript.executeScript("arguments[0].focus()", web);
        List<String> days = new java.util.ArrayList<>();
        for (int i = 0; i < 90; i++) {
            days.add(tip.getText());
            web.sendKeys(Keys.ARROW_LEFT);
        }
        assertThat(days).contains("10 Mar 2026: no data; incidents: Checkout errors");
    }

    @Test
    void markdown_and_names_from_the_api_cannot_run_script() {
        for (String path : List.of("/", "/history", "/incidents/" + active)) {
            withScript.get(url(path));
            assertThat(withScript.executeScript("return typeof window.xss")).as(path).isEqualTo("undefined");
            assertThat(withScript.findElements(By.cssSelector("script:not(#day-tip + script), img, [onerror]")))
                    .as(path + ": no script but the uptime bars' own").isEmpty();
            assertThat(withScript.findElements(By.cssSelector("a[href]")).stream().map(a -> a.getDomAttribute("href")))
                    .as(path).noneMatch(href -> href.strip().toLowerCase().startsWith("javascript:"));
        }
        WebElement notes = withScript.findElement(By.linkText("our notes"));
        assertThat(notes.getDomAttribute("href")).isEqualTo("https://example.com/notes");
        assertThat(notes.getDomAttribute("rel")).contains("nofollow", "noopener", "noreferrer");
    }

    @Test
    void the_history_lists_the_resolved_incident_under_its_month_and_links_to_it() {
        for (ChromeDriver browser : List.of(withScript, withoutScript)) {
            browser.get(url("/"));
            browser.findElement(By.linkText("Incident history")).click();
            assertThat(browser.getCurrentUrl()).endsWith("/history");
            assertThat(text(browser, "h1")).isEqualTo("Incident history");
            WebElement march = browser.findElement(By.id("month-2026-03"));
            assertThat(march.findElement(By.tagName("h2")).getText()).isEqualTo("March 2026");
            assertThat(march.getText()).contains("Checkout errors", "Major impact", "Resolved",
                    "From 10 Mar 2026, 12:00 UTC to 13:00 UTC");
            assertThat(browser.findElement(By.id("month-2026-04")).getText()).contains("Search <img", "Database upgrade")
                    .doesNotContain("Checkout errors");
            assertThat(browser.findElements(By.cssSelector(".month h2")).stream().map(WebElement::getText))
                    .containsExactly("April 2026", "March 2026");
            march.findElement(By.linkText("Checkout errors")).click();
            assertThat(browser.getCurrentUrl()).endsWith("/incidents/" + resolved);
            assertThat(text(browser, "h1")).isEqualTo("Checkout errors");
        }
    }

    @Test
    void an_incident_page_shows_every_update_newest_first() {
        for (ChromeDriver browser : List.of(withScript, withoutScript)) {
            browser.get(url("/incidents/" + resolved));
            List<String> updates = browser.findElements(By.cssSelector(".updates > li")).stream().map(WebElement::getText).toList();
            assertThat(updates).hasSize(3);
            assertThat(updates.get(0)).startsWith("Resolved\n10 Mar 2026, 13:00 UTC").contains("Disk space freed.",
                    "Web Shop: Operational");
            assertThat(updates.get(1)).startsWith("Identified").contains("10 Mar 2026, 12:20 UTC", "A full disk.");
            assertThat(updates.get(2)).startsWith("Investigating").contains("10 Mar 2026, 12:00 UTC", "Payments fail.",
                    "Web Shop: Partial outage");
            assertThat(text(browser, ".affected-components")).isEqualTo("Web Shop");
            assertThat(browser.findElements(By.cssSelector(".updates time"))).extracting(t -> t.getDomAttribute("datetime"))
                    .containsExactly("2026-03-10T13:00:00Z", "2026-03-10T12:20:00Z", "2026-03-10T12:00:00Z");
        }
    }

    @Test
    void an_unknown_incident_is_a_page_not_a_stack_trace() {
        for (ChromeDriver browser : List.of(withScript, withoutScript)) {
            browser.get(url("/incidents/424242"));
            assertThat(text(browser, "h1")).isEqualTo("Page not found");
            browser.findElement(By.linkText("Go to the current status")).click();
            assertThat(text(browser, "#overall")).isEqualTo("Some systems are slow");
        }
    }

    @Test
    void an_address_no_route_serves_is_the_not_found_page_in_a_browser_not_raw_json() {
        for (String path : List.of("/no/such/page", "/statuss", "/api/v1/nothing-here")) {
            withScript.get(url(path));
            assertThat(text(withScript, "h1")).as(path).isEqualTo("Page not found");
            assertThat(withScript.getPageSource()).doesNotContain("no such route");
        }
        withScript.findElement(By.linkText("Go to the current status")).click();
        assertThat(text(withScript, "#overall")).isEqualTo("Some systems are slow");
    }

    @Test
    void keyboard_focus_is_visible_the_layout_fits_a_phone_and_dark_mode_follows_the_system() {
        withScript.manage().window().setSize(new Dimension(390, 844));
        try {
            withScript.get(url("/"));
            new Actions(withScript).sendKeys(Keys.TAB).perform();
            WebElement skip = withScript.switchTo().activeElement();
            assertThat(skip.getText()).isEqualTo("Skip to the content");
            assertThat(skip.isDisplayed()).isTrue();
            assertThat(skip.getCssValue("outline-style")).isEqualTo("solid");
            new Actions(withScript).sendKeys(Keys.TAB).perform();
            assertThat(withScript.switchTo().activeElement().getCssValue("outline-style")).isEqualTo("solid");
            assertThat(withScript.executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);

            assertThat(withScript.findElement(By.tagName("body")).getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
            withScript.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            assertThat(withScript.findElement(By.tagName("body")).getCssValue("background-color")).isEqualTo("rgba(13, 17, 23, 1)");
        } finally {
            withScript.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            withScript.manage().window().setSize(new Dimension(1200, 900));
        }
    }
}
