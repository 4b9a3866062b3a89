package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The alerts page in Debian's Chromium: an editor signed in acknowledges with j and a; axe-core finds nothing, light or dark. */
class ConsoleAlertsBrowserTest {
    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest();
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        NodeHttp.await("the db episode open", () -> lookout.page("viewer", "/console/alerts").body().contains("data-episode="));
        browser = ConsoleBrowser.signedIn(lookout, "grace", "editor", "/console/alerts");
    }

    @AfterEach
    void stop() throws Exception {
        ConsoleBrowser.close(browser);
    }

    @Test
    void j_selects_an_episode_and_a_acknowledges_it_through_the_form_with_the_session_token() {
        assertThat(browser.getCurrentUrl()).isEqualTo(lookout.url() + "/console/alerts");
        new Actions(browser).sendKeys("j").perform();
        WebElement episode = browser.switchTo().activeElement();
        assertThat(episode.getAttribute("data-episode")).startsWith("db@");

        new Actions(browser).sendKeys("a").perform();
        new WebDriverWait(browser, NodeHttp.NOTICE).until(ExpectedConditions.stalenessOf(episode));
        assertThat(browser.findElement(By.id("done")).getText()).endsWith(" is acknowledged.");
        assertThat(browser.findElement(By.cssSelector("[data-episode] .acked")).getText()).startsWith("by grace at ");
        assertThat(browser.findElements(By.cssSelector("[data-episode] form.unack"))).hasSize(1);
    }

    @Test
    void the_alerts_page_has_no_accessibility_violations_in_light_or_dark() {
        assertNoViolations("light");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.navigate().refresh();
        assertNoViolations("dark");
    }

    private void assertNoViolations(String scheme) {
        ConsoleBrowser.assertNoViolations(browser, "the alerts page, " + scheme);
    }
}
