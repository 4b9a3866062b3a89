package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium and chromedriver (packages chromium and chromium-driver, installed by .ci/run), headless. */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /**
     * @param profile    a directory of the test's own for the browser profile
     * @param javascript false turns script off through the content settings, as a user would
     */
    public static ChromeDriver start(Path profile, boolean javascript) {
        return start(profile, javascript, false);
    }

    /**
     * A browser that also keeps its network events (Chromium's performance log), so that a test can
     * tell a request the browser refused (a CORS error) from one the network lost.
     */
    public static ChromeDriver startLoggingNetwork(Path profile) {
        return start(profile, true, true);
    }

    /** Each failed request's reason since the last call: net error, CORS error and blocked reason, from the performance log. */
    public static java.util.List<String> failedRequests(ChromeDriver browser) {
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry entry : browser.manage().logs().get(org.openqa.selenium.logging.LogType.PERFORMANCE)) {
            try {
                var message = JSON.readTree(entry.getMessage()).path("message");
                if (message.path("method").asText().equals("Network.loadingFailed")) {
                    var params = message.path("params");
                    failures.add(params.path("errorText").asText() + " cors=" + params.path("corsErrorStatus").path("corsError").asText("")
                            + " blocked=" + params.path("blockedReason").asText(""));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError("Chromium's performance log has an entry that is not JSON: " + entry.getMessage(), e);
            }
        }
        return failures;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static ChromeDriver start(Path profile, boolean javascript, boolean networkLog) {
        assertThat(CHROMIUM).as("Debian package chromium (installed by .ci/run)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian package chromium-driver (installed by .ci/run)").isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        if (networkLog) {
            options.setCapability("goog:loggingPrefs", Map.of(org.openqa.selenium.logging.LogType.PERFORMANCE, "ALL"));
            options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingPort(freePort()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
        return browser;
    }

    /**
     * A port the system just gave out. Selenium's own choice ({@code usingAnyFreePort}) tries
     * ports outside the ephemeral range, and where that range is 1024-65535 (this machine's) it
     * tries port 1024 five times: any connection on it failed the test.
     */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port for chromedriver", e);
        }
    }
}
