package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lookout.check.CheckTypes;
import dev.lookout.status.RealParsers;
import dev.lookout.web.HeadlessChromium;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The status page of a whole node in Debian's Chromium, as a visitor uses it: its feeds advertised
 * ({@code <link rel="alternate">}) and linked, each read by the parser a feed reader or calendar
 * uses; its icon; and the "Subscribe to updates" form, with script off, down to the confirmation
 * mail (GreenMail) and the confirm link.
 */
class SubscribeFormBrowserTest {
    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private LookoutNode node;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        node = new LookoutNode(CheckTypes.standard(), SubscriberWiringTest.mailingNode(dir, smtp.getSmtp().getPort())).start();
        browser = HeadlessChromium.start(dir.resolve("profile"), false);
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

    private String url(String path) {
        return "http://127.0.0.1:" + node.port() + path;
    }

    private HttpResponse<byte[]> get(String href) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(href))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void the_page_advertises_and_links_its_feeds_and_each_parses_in_a_feed_reader_or_calendar() throws Exception {
        browser.get(url("/"));
        List<WebElement> advertised = browser.findElements(By.cssSelector("head link[rel=alternate]"));
        assertThat(advertised).extracting(l -> l.getDomAttribute("href")).containsExactly("/feeds/incidents.rss",
                "/feeds/incidents.atom", "/feeds/maintenances.rss", "/feeds/maintenances.atom", "/feeds/maintenances.ics");
        for (WebElement link : advertised) {
            String href = link.getDomAttribute("href");
            HttpResponse<byte[]> feed = get(href);
            assertThat(feed.statusCode()).as(href).isEqualTo(200);
            String type = feed.headers().firstValue("Content-Type").orElseThrow();
            assertThat(type).as(href).startsWith(link.getDomAttribute("type"));
            if (href.endsWith(".ics")) {
                assertThat(RealParsers.icalendar(feed.body()).path("errors")).isEmpty();
            } else {
                JsonNode parsed = RealParsers.feedparser(feed.body(), type);
                assertThat(parsed.path("bozo").asInt()).as(href + ": " + parsed.path("bozo_exception").asText()).isZero();
                assertThat(parsed.path("feed").path("title").asText()).startsWith("Lookout status");
            }
        }
        List<WebElement> visible = browser.findElements(By.cssSelector("#subscribe .feeds a"));
        assertThat(visible).extracting(WebElement::getText).containsExactly("Incidents (RSS)", "Incidents (Atom)",
                "Maintenance (RSS)", "Maintenance (Atom)", "Maintenance calendar (iCalendar)");
        assertThat(visible).allSatisfy(a -> assertThat(a.isDisplayed()).isTrue());
    }

    @Test
    void the_page_has_an_icon_that_chromium_draws() throws Exception {
        browser.get(url("/"));
        assertThat(browser.findElement(By.cssSelector("head link[rel=icon]")).getDomAttribute("href")).isEqualTo("/favicon.svg");
        for (String icon : List.of("/favicon.svg", "/favicon.ico")) {
            HttpResponse<byte[]> response = get(icon);
            assertThat(response.statusCode()).as(icon).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(icon).hasValueSatisfying(t -> assertThat(t).startsWith("image/"));
        }
        browser.get(url("/favicon.svg"));
        assertThat(browser.findElements(By.cssSelector("svg circle"))).as("an SVG document with its drawing").hasSize(1);
        browser.get(url("/favicon.ico"));
        // Chromium shows an image it can decode in an <img> of its own, with its natural size.
        assertThat(browser.findElement(By.tagName("img")).getDomProperty("naturalWidth")).as("the ICO decodes").isEqualTo("32");
    }

    /** A click on submit returns before the answer's page is there: the heading read at once may be the form's. */
    private void headingBecomes(String text) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .untilAsserted(() -> assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text));
    }

    @Test
    void a_visitor_subscribes_through_the_form_without_script_and_confirms_from_the_mail() throws Exception {
        browser.get(url("/"));
        assertThat(browser.findElement(By.id("subscribe-title")).getText()).isEqualTo("Subscribe to updates");
        browser.findElement(By.name("email")).sendKeys("ada@example.com");
        browser.findElement(By.cssSelector("#subscribe button[type=submit]")).click();

        headingBecomes("Check your inbox");
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1);
        String mail = ((String) ((MimeMultipart) smtp.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent());
        Matcher link = Pattern.compile("https://status\\.example\\.com(/subscribe/confirm/[A-Za-z0-9_-]+)").matcher(mail);
        assertThat(link.find()).as(mail).isTrue();

        browser.get(url(link.group(1)));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        headingBecomes("Subscribed");

        browser.get(url("/"));
        browser.findElement(By.name("email")).sendKeys("not an address");
        // The browser's own check (type=email) stops the form; a client that sends it anyway gets a page saying why.
        browser.findElement(By.cssSelector("#subscribe button[type=submit]")).click();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url("/subscribe")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=not+an+address")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<h1>Cannot subscribe</h1>", "does not look like an email address");
    }
}
