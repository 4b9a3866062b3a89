package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import dev.lookout.config.ConfigLoader;
import dev.lookout.web.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Loads the status page of a node running the bundled example configuration in Debian's
 * Chromium, with JavaScript disabled: the page must work without it.
 */
class StatusPageBrowserTest {
    @TempDir
    Path dir;
    private LookoutNode node;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        String example = Files.readString(Path.of("examples/lookout.yaml"))
                .replace("listen: \"127.0.0.1:8080\"", "listen: \"127.0.0.1:0\"")
                .replace("sqlite:./data/lookout.db", "sqlite:" + dir.resolve("lookout.db"));
        Path config = dir.resolve("lookout.yaml");
        Files.writeString(config, example);
        CheckTypes types = CheckTypes.standard();
        node = new LookoutNode(types, new ConfigLoader(types, Map.of()).load(config)).start();
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"), false);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void the_status_page_shows_the_example_components_in_their_groups_without_javascript() {
        browser.get("http://127.0.0.1:" + node.port() + "/");
        assertThat(browser.getTitle()).isEqualTo("Lookout status");
        assertThat(browser.findElement(By.id("overall")).getText()).isNotBlank();
        List<String> names = browser.findElements(By.cssSelector(".component .name")).stream().map(WebElement::getText).toList();
        assertThat(names).containsExactly("Status page", "Website", "Database");
        assertThat(browser.findElements(By.tagName("h2")).stream().map(WebElement::getText).toList())
                .containsExactly("Lookout", "Public", "Internal", "Subscribe to updates");
        WebElement website = browser.findElement(By.id("component-website"));
        List<WebElement> runs = website.findElements(By.cssSelector(".bar .days > *"));
        assertThat(runs).as("the 90 days as runs of one colour: days without data, then today").isNotEmpty();
        assertThat(runs.getLast().getRect().getWidth()).as("today shows").isPositive();
        assertThat(website.findElement(By.cssSelector(".bar")).getDomAttribute("data-days")).as("the days for the tooltips")
                .isNotBlank();
        assertThat(website.findElement(By.cssSelector(".status")).getText()).isNotBlank();
    }
}
