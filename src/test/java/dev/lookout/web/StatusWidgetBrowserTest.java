package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Atlassian's own {@code statuspage-widget} (npm {@code @statuspage/status-widget} 1.0.5, in
 * test resources) embedded in a page of another origin (another port on 127.0.0.1), as a
 * Statuspage customer embeds it on their site, loaded in Debian's Chromium: it fetches Lookout's
 * {@code /api/v2/summary.json} across origins and renders Lookout's status. Without
 * {@code Access-Control-Allow-Origin} the browser hides the answer and the widget stays empty.
 */
class StatusWidgetBrowserTest {
    @TempDir
    Path dir;
    private IncidentServer lookout;
    private OtherSite site;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        lookout = new IncidentServer(dir);
        byte[] widget;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/statuspage-widget/index.js"),
                "statuspage-widget/index.js in test resources")) {
            widget = in.readAllBytes();
        }
        site = new OtherSite().put("/widget.js", "text/javascript", widget);
        for (String appearance : new String[] {"basic", "badge"}) {
            site.html("/" + appearance, embeddingPage(appearance));
        }
        browser = HeadlessChromium.startLoggingNetwork(dir.resolve("profile"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
        if (lookout != null) {
            lookout.close();
        }
    }

    /** A customer's page: the widget as its README shows it, pointed at Lookout, in both of its appearances. */
    private String embeddingPage(String appearance) {
        return """
                <!doctype html><html><head><meta charset="utf-8"><title>Our shop</title></head><body>
                <h1>Our shop</h1>
                <statuspage-widget id="widget" src="http://127.0.0.1:%d" appearance="%s"></statuspage-widget>
                <script src="/widget.js"></script>
                </body></html>""".formatted(lookout.web.port(), appearance);
    }

    /** What the widget shows in its shadow root, read as a person would; its link goes to Lookout's page. */
    private String shown(String appearance) {
        // summary.json may be kept 10 s (Cache-Control): a later visit sees the change, this one must now
        browser.executeCdpCommand("Network.clearBrowserCache", java.util.Map.of());
        browser.get(site.url("/" + appearance));
        assertThat(browser.executeScript("return location.origin"))
                .as("the embedding page is another origin than Lookout's").isNotEqualTo("http://127.0.0.1:" + lookout.web.port());
        String[] text = new String[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            text[0] = (String) browser.executeScript("const w = document.getElementById('widget');"
                    + " const a = w.shadowRoot && w.shadowRoot.querySelector('a'); return a ? a.innerText : '';");
            assertThat(text[0]).as("the widget rendered a status").isNotBlank();
        });
        assertThat(browser.executeScript("return document.getElementById('widget').shadowRoot.querySelector('a').href"))
                .isEqualTo("http://127.0.0.1:" + lookout.web.port() + "/");
        return text[0].replaceAll("\\s+", " ").strip();
    }

    @Test
    void the_widget_on_another_site_shows_lookouts_status() throws Exception {
        assertThat(lookout.get("/api/v2/status.json").path("status").path("description").asText())
                .isEqualTo("All Systems Operational");
        assertThat(shown("basic")).contains("All Systems Operational");

        lookout.openIncident("""
                {"name": "Checkout errors", "impact": "major", "body": "Payments fail.", "components": {"web": "partial_outage"}}""");
        String description = lookout.get("/api/v2/status.json").path("status").path("description").asText();
        assertThat(description).isNotEqualTo("All Systems Operational");

        assertThat(shown("basic")).contains(description).doesNotContain("All Systems Operational");
        assertThat(shown("badge")).containsIgnoringCase(description); // its CSS writes it in lower case
    }

    @Test
    void a_script_on_another_site_reads_public_json_but_cannot_call_admin_routes() throws Exception {
        browser.get(site.url("/basic"));
        HeadlessChromium.failedRequests(browser); // what the page itself loaded is not this test's
        String lookoutUrl = "http://127.0.0.1:" + lookout.web.port();
        // A header outside the CORS safelist makes Chromium send a preflight first. A script cannot tell a
        // CORS refusal from a lost connection (both are "TypeError: Failed to fetch"); Chromium's log can:
        // no attempt may be refused by CORS, and one of three must read (a loaded CI machine may lose one).
        Object read = null;
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < 3 && !"Example status".equals(read); attempt++) {
            read = browser.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(arguments[0] + '/api/v2/summary.json', {headers: {'If-None-Match': '"x"', 'X-Requested-With': 'widget'}})
                      .then(r => r.json()).then(j => done(j.page.name), e => done('failed: ' + e));""", lookoutUrl);
            failures.addAll(HeadlessChromium.failedRequests(browser));
        }
        assertThat(failures).as("requests Chromium failed").noneMatch(f -> !f.contains("cors= "));
        assertThat(read).as("read after failures %s", failures).isEqualTo("Example status");

        Object write = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/api/v1/incidents', {method: 'POST', headers: {'Authorization': 'Bearer ' + arguments[1],
                    'Content-Type': 'application/json'}, body: JSON.stringify({name: 'From another site'})})
                  .then(r => done('answered ' + r.status), e => done('blocked: ' + e.name));""", lookoutUrl, IncidentServer.TOKEN);
        assertThat(write).isEqualTo("blocked: TypeError");
        assertThat(HeadlessChromium.failedRequests(browser)).as("the write was refused by CORS, not lost")
                .anyMatch(f -> !f.contains("cors= "));
        assertThat(lookout.get("/api/v1/incidents").path("incidents")).as("the preflight stopped the write").isEmpty();
    }
}
