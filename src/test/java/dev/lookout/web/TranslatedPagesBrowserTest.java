package dev.lookout.web;

import static dev.lookout.web.IncidentServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A French page (chosen by host name) and a German page (under a path) in Debian's Chromium,
 * with an active incident, a resolved one with a postmortem, maintenance in progress and
 * upcoming: no fixed English text of the English bundle shows on any of their pages, in the
 * text, the attributes (uptime bars, navigation labels) or the tab title. The incidents are
 * posted through the API as an operator would, with the operator's own words (which the check
 * leaves out, like the component names of the test server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslatedPagesBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGES = """
            pages:
              - { id: fr, title: "État des services", host: localhost, language: fr, timezone: Europe/Paris }
              - { id: de, title: "Dienststatus", path: /de, language: de, timezone: Europe/Berlin }
              - { id: en, title: "Example status" }
            """;
    /** What the operator wrote: names and texts the pages show as they are. */
    private static final List<String> OPERATOR_TEXT = List.of("Web Shop", "API", "Database", "Public", "www.example.com",
            "État des services", "Dienststatus", "Kasse / Caisse", "Zahlungen scheitern / Paiements refusés.",
            "Platte voll / Disque plein.", "Behoben / Réglé.", "Ursache / Cause", "Suche / Recherche",
            "Wir prüfen / Nous regardons.", "Index neu / Index reconstruit.", "Datenbank / Base de données",
            "Schreibpause / Écritures suspendues.", "Es läuft / En cours.", "Netzwerk / Réseau", "Kurz / Bref.");
    /** English texts that are no evidence: words of the bundle that the translations use too are checked per language. */
    private static final Set<String> NOT_TEXT = Set.of("page.lang", "format.locale", "format.month", "format.percent",
            "list.separator", "page.title", "component.change");
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

    private IncidentServer server;
    private ChromeDriver browser;
    private long resolved;
    private long active;
    private long maintenance;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = new IncidentServer(dir, PAGES); // 10 March 2026, 12:00 UTC
        resolved = post("/api/v1/incidents", Map.of("name", "Kasse / Caisse", "impact", "major",
                "body", "Zahlungen scheitern / Paiements refusés.", "components", Map.of("web", "partial_outage")));
        server.clock.advance(Duration.ofMinutes(20));
        post("/api/v1/incidents/" + resolved + "/updates", Map.of("status", "identified", "body", "Platte voll / Disque plein."));
        server.clock.advance(Duration.ofMinutes(40));
        post("/api/v1/incidents/" + resolved + "/resolve", Map.of("body", "Behoben / Réglé."));
        var postmortem = server.send("PUT", "/api/v1/incidents/" + resolved + "/postmortem",
                JSON.writeValueAsString(Map.of("body", "## Ursache / Cause\n\nPlatte voll / Disque plein.")));
        assertThat(postmortem.statusCode()).as(postmortem.body()).isEqualTo(200);

        server.clock.advanceTo(Instant.parse("2026-04-02T09:00:00Z"));
        active = post("/api/v1/incidents", Map.of("name", "Suche / Recherche", "impact", "minor",
                "body", "Wir prüfen / Nous regardons.", "components", Map.of("api", "degraded_performance")));
        server.clock.advance(Duration.ofMinutes(15));
        post("/api/v1/incidents/" + active + "/updates", Map.of("status", "monitoring", "body", "Index neu / Index reconstruit."));
        Instant now = server.clock.instant();
        // Started by the operator with their own words: the text Lookout writes when it starts one by itself is English.
        maintenance = post("/api/v1/maintenances", Map.of("name", "Datenbank / Base de données",
                "body", "Schreibpause / Écritures suspendues.", "components", List.of("db"),
                "scheduled_for", now.plus(Duration.ofHours(1)).toString(), "scheduled_until", now.plus(Duration.ofHours(3)).toString()));
        var started = server.send("POST", "/api/v1/maintenances/" + maintenance + "/updates",
                JSON.writeValueAsString(Map.of("status", "in_progress", "body", "Es läuft / En cours.")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        post("/api/v1/maintenances", Map.of("name", "Netzwerk / Réseau", "body", "Kurz / Bref.", "components", List.of("web"),
                "scheduled_for", "2026-04-05T22:00:00Z", "scheduled_until", "2026-04-05T23:00:00Z"));

        browser = HeadlessChromium.start(dir.resolve("browser"), true);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
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

    private static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        String name = language.equals("en") ? "/i18n/messages.properties" : "/i18n/messages_" + language + ".properties";
        try (InputStream in = TranslatedPagesBrowserTest.class.getResourceAsStream(name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The text where it is not part of a longer word ("Scheduled" is not found in "Unscheduled"). */
    private static Pattern word(String text) {
        return Pattern.compile((Character.isLetter(text.charAt(0)) ? "(?<!\\p{L})" : "") + Pattern.quote(text)
                + (Character.isLetter(text.charAt(text.length() - 1)) ? "(?!\\p{L})" : ""));
    }

    /**
     * The fixed parts of the English texts (between placeholders) that contain a word, leaving out
     * those the translation uses as well ("Page" is French too).
     */
    private static Set<String> englishFragments(String language) throws IOException {
        Properties english = bundle("en");
        String translated = String.join("\n", bundle(language).stringPropertyNames().stream()
                .map(bundle(language)::getProperty).toList());
        Set<String> out = new TreeSet<>();
        for (String key : english.stringPropertyNames()) {
            if (NOT_TEXT.contains(key)) {
                continue;
            }
            for (String part : english.getProperty(key).split("\\{\\d+}")) {
                String fragment = part.strip();
                if (WORD.matcher(fragment).find() && (language.equals("en") || !word(fragment).matcher(translated).find())) {
                    out.add(fragment);
                }
            }
        }
        return out;
    }

    /** Everything a reader can see or hear on the page: its text (hidden parts too), labels, titles and the tab title. */
    private String shown(String url) {
        browser.get(url);
        @SuppressWarnings("unchecked")
        List<String> attributes = (List<String>) browser.executeScript("""
                return Array.from(document.querySelectorAll('[title],[aria-label],[alt]'))
                    .flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label'), e.getAttribute('alt')])
                    .filter(v => v);""");
        // Text node by text node: adjacent elements ("<span>Minor impact</span><span>Monitoring</span>") stay apart.
        String nodes = (String) browser.executeScript("""
                const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                const out = [];
                while (walk.nextNode()) out.push(walk.currentNode.nodeValue);
                return out.join('\\n');""");
        String text = browser.getTitle() + "\n" + nodes + "\n" + String.join("\n", attributes);
        for (String operator : OPERATOR_TEXT.stream().sorted(Comparator.comparing(String::length).reversed()).toList()) {
            text = text.replace(operator, " ");
        }
        return text;
    }

    private List<String> englishOn(String language, String url) throws IOException {
        String text = shown(url);
        List<String> found = new ArrayList<>();
        for (String fragment : englishFragments(language)) {
            if (word(fragment).matcher(text).find()) {
                found.add(fragment);
            }
        }
        return found;
    }

    private List<String> paths() {
        return List.of("/", "/history", "/incidents/" + active, "/incidents/" + resolved, "/maintenances/" + maintenance,
                "/incidents/424242");
    }

    private String french(String path) {
        return "http://localhost:" + server.web.port() + path;
    }

    private String german(String path) {
        return "http://127.0.0.1:" + server.web.port() + "/de" + (path.equals("/") ? "" : path);
    }

    @Test
    void the_french_page_shows_no_english_fixed_text() throws IOException {
        for (String path : paths()) {
            assertThat(englishOn("fr", french(path))).as("English on the French page " + path).isEmpty();
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("fr");
        }
        browser.get(french("/"));
        assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Certains systèmes sont lents");
        assertThat(browser.findElement(By.id("incident-" + active)).getText()).contains("Impact mineur", "Sous surveillance",
                "Composants touchés : API : Performances dégradées", "2 avr. 2026 11:15 CEST");
        assertThat(browser.findElement(By.id("upcoming")).getText())
                .contains("Planifiée : Netzwerk / Réseau du 6 avr. 2026 00:00 CEST au 01:00 CEST");
    }

    @Test
    void the_german_page_shows_no_english_fixed_text() throws IOException {
        for (String path : paths()) {
            assertThat(englishOn("de", german(path))).as("English on the German page " + path).isEmpty();
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
        }
        browser.get(german("/"));
        assertThat(browser.findElement(By.id("overall")).getText()).isEqualTo("Einige Systeme sind langsam");
        assertThat(browser.findElement(By.id("maintenance")).getText()).contains("Laufende Wartung", "Läuft",
                "In Wartung: Database", "Es läuft / En cours.");
        browser.get(german("/history"));
        assertThat(browser.findElement(By.id("month-2026-03")).getText()).contains("März 2026", "Nachbetrachtung veröffentlicht",
                "Von 10.03.2026, 13:00 MEZ bis 14:00 MEZ");
    }

    @Test
    void the_check_finds_english_where_there_is_english() throws IOException {
        List<String> found = englishOn("en", "http://127.0.0.1:" + server.web.port() + "/");
        assertThat(found).contains("Active incidents", "Maintenance in progress", "Upcoming maintenance", "Minor impact",
                "Affected:", ". Powered by Lookout.", "Uptime over the last 90 days");
    }
}
