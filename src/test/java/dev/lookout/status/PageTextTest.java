package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.config.PageConfig;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.ComponentChange;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.MaintenanceStatus;
import dev.lookout.incident.Markdown;
import dev.lookout.incident.Postmortem;
import dev.lookout.incident.Update;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every fixed text of the pages comes from {@code i18n/messages.properties}: each key a template
 * asks for exists, each key of the bundle is used, and a page rendered with a pseudo-translation
 * (every value wrapped in ⟦ ⟧) shows no word that is not wrapped, except the operators' own.
 */
class PageTextTest {
    private static final Path TEMPLATES = Path.of("src/main/jte");
    private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("text\\.(?:get|format|html)\\(\"([^\"]+)\"");
    private static final Pattern KEY_IN_CODE = Pattern.compile("\"((?:format|uptime|list|banner|component\\.status|impact"
            + "|incident\\.status|maintenance\\.status|chart|monitor|vantage)[.a-zA-Z_]*)\"");
    private static final Instant T = Instant.parse("2026-04-19T14:30:00Z");

    /**
     * Keys whose translation may read as the English does: patterns and separators, not words
     * (the page title "{0} - {1}", "{0}: {1}" in German).
     */
    private static final Set<String> SAME_IN_EVERY_LANGUAGE = Set.of("page.title", "format.month", "format.percent",
            "list.separator", "component.change", "vantage.phase.dns", "vantage.phase.tls", "vantage.phase.total");

    private static Properties bundle() throws IOException {
        return bundle("en");
    }

    /** The bundle of a language as written, without the base bundle's fallback. */
    static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        String name = language.equals("en") ? "/i18n/messages.properties" : "/i18n/messages_" + language + ".properties";
        try (InputStream in = PageText.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".jte")).sorted().toList();
        }
    }

    private static Set<String> keysInTemplates() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path template : templates()) {
            Matcher m = KEY_IN_TEMPLATE.matcher(Files.readString(template));
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /** The keys {@link PageText} builds from enum codes or names in its own code. */
    private static Set<String> keysInPageText() throws IOException {
        Set<String> keys = new TreeSet<>();
        Stream.of(ComponentStatus.values()).forEach(s -> {
            keys.add("banner." + s.code());
            keys.add("component.status." + s.code());
        });
        Stream.of(AffectedStatus.values()).forEach(s -> keys.add("component.status." + s.code()));
        Stream.of(Impact.values()).forEach(i -> keys.add("impact." + i.code()));
        Stream.of(IncidentStatus.values()).forEach(s -> keys.add("incident.status." + s.code()));
        Stream.of(MaintenanceStatus.values()).forEach(s -> keys.add("maintenance.status." + s.code()));
        Stream.of(dev.lookout.evaluate.MonitorState.values()).forEach(s -> keys.add("monitor.state." + s.name().toLowerCase(Locale.ROOT)));
        Matcher m = KEY_IN_CODE.matcher(Files.readString(Path.of("src/main/java/dev/lookout/status/PageText.java")));
        while (m.find()) {
            if (!m.group(1).endsWith(".")) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    @Test
    void every_key_the_templates_and_page_text_use_is_in_the_bundle() throws IOException {
        Set<String> used = new TreeSet<>(keysInTemplates());
        used.addAll(keysInPageText());
        assertThat(bundle().stringPropertyNames()).containsAll(used);
    }

    @Test
    void every_key_of_the_bundle_is_used() throws IOException {
        Set<String> unused = new TreeSet<>(bundle().stringPropertyNames());
        unused.removeAll(keysInTemplates());
        unused.removeAll(keysInPageText());
        unused.remove("page.lang");
        assertThat(keysInTemplates()).contains("page.lang");
        assertThat(unused).as("keys nothing asks for").isEmpty();
    }

    @Test
    void placeholders_are_numbered_from_zero_without_gaps() throws IOException {
        PageText text = PageText.english();
        for (String key : bundle().stringPropertyNames()) {
            List<Integer> found = text.placeholders(key);
            assertThat(new TreeSet<>(found)).as(key).containsExactlyElementsOf(
                    Stream.iterate(0, i -> i + 1).limit(new HashSet<>(found).size()).toList());
        }
    }

    @Test
    void english_wording_and_formats() {
        PageText text = PageText.english();
        assertThat(text.banner(ComponentStatus.OPERATIONAL)).isEqualTo("All systems operational");
        assertThat(text.banner(ComponentStatus.NO_DATA)).isEqualTo("Waiting for the first checks");
        assertThat(text.status(IncidentStatus.MONITORING)).isEqualTo("Monitoring");
        assertThat(text.status(MaintenanceStatus.IN_PROGRESS)).isEqualTo("In progress");
        assertThat(text.status(AffectedStatus.DEGRADED_PERFORMANCE)).isEqualTo("Degraded performance");
        assertThat(text.dateTime(T)).isEqualTo("19 Apr 2026, 14:30 UTC");
        assertThat(text.month(java.time.YearMonth.of(2026, 4))).isEqualTo("April 2026");
        assertThat(text.percent(0.99951)).isEqualTo("99.95");
        assertThat(text.list(List.of("API", "Web"))).isEqualTo("API, Web");
        assertThat(text.format("uptime.day", "19 Apr 2026", "99.50", 2, 400)).isEqualTo("19 Apr 2026: 99.50 % uptime, 2 of 400 checks failed");
        assertThat(text.format("page.title", "It's down", "Status")).isEqualTo("It's down - Status");
    }

    // --- translations ------------------------------------------------------------------------

    @Test
    void every_language_a_page_may_have_has_every_key_translated() throws IOException {
        Properties english = bundle();
        assertThat(PageConfig.LANGUAGES).contains("en", "fr", "de");
        for (String language : PageConfig.LANGUAGES.stream().filter(l -> !l.equals("en")).toList()) {
            Properties translated = bundle(language);
            assertThat(translated.stringPropertyNames()).as(language + ": the keys of the English bundle")
                    .containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
            for (String key : english.stringPropertyNames()) {
                String value = translated.getProperty(key);
                assertThat(value).as(language + ": " + key).isNotBlank();
                if (!SAME_IN_EVERY_LANGUAGE.contains(key)) {
                    assertThat(value).as(language + ": " + key + " is still the English text").isNotEqualTo(english.getProperty(key));
                }
                assertThat(new TreeSet<>(PageText.of(Locale.forLanguageTag(language)).placeholders(key)))
                        .as(language + ": " + key + " has the English placeholders")
                        .isEqualTo(new TreeSet<>(PageText.english().placeholders(key)));
            }
            assertThat(translated.getProperty("page.lang")).isEqualTo(language);
        }
    }

    @Test
    void french_and_german_wording_and_formats_in_the_page_zone() {
        PageText fr = PageText.of(Locale.FRENCH, ZoneId.of("Europe/Paris"));
        assertThat(fr.banner(ComponentStatus.OPERATIONAL)).isEqualTo("Tous les systèmes sont opérationnels");
        assertThat(fr.status(IncidentStatus.MONITORING)).isEqualTo("Sous surveillance");
        assertThat(fr.dateTime(T)).isEqualTo("19 avr. 2026 16:30 CEST");
        assertThat(fr.time(T)).isEqualTo("16:30 CEST");
        assertThat(fr.dateTime(Instant.parse("2026-01-19T14:30:00Z"))).isEqualTo("19 janv. 2026 15:30 CET");
        assertThat(fr.date(LocalDate.of(2026, 4, 19))).isEqualTo("19 avr. 2026");
        assertThat(fr.month(java.time.YearMonth.of(2026, 4))).isEqualTo("avril 2026");
        assertThat(fr.percent(0.99951)).isEqualTo("99,95");

        PageText de = PageText.of(Locale.GERMAN, ZoneId.of("Europe/Berlin"));
        assertThat(de.banner(ComponentStatus.MAJOR_OUTAGE)).isEqualTo("Schwerer Ausfall");
        assertThat(de.dateTime(T)).isEqualTo("19.04.2026, 16:30 MESZ");
        assertThat(de.month(java.time.YearMonth.of(2026, 3))).isEqualTo("März 2026");
        assertThat(de.percent(0.99951)).isEqualTo("99,95");
        assertThat(de.format("uptime.day", de.date(LocalDate.of(2026, 4, 19)), de.percent(0.995), 2, 400))
                .isEqualTo("19.04.2026: 99,50 % Verfügbarkeit, 2 von 400 Prüfungen fehlgeschlagen");

        assertThat(PageText.of(Locale.ENGLISH, ZoneId.of("America/New_York")).dateTime(T)).as("English in another zone")
                .isEqualTo("19 Apr 2026, 10:30 GMT-04:00");
    }

    @Test
    void the_end_of_a_span_is_a_time_alone_on_the_same_day_in_the_page_zone() {
        Instant evening = Instant.parse("2026-04-19T21:30:00Z");
        Instant later = Instant.parse("2026-04-19T22:30:00Z"); // already the 20th in Paris
        assertThat(PageText.english().sameDay(evening, later)).isTrue();
        assertThat(PageText.of(Locale.FRENCH, ZoneId.of("Europe/Paris")).sameDay(evening, later)).isFalse();
    }

    // --- pseudo-translation --------------------------------------------------------------------

    /** Every value of the bundle wrapped in ⟦ ⟧ (format patterns too: ⟦ and ⟧ are literal in them). */
    private static PageText pseudo() throws IOException {
        Properties base = bundle();
        Map<String, Object> wrapped = new HashMap<>();
        base.stringPropertyNames().forEach(k -> wrapped.put(k, "⟦" + base.getProperty(k) + "⟧"));
        wrapped.put("format.percent", "⟦0.00⟧");
        wrapped.put("format.locale", base.getProperty("format.locale")); // a language tag, not text
        ResourceBundle bundle = new ResourceBundle() {
            @Override
            protected Object handleGetObject(String key) {
                return wrapped.get(key);
            }

            @Override
            public Enumeration<String> getKeys() {
                return java.util.Collections.enumeration(wrapped.keySet());
            }
        };
        return new PageText(bundle, Locale.ENGLISH);
    }

    /** What operators wrote (names, descriptions, Markdown); the pages show it as it is. */
    private static final List<String> OPERATOR_TEXT = List.of("Example status", "Web Shop", "www.example.com", "API",
            "Database", "Public", "Checkout errors", "Payments fail.", "A full disk.", "Cause", "Logs were", "never",
            "rotated.", "Database upgrade", "Writes pause.", "Network change", "Short blips.",
            "500 ms", "0 ms"); // the last two: a chart's scale, figures like the dates in <time>

    private static Map<String, Object> pages(PageText text) {
        Instant start = T.minus(Duration.ofDays(40));
        Incident resolved = new Incident(1, "Checkout errors", IncidentStatus.POSTMORTEM, Impact.MAJOR, start, start, null,
                start.plusSeconds(3600), new Postmortem(Markdown.of("## Cause\n\nLogs were **never** rotated."), start),
                List.of(new Update(1, IncidentStatus.INVESTIGATING, Markdown.of("Payments fail."), start,
                                List.of(new ComponentChange("web", AffectedStatus.OPERATIONAL, AffectedStatus.PARTIAL_OUTAGE))),
                        new Update(2, IncidentStatus.RESOLVED, Markdown.of("A full disk."), start.plusSeconds(3600),
                                List.of(new ComponentChange("web", AffectedStatus.PARTIAL_OUTAGE, AffectedStatus.OPERATIONAL)))), 3);
        Incident open = new Incident(4, "Checkout errors", IncidentStatus.IDENTIFIED, Impact.CRITICAL, T, T, null, null, null,
                List.of(new Update(5, IncidentStatus.IDENTIFIED, Markdown.of("Payments fail."), T,
                        List.of(new ComponentChange("api", AffectedStatus.OPERATIONAL, AffectedStatus.MAJOR_OUTAGE)))), 1);
        Maintenance active = new Maintenance(6, "Database upgrade", MaintenanceStatus.IN_PROGRESS, T.minusSeconds(60),
                T.plusSeconds(3600), List.of("db"), T, T, T, null,
                List.of(new Update(7, MaintenanceStatus.IN_PROGRESS, Markdown.of("Writes pause."), T,
                        List.of(new ComponentChange("db", AffectedStatus.OPERATIONAL, AffectedStatus.UNDER_MAINTENANCE)))), 2);
        Maintenance upcoming = new Maintenance(8, "Network change", MaintenanceStatus.SCHEDULED, T.plus(Duration.ofDays(2)),
                T.plus(Duration.ofDays(3)), List.of("web", "api"), T, T, null, null,
                List.of(new Update(9, MaintenanceStatus.SCHEDULED, Markdown.of("Short blips."), T, List.of())), 1);
        List<DayUptime> days = new ArrayList<>();
        for (int i = 89; i >= 0; i--) {
            LocalDate day = LocalDate.of(2026, 4, 19).minusDays(i);
            days.add(i % 2 == 0 ? new DayUptime(day, 0.995, 400, 2) : new DayUptime(day, null, 0, 0));
        }
        List<ComponentView> components = List.of(
                new ComponentView("web", "Web Shop", "Public", "www.example.com", ComponentStatus.DEGRADED_PERFORMANCE, days,
                        0.995, T, start, T),
                new ComponentView("api", "API", "Public", "", ComponentStatus.MAJOR_OUTAGE, days, null, null, start, T),
                new ComponentView("db", "Database", "", "", ComponentStatus.UNDER_MAINTENANCE, days, 0.9, T, start, T));
        StatusSnapshot snapshot = new StatusSnapshot(ComponentStatus.MAJOR_OUTAGE, "", components, List.of(open),
                List.of(open, resolved), List.of(upcoming, active), T);
        IncidentHistory history = IncidentHistory.of(List.of(open, resolved), List.of(upcoming, active), false, T);
        return Map.of(
                "status.jte", Map.of("text", text, "title", "Example status", "snapshot", snapshot, "subscribe", true),
                "subscribed.jte", Map.of("text", text, "title", "Example status", "outcome", "sent", "updatedAt", T),
                "history.jte", Map.of("text", text, "title", "Example status", "page", history.page(1).orElseThrow(),
                        "updatedAt", T),
                "incident.jte", Map.of("text", text, "title", "Example status", "snapshot", snapshot, "incident", resolved),
                "maintenance.jte", Map.of("text", text, "title", "Example status", "snapshot", snapshot, "maintenance", active),
                "not-found.jte", Map.of("text", text, "title", "Example status", "updatedAt", T),
                "component.jte", Map.of("text", text, "title", "Example status", "snapshot", snapshot, "component",
                        components.get(1), "monitors", List.of(new ComponentCharts.MonitorCharts("API", "http",
                                new MonitorView("a", "API", "http", "", "api", false, "30s", "5s",
                                        dev.lookout.evaluate.MonitorState.UNKNOWN, new dev.lookout.check.CheckResult("a", T,
                                        dev.lookout.check.Outcome.FAILED, "refused", dev.lookout.check.Timings.totalOnly(1000),
                                        List.of()), null, null, null),
                                List.of(new ComponentCharts.Chart(text.chartWindow(ResponseTimes.Window.DAY), "<svg></svg>",
                                                "500 ms", text.chartFigures("120 ms", "110 ms", "300 ms"), true),
                                        new ComponentCharts.Chart(text.chartWindow(ResponseTimes.Window.WEEK), null, "0 ms",
                                                text.chartFigures("120 ms", "110 ms", "300 ms"), true),
                                        new ComponentCharts.Chart(text.chartWindow(ResponseTimes.Window.MONTH), null, false))))));
    }

    @Test
    void pages_show_no_fixed_text_outside_the_bundle() throws IOException {
        TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> pages = (Map<String, Map<String, Object>>) (Map<?, ?>) pages(pseudo());
        List<String> pageTemplates = templates().stream().filter(t -> t.getParent().equals(TEMPLATES))
                .map(t -> t.getFileName().toString()).filter(n -> !n.equals("layout.jte")).toList();
        assertThat(pages.keySet()).as("every page template is rendered here").containsExactlyInAnyOrderElementsOf(pageTemplates);
        for (var page : pages.entrySet()) {
            StringOutput out = new StringOutput();
            engine.render(page.getKey(), page.getValue(), out);
            String html = out.toString();
            Matcher attributes = Pattern.compile("\\s(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"").matcher(html);
            while (attributes.find()) {
                assertThat(attributes.group(1)).as(page.getKey() + ": attribute text").startsWith("⟦").endsWith("⟧");
            }
            // Dates and times are the JDK's (localised patterns), inside <time>: no fixed text of ours.
            String visible = html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("(?s)<script>.*?</script>", " ").replaceAll("(?s)<title>.*?</title>", " ")
                    .replaceAll("(?s)<time datetime=\"[0-9T:.Z-]+\">[^<⟦⟧]*</time>", " ")
                    .replaceAll("<[^>]*>", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'");
            String previous;
            do {
                previous = visible;
                visible = visible.replaceAll("⟦[^⟦⟧]*⟧", " ");
            } while (!visible.equals(previous));
            for (String operator : OPERATOR_TEXT.stream().sorted(java.util.Comparator.comparing(String::length).reversed()).toList()) {
                visible = visible.replace(operator, " ");
            }
            assertThat(visible.replaceAll("[\\s]+", " ").strip()).as(page.getKey() + ": text not from the bundle").isEmpty();
        }
    }
}
