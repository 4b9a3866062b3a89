package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Badges as a README shows them: {@code <img>} elements in Debian's Chromium on a page of another
 * origin. Every style, and every refused badge URL, loads as an image of the size its SVG
 * declares; a broken image (an {@code <img>} given JSON) would have no natural size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadgesBrowserTest {
    private IncidentServer server;
    private ChromeDriver browser;
    private OtherSite readme;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new IncidentServer(dir);
        browser = HeadlessChromium.start(dir.resolve("profile"), true);
        readme = new OtherSite();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (readme != null) {
            readme.close();
        }
        server.close();
    }

    /** Loads a page of {@code <img>}s and returns, per address, the image's natural width (0: broken) and its SVG's width. */
    private Map<String, List<Object>> loaded(List<String> paths) throws Exception {
        StringBuilder html = new StringBuilder("<!doctype html><title>README</title>");
        for (String path : paths) {
            html.append("<img src=\"http://127.0.0.1:").append(server.web.port()).append(path.replace("&", "&amp;")).append("\">");
        }
        readme.html("/readme", html.toString());
        browser.get(readme.url("/readme"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(browser.executeScript(
                "return [...document.images].every(i => i.complete)")));
        @SuppressWarnings("unchecked")
        List<Number> widths = (List<Number>) browser.executeScript("return [...document.images].map(i => i.naturalWidth)");
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            RawHttp.Response svg = server.raw("GET", paths.get(i));
            assertThat(svg.header("content-type")).as(paths.get(i) + ": " + svg.body()).startsWith("image/svg+xml");
            String declared = svg.body().replaceFirst("(?s)^<svg[^>]* width=\"([^\"]+)\".*", "$1");
            out.put(paths.get(i), List.of(widths.get(i).intValue(), (int) Math.round(Double.parseDouble(declared)), svg.status()));
        }
        return out;
    }

    @Test
    void every_style_loads_as_an_image_of_its_declared_size() throws Exception {
        List<String> paths = List.of("/badge/component/web/status.svg", "/badge/component/web/status.svg?style=flat-square",
                "/badge/component/web/status.svg?style=plastic", "/badge/component/web/status.svg?style=for-the-badge",
                "/badge/component/web/status.svg?style=social", "/badge/monitor/w/uptime/24h.svg?style=for-the-badge&label=Shop");
        loaded(paths).forEach((path, sizes) -> {
            assertThat(sizes.get(0)).as(path + " is an image").isNotEqualTo(0);
            assertThat(sizes.get(0)).as(path + " has its declared width").isEqualTo(sizes.get(1));
            assertThat(sizes.get(2)).as(path).isEqualTo(200);
        });
    }

    @Test
    void a_refused_badge_url_still_shows_an_image() throws Exception {
        List<String> paths = List.of("/badge/component/nope/status.svg", "/badge/monitor/w/uptime/5d.svg",
                "/badge/monitor/w/status.svg?style=shiny", "/badge/monitor/w/status.svg?label=" + "x".repeat(101),
                "/badge/monitor/w/latency.svg", "/badge/component/web/status.svg?style=3d");
        loaded(paths).forEach((path, sizes) -> {
            assertThat(sizes.get(0)).as(path + " is an image").isNotEqualTo(0);
            assertThat(sizes.get(0)).as(path + " has its declared width").isEqualTo(sizes.get(1));
            assertThat(sizes.get(2)).as(path).isIn(400, 404);
        });
    }
}
