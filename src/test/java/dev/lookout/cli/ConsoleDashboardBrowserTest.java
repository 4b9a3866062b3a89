package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in Debian's Chromium: live rows, filtering as one types, shortcuts, accessibility, a phone's width. */
class ConsoleDashboardBrowserTest {
    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest();
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = ConsoleBrowser.signedIn(lookout, "ada", "viewer", "/console");
    }

    @AfterEach
    void stop() throws Exception {
        ConsoleBrowser.close(browser);
    }

    private <T> T waitUntil(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(browser, NodeHttp.NOTICE).until(condition);
    }

    private String state(String id) {
        return browser.findElement(By.cssSelector("tr[data-id='" + id + "']")).getAttribute("data-state");
    }

    @Test
    void a_monitor_that_goes_down_turns_its_row_down_without_a_reload() throws Exception {
        NodeHttp.await("the shop up on the dashboard", () -> {
            browser.navigate().refresh();
            return "up".equals(state("shop"));
        });
        WebElement row = browser.findElement(By.cssSelector("tr[data-id='shop']"));
        browser.executeScript("document.body.dataset.loaded = 'once'");
        int downBefore = Integer.parseInt(browser.findElement(By.id("count-down")).getText());

        lookout.stopShop();
        waitUntil(d -> "down".equals(row.getAttribute("data-state")));
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("down");
        assertThat(browser.findElement(By.id("count-down")).getText()).isEqualTo(String.valueOf(downBefore + 1));
        assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("Shop <front> is down.");
        assertThat(browser.executeScript("return document.body.dataset.loaded")).as("the same page, not reloaded").isEqualTo("once");
        assertThat(browser.getCurrentUrl()).isEqualTo(lookout.url() + "/console");
    }

    @Test
    void slash_focuses_the_filter_and_typing_filters_at_once_with_a_link_to_share() {
        new Actions(browser).sendKeys("/").perform();
        WebElement search = browser.findElement(By.id("q"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(search);
        search.sendKeys("nightly");
        waitUntil(d -> !browser.findElement(By.cssSelector("tr[data-id='shop']")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector("tr[data-id='batch']")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("1");
        assertThat(browser.getCurrentUrl()).isEqualTo(lookout.url() + "/console?q=nightly");

        browser.get(lookout.url() + "/console?tag=batch");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("f-tag"))).selectByVisibleText("prod");
        waitUntil(ExpectedConditions.urlToBe(lookout.url() + "/console?tag=prod"));
        waitUntil(d -> browser.findElements(By.cssSelector("tr[data-id]")).size() == 2);
    }

    @Test
    void g_then_a_goes_to_the_alerts_and_question_mark_lists_the_shortcuts() {
        new Actions(browser).sendKeys("?").perform();
        assertThat(browser.findElement(By.id("keys")).isDisplayed()).isTrue();
        browser.findElement(By.cssSelector("#keys button")).click();
        new Actions(browser).sendKeys("g").sendKeys("a").perform();
        waitUntil(ExpectedConditions.urlToBe(lookout.url() + "/console/alerts"));
    }

    @Test
    void the_dashboard_has_no_accessibility_violations_in_light_or_dark_and_fits_a_phone() {
        assertNoViolations("light");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.navigate().refresh();
        assertThat(browser.executeScript("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(18, 18, 18)");
        assertNoViolations("dark");

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth"))
                .as("nothing wider than the phone but the table's own scroll box")
                .isLessThanOrEqualTo((Long) browser.executeScript("return document.documentElement.clientWidth"));
        assertThat(browser.findElement(By.cssSelector("tr[data-id='shop'] a")).isDisplayed()).isTrue();
    }

    private void assertNoViolations(String scheme) {
        ConsoleBrowser.assertNoViolations(browser, "the dashboard, " + scheme);
    }
}
