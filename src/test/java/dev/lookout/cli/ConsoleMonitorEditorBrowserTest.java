package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In Debian's Chromium: an admin creates a monitor in the console and watches it turn up on the dashboard. */
class ConsoleMonitorEditorBrowserTest {
    @RegisterExtension
    final ConsoleNode lookout = ConsoleNode.perTest();
    private ChromeDriver browser;
    private ServerSocket target;

    @BeforeEach
    void start() throws Exception {
        browser = ConsoleBrowser.signedIn(lookout, "ada", "admin", "/console");
    }

    @AfterEach
    void stop() throws Exception {
        ConsoleBrowser.close(browser, target);
    }

    @Test
    void a_monitor_created_in_the_console_turns_up_live_on_the_dashboard() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // nothing listens here until the dashboard shows the new monitor
        }
        browser.findElement(By.id("new-monitor")).click();
        browser.findElement(By.id("type-select")).sendKeys("tcp");
        browser.findElement(By.cssSelector("#type button")).click();
        // The type's starting definition comes with the next page: the old textarea may still be there for a moment.
        new WebDriverWait(browser, NodeHttp.NOTICE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("definition")).getAttribute("value").contains("type: tcp"));
        WebElement definition = browser.findElement(By.id("definition"));
        definition.clear();
        definition.sendKeys("id: checkout\nname: Checkout\ntype: tcp\nhost: 127.0.0.1\nport: " + port
                + "\ninterval: 1s\ntimeout: 1s\nfailure_threshold: 1\n");
        browser.findElement(By.id("save")).click();
        new WebDriverWait(browser, NodeHttp.NOTICE).until(d -> d.getCurrentUrl().endsWith("/console/monitors/checkout"));
        assertThat(browser.findElement(By.id("source")).getText()).startsWith("Managed in the console (version 1");

        browser.get(lookout.url() + "/console");
        WebElement row = browser.findElement(By.cssSelector("tr[data-id='checkout']"));
        new WebDriverWait(browser, NodeHttp.NOTICE).until(d -> "down".equals(row.getAttribute("data-state")));
        browser.executeScript("document.body.dataset.loaded = 'once'");
        target = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        new WebDriverWait(browser, NodeHttp.NOTICE).until(d -> "up".equals(row.getAttribute("data-state")));
        assertThat(browser.executeScript("return document.body.dataset.loaded")).as("the same page, not reloaded")
                .isEqualTo("once");
        ConsoleBrowser.assertNoViolations(browser, "the dashboard with a console monitor");
    }
}
