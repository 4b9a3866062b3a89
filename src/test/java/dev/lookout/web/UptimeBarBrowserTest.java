package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckResult;
import dev.lookout.check.Outcome;
import dev.lookout.check.Timings;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.status.ComponentView;
import dev.lookout.status.DayUptime;
import dev.lookout.status.PageText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The 90-day uptime bars in Debian's Chromium: sent as runs of one colour and a compact data
 * attribute, their tooltips are written by the page's script on hover and keyboard focus and must
 * say what the server's own text says for every day; on a phone the bar shows 30 days wide enough
 * to touch; without script the bars still show. Also the response-time charts' labels, which must
 * not be stretched with the chart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UptimeBarBrowserTest {
    private IncidentServer server;
    private ChromeDriver browser;
    private ChromeDriver withoutScript;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new IncidentServer(dir); // 10 March 2026, 12:00 UTC
        Instant now = server.clock.instant();
        // Days with different checks and failures on "api": 800 checks with 3 failed is 99.625 %, a tie to round.
        int[][] days = {{40, 800, 3}, {30, 96, 0}, {29, 96, 0}, {12, 50, 50}, {5, 400, 2}, {1, 96, 1}, {0, 10, 0}};
        for (int[] day : days) {
            Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(day[0]));
            for (int i = 0; i < day[1]; i++) {
                server.store.append(new CheckResult("a", start.plusSeconds(60L * i), i < day[2] ? Outcome.FAILED : Outcome.OK,
                        "r", Timings.totalOnly((100 + i % 7) * 1000), List.of()));
            }
        }
        server.store.flush();
        server.clock.advance(Duration.ofHours(3)); // the results of today stay before the clock
        server.incidents.open("Search <b>slow</b>", IncidentStatus.IDENTIFIED, Impact.MINOR, "A replica.",
                Map.of("api", AffectedStatus.DEGRADED_PERFORMANCE));
        browser = HeadlessChromium.start(dir.resolve("chromium"), true);
        withoutScript = HeadlessChromium.start(dir.resolve("no-script"), false);
    }

    @AfterAll
    void stop() {
        for (ChromeDriver b : new ChromeDriver[] {browser, withoutScript}) {
            if (b != null) {
                b.quit();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.web.port() + path;
    }

    private List<DayUptime> apiDays() {
        ComponentView api = server.status.snapshot().components().stream().filter(c -> c.id().equals("api")).findFirst()
                .orElseThrow();
        return api.days();
    }

    private String tip() {
        WebElement tip = browser.findElement(By.id("day-tip"));
        assertThat(tip.isDisplayed()).as("the tooltip shows").isTrue();
        return tip.getText();
    }

    @Test
    void every_day_read_with_the_keyboard_says_what_the_server_says_of_it() {
        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(url("/"));
        List<DayUptime> days = apiDays();
        assertThat(days).hasSize(90);
        WebElement bar = browser.findElement(By.cssSelector("#component-api .bar"));
        bar.click();
        bar.sendKeys(Keys.HOME);
        List<String> shown = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            if (i > 0) {
                bar.sendKeys(Keys.ARROW_RIGHT);
            }
            shown.add(tip());
            expected.add(PageText.english().day(days.get(i)));
        }
        assertThat(shown).containsExactlyElementsOf(expected);
        assertThat(shown.get(89)).contains("incidents: Search <b>slow</b>");
        assertThat(expected).contains("9 Mar 2026: 98.96 % uptime, 1 of 96 checks failed",
                "26 Feb 2026: 0.00 % uptime, 50 of 50 checks failed", "1 Mar 2026: no data")
                .anyMatch(s -> s.startsWith("29 Jan 2026: 99.6") && s.endsWith("3 of 800 checks failed"));
        bar.sendKeys(Keys.ESCAPE);
        assertThat(browser.findElement(By.id("day-tip")).isDisplayed()).isFalse();
    }

    @Test
    void pointing_at_a_day_shows_that_days_tooltip() {
        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(url("/"));
        List<DayUptime> days = apiDays();
        WebElement bar = browser.findElement(By.cssSelector("#component-api .bar"));
        int width = bar.getRect().getWidth();
        for (int day : new int[] {0, 48, 77, 89}) {
            int x = (int) Math.round((day + 0.5) * (width + 2) / 90.0) - width / 2; // from the centre; a day is (width + 2 px) / 90
            new Actions(browser).moveToElement(bar, x, 0).perform();
            assertThat(tip()).as("day " + day).isEqualTo(PageText.english().day(days.get(day)));
        }
    }

    @Test
    void a_phone_sees_the_last_30_days_each_at_least_3_px_wide() {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/"));
        Long viewport = (Long) browser.executeScript("return document.documentElement.clientWidth");
        assertThat(viewport).as("Chromium's layout viewport").isLessThanOrEqualTo(390L);
        WebElement bar = browser.findElement(By.cssSelector("#component-api .bar"));
        double stripWidth = ((Number) browser.executeScript("return arguments[0].firstElementChild.getBoundingClientRect().width", bar))
                .doubleValue();
        double day = stripWidth / 90;
        assertThat(day - 2).as("a day's cell without its 2 px gap, at 390 px").isGreaterThanOrEqualTo(3);
        assertThat(bar.getRect().getWidth() / day).as("days shown").isCloseTo(30, org.assertj.core.data.Offset.offset(0.5));
        assertThat(browser.findElement(By.cssSelector("#component-api .legend")).getText()).startsWith("30 days ago");

        List<DayUptime> days = apiDays();
        bar.click();
        bar.sendKeys(Keys.HOME);
        assertThat(tip()).as("the first day shown").isEqualTo(PageText.english().day(days.get(60)));

        browser.manage().window().setSize(new Dimension(1200, 900));
        browser.get(url("/"));
        assertThat(browser.findElement(By.cssSelector("#component-api .legend")).getText()).startsWith("90 days ago");
    }

    @Test
    void without_script_the_bars_still_show_their_colours() {
        withoutScript.manage().window().setSize(new Dimension(1200, 900));
        withoutScript.get(url("/"));
        List<WebElement> runs = withoutScript.findElements(By.cssSelector("#component-api .bar .days > *"));
        assertThat(runs).extracting(WebElement::getTagName).as("none, good, minor, major").contains("i", "b", "s", "u");
        assertThat(runs.stream().map(r -> r.getCssValue("background-color")).distinct()).as("four colours").hasSize(4);
        double total = 0;
        for (WebElement run : runs) {
            assertThat(run.getRect().getHeight()).isGreaterThan(10);
            total += ((Number) withoutScript.executeScript("return arguments[0].getBoundingClientRect().width", run)).doubleValue();
        }
        int bar = withoutScript.findElement(By.cssSelector("#component-api .bar")).getRect().getWidth();
        assertThat(total).as("the runs fill the bar").isCloseTo(bar + 2, org.assertj.core.data.Offset.offset(1.0));
        assertThat(withoutScript.findElement(By.id("day-tip")).isDisplayed()).isFalse();
    }

    @Test
    void chart_labels_keep_their_shape_at_any_width() {
        Map<Integer, org.openqa.selenium.Rectangle> now = new java.util.HashMap<>();
        for (int width : new int[] {1200, 390}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            browser.get(url("/components/api"));
            WebElement label = browser.findElement(By.xpath("//figure[contains(@class,'rt')]//*[text()='now']"));
            now.put(width, label.getRect());
            WebElement chart = browser.findElement(By.cssSelector("figure.rt svg"));
            assertThat(chart.getRect().getWidth()).as("the chart fills the width").isGreaterThan(width / 2);
        }
        assertThat(now.get(390).getWidth()).as("the label 'now' at 390 px as wide as at 1200 px")
                .isCloseTo(now.get(1200).getWidth(), org.assertj.core.data.Offset.offset(1));
        assertThat(now.get(390).getHeight()).isCloseTo(now.get(1200).getHeight(), org.assertj.core.data.Offset.offset(1));
    }
}
