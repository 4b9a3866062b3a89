package dev.lookout.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.ComponentChange;
import dev.lookout.incident.Impact;
import dev.lookout.incident.Incident;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.MaintenanceStatus;
import dev.lookout.incident.Markdown;
import dev.lookout.incident.Update;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The RSS, Atom and iCalendar feeds, read back by feedparser and icalendar. */
class FeedsTest {
    static final Instant T = Instant.parse("2026-03-10T12:00:00Z");
    private static final StatuspagePage PAGE = new StatuspagePage("lookout", "Example status", "https://status.example.com/",
            "Etc/UTC");
    private static final List<ComponentView> COMPONENTS = List.of(component("web", "Web Shop"), component("db", "Database"));

    private final AtomicReference<StatusSnapshot> snapshot = new AtomicReference<>(snapshot(List.of(), List.of()));
    private final Feeds feeds = new Feeds(snapshot::get, PAGE);

    static ComponentView component(String id, String name) {
        return new ComponentView(id, name, "", "", ComponentStatus.OPERATIONAL, List.of(), null, null, T, T);
    }

    static StatusSnapshot snapshot(List<Incident> incidents, List<Maintenance> maintenances) {
        return new StatusSnapshot(ComponentStatus.OPERATIONAL, "All systems operational", COMPONENTS,
                incidents.stream().filter(i -> i.status().open()).toList(), incidents, maintenances, T.plusSeconds(3600));
    }

    static Update update(long id, dev.lookout.incident.LifecycleStatus status, String body, Instant at,
                         ComponentChange... changes) {
        return new Update(id, status, Markdown.of(body), at, List.of(changes));
    }

    /** Opened at T, identified 10 min later, resolved 30 min later. */
    static Incident resolvedIncident() {
        return new Incident(1, "Checkout errors", IncidentStatus.RESOLVED, Impact.MAJOR, T, T.plusSeconds(1800), null,
                T.plusSeconds(1800), null, List.of(
                update(1, IncidentStatus.INVESTIGATING, "Payments **fail**.", T,
                        new ComponentChange("web", AffectedStatus.OPERATIONAL, AffectedStatus.MAJOR_OUTAGE)),
                update(2, IncidentStatus.IDENTIFIED, "A full disk.", T.plusSeconds(600)),
                update(3, IncidentStatus.RESOLVED, "Disk cleaned, payments work again.", T.plusSeconds(1800),
                        new ComponentChange("web", AffectedStatus.MAJOR_OUTAGE, AffectedStatus.OPERATIONAL))), 3);
    }

    static Incident openIncident() {
        Instant at = T.plusSeconds(7200);
        return new Incident(2, "Slow search", IncidentStatus.INVESTIGATING, Impact.MINOR, at, at, null, null, null,
                List.of(update(4, IncidentStatus.INVESTIGATING, "Searches take 5 s.", at,
                        new ComponentChange("db", AffectedStatus.OPERATIONAL, AffectedStatus.DEGRADED_PERFORMANCE))), 1);
    }

    static Maintenance maintenance(long id, String name, MaintenanceStatus status, Instant from, Duration length,
                                   String body) {
        Instant started = status == MaintenanceStatus.SCHEDULED ? null : from;
        Instant completed = status == MaintenanceStatus.COMPLETED ? from.plus(length) : null;
        Instant updated = completed != null ? completed : started != null ? started : T;
        return new Maintenance(id, name, status, from, from.plus(length), List.of("db"), T, updated, started, completed,
                List.of(update(id * 10, status, body, updated)), status.ordinal() + 1);
    }

    static List<Maintenance> maintenances() {
        return List.of(
                maintenance(12, "Database upgrade", MaintenanceStatus.SCHEDULED, Instant.parse("2026-03-12T22:00:00Z"),
                        Duration.ofHours(2), "Writes pause for a few minutes."),
                maintenance(11, "Network switch swap", MaintenanceStatus.IN_PROGRESS, Instant.parse("2026-03-10T11:30:00Z"),
                        Duration.ofHours(1), "Under way."),
                maintenance(10, "Certificate rotation", MaintenanceStatus.COMPLETED, Instant.parse("2026-03-09T08:00:00Z"),
                        Duration.ofMinutes(30), "Done."));
    }

    private byte[] body(String name) {
        return feeds.feed(name).orElseThrow().body();
    }

    @Test
    void the_incident_rss_feed_parses_with_each_incident_its_link_date_and_latest_update() {
        snapshot.set(snapshot(List.of(openIncident(), resolvedIncident()), List.of()));

        JsonNode rss = RealParsers.feedparser(body("incidents.rss"), "application/rss+xml; charset=utf-8");

        assertThat(rss.path("bozo").asInt()).as(rss.path("bozo_exception").asText()).isZero();
        assertThat(rss.path("version").asText()).isEqualTo("rss20");
        assertThat(rss.path("feed").path("title").asText()).isEqualTo("Example status incidents");
        assertThat(rss.path("feed").path("link").asText()).isEqualTo("https://status.example.com/");
        JsonNode entries = rss.path("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).path("title").asText()).isEqualTo("Slow search");
        JsonNode resolved = entries.get(1);
        assertThat(resolved.path("title").asText()).isEqualTo("Checkout errors");
        assertThat(resolved.path("link").asText()).as("the incident's page").isEqualTo("https://status.example.com/incidents/1");
        assertThat(resolved.path("id").asText()).as("the id first published, kept").isEqualTo("https://status.example.com/api/v1/incidents/1");
        assertThat(resolved.path("published").asText()).as("the latest update's time").isEqualTo("2026-03-10T12:30:00Z");
        assertThat(resolved.path("summary").asText()).contains("<strong>Resolved</strong> · 2026-03-10 12:30 UTC",
                "Disk cleaned, payments work again.", "Affected: Web Shop (operational)").doesNotContain("A full disk");
    }

    @Test
    void the_incident_atom_feed_parses_with_ids_links_both_dates_and_the_latest_update_as_html() {
        snapshot.set(snapshot(List.of(openIncident(), resolvedIncident()), List.of()));

        JsonNode atom = RealParsers.feedparser(body("incidents.atom"), "application/atom+xml; charset=utf-8");

        assertThat(atom.path("bozo").asInt()).as(atom.path("bozo_exception").asText()).isZero();
        assertThat(atom.path("version").asText()).isEqualTo("atom10");
        assertThat(atom.path("feed").path("updated").asText()).isEqualTo("2026-03-10T14:00:00Z");
        assertThat(atom.path("feed").path("links").toString()).contains("https://status.example.com/feeds/incidents.atom");
        JsonNode resolved = atom.path("entries").get(1);
        assertThat(resolved.path("id").asText()).isEqualTo("https://status.example.com/api/v1/incidents/1");
        assertThat(resolved.path("link").asText()).isEqualTo("https://status.example.com/incidents/1");
        assertThat(resolved.path("published").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(resolved.path("updated").asText()).isEqualTo("2026-03-10T12:30:00Z");
        assertThat(resolved.path("content").get(0).asText()).contains("<strong>Resolved</strong>",
                "<p>Disk cleaned, payments work again.</p>");
        assertThat(atom.path("entries").get(0).path("content").get(0).asText())
                .contains("<strong>Investigating</strong>", "Searches take 5 s.", "Affected: Database (degraded performance)");
    }

    @Test
    void the_maintenance_feeds_parse_with_the_window_and_the_latest_update() {
        snapshot.set(snapshot(List.of(), maintenances()));

        for (String name : List.of("maintenances.rss", "maintenances.atom")) {
            JsonNode feed = RealParsers.feedparser(body(name), feeds.feed(name).orElseThrow().contentType());
            assertThat(feed.path("bozo").asInt()).as(name + ": " + feed.path("bozo_exception").asText()).isZero();
            assertThat(feed.path("entries")).extracting(e -> e.path("title").asText())
                    .containsExactly("Database upgrade", "Network switch swap", "Certificate rotation");
            JsonNode upcoming = feed.path("entries").get(0);
            assertThat(upcoming.path("link").asText()).isEqualTo("https://status.example.com/maintenances/12");
            assertThat(upcoming.path("id").asText()).isEqualTo("https://status.example.com/api/v1/maintenances/12");
            assertThat(upcoming.path("summary").asText()).contains(
                    "<strong>Scheduled</strong> · 2026-03-12 22:00 UTC to 2026-03-13 00:00 UTC",
                    "Writes pause for a few minutes.", "Components: Database");
            assertThat(feed.path("entries").get(1).path("summary").asText()).contains("<strong>In progress</strong>");
        }
    }

    @Test
    void the_calendar_parses_with_one_event_per_maintenance_in_utc() {
        snapshot.set(snapshot(List.of(), maintenances()));

        JsonNode calendar = RealParsers.icalendar(body("maintenances.ics"));

        assertThat(calendar.path("errors")).as(calendar.path("errors").toString()).isEmpty();
        assertThat(calendar.path("version").asText()).isEqualTo("2.0");
        assertThat(calendar.path("events")).extracting(e -> e.path("uid").asText()).containsExactly(
                "maintenance-12@status.example.com", "maintenance-11@status.example.com",
                "maintenance-10@status.example.com");
        JsonNode upcoming = calendar.path("events").get(0);
        assertThat(upcoming.path("summary").asText()).isEqualTo("Database upgrade");
        assertThat(upcoming.path("dtstart").asText()).isEqualTo("2026-03-12T22:00:00+00:00");
        assertThat(upcoming.path("dtend").asText()).isEqualTo("2026-03-13T00:00:00+00:00");
        assertThat(upcoming.path("dtstamp").asText()).isEqualTo("2026-03-10T12:00:00+00:00");
        assertThat(upcoming.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(upcoming.path("url").asText()).as("the maintenance's page").isEqualTo("https://status.example.com/maintenances/12");
        assertThat(upcoming.path("description").asText())
                .isEqualTo("Status: scheduled.\n\nWrites pause for a few minutes.\n\nComponents: Database");
        JsonNode done = calendar.path("events").get(2);
        assertThat(done.path("description").asText()).startsWith(
                "Status: completed, started 2026-03-09 08:00 UTC, completed 2026-03-09 08:30 UTC.\n\nDone.");
        assertThat(done.path("sequence").asInt()).isEqualTo(3);
    }

    @Test
    void calendar_lines_are_folded_at_75_octets_without_splitting_a_character_and_read_back_exactly() {
        String name = "Maintenance; of the \"Zürich\", Genève and Łódź régions — ünïcödé \\ everywhere 🚧🚧🚧 "
                + "and a long tail that goes on and on, past any sensible line length".repeat(2);
        String text = "Line one, with a comma; and a semicolon.\r\nLine two\\ with a backslash.\nÉ".repeat(3);
        snapshot.set(snapshot(List.of(), List.of(maintenance(5, name, MaintenanceStatus.SCHEDULED,
                Instant.parse("2026-03-12T22:00:00Z"), Duration.ofHours(1), text))));

        byte[] ics = body("maintenances.ics");

        String raw = new String(ics, StandardCharsets.UTF_8);
        assertThat(raw).endsWith("END:VCALENDAR\r\n");
        assertThat(raw.replace("\r\n", "")).doesNotContain("\r", "\n");
        List<String> lines = new ArrayList<>(List.of(raw.split("\r\n")));
        assertThat(lines).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length)
                .as(line).isLessThanOrEqualTo(75));
        assertThat(lines).filteredOn(l -> l.startsWith(" ")).hasSizeGreaterThan(5);
        JsonNode event = RealParsers.icalendar(ics).path("events").get(0);
        assertThat(event.path("summary").asText()).isEqualTo(name);
        assertThat(event.path("description").asText())
                .isEqualTo("Status: scheduled.\n\n" + text.replace("\r\n", "\n").strip() + "\n\nComponents: Database");
    }

    @Test
    void hostile_text_stays_text_in_every_feed() {
        String name = "<script>alert(1)</script> ]]> & \"quotes\" \u0000\u001b\u0007 🚨 \uD800";
        String cleanName = "<script>alert(1)</script> ]]> & \"quotes\"  🚨 ";
        Instant at = T.plusSeconds(60);
        Incident evil = new Incident(7, name, IncidentStatus.INVESTIGATING, Impact.CRITICAL, at, at, null, null, null,
                List.of(update(9, IncidentStatus.INVESTIGATING, "<img src=x onerror=alert(1)> ]]> **bold** "
                        + "[x](javascript:alert(1)) \u0000", at,
                        new ComponentChange("<b>odd</b>", AffectedStatus.OPERATIONAL, AffectedStatus.MAJOR_OUTAGE))), 1);
        Maintenance evilWork = maintenance(3, name, MaintenanceStatus.SCHEDULED, Instant.parse("2026-03-12T22:00:00Z"),
                Duration.ofHours(1), "<script>x</script>");
        snapshot.set(snapshot(List.of(evil), List.of(evilWork)));

        for (String feed : List.of("incidents.rss", "incidents.atom", "maintenances.rss", "maintenances.atom")) {
            byte[] bytes = body(feed);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).as(feed).doesNotContain("<script>", "<img", "\u0000");
            JsonNode parsed = RealParsers.feedparser(bytes, null);
            assertThat(parsed.path("bozo").asInt()).as(feed + ": " + parsed.path("bozo_exception").asText()).isZero();
            JsonNode entry = parsed.path("entries").get(0);
            assertThat(entry.path("title").asText()).as(feed + ": as text, stripped").isEqualTo(cleanName.strip());
            String html = entry.path("summary").asText();
            assertThat(html).as(feed + ": markup from the update is text, links are defused")
                    .doesNotContain("<img", "<script", "javascript:");
        }
        String incidentHtml = RealParsers.feedparser(body("incidents.atom"), null).path("entries").get(0)
                .path("content").get(0).asText();
        assertThat(incidentHtml).contains("<strong>bold</strong>", "&lt;b&gt;odd&lt;/b&gt;");
        JsonNode calendar = RealParsers.icalendar(body("maintenances.ics"));
        assertThat(calendar.path("errors")).isEmpty();
        assertThat(calendar.path("events").get(0).path("summary").asText()).isEqualTo(cleanName);
    }

    @Test
    void empty_feeds_are_valid_and_dated_at_the_epoch() {
        for (String name : List.of("incidents.rss", "incidents.atom", "maintenances.rss", "maintenances.atom")) {
            JsonNode parsed = RealParsers.feedparser(body(name), null);
            assertThat(parsed.path("bozo").asInt()).as(name + ": " + parsed.path("bozo_exception").asText()).isZero();
            assertThat(parsed.path("entries")).isEmpty();
            assertThat(feeds.feed(name).orElseThrow().lastModified()).isEqualTo(Instant.EPOCH);
        }
        JsonNode calendar = RealParsers.icalendar(body("maintenances.ics"));
        assertThat(calendar.path("errors")).isEmpty();
        assertThat(calendar.path("events")).isEmpty();
        assertThat(feeds.feed("nope.rss")).isEmpty();
    }

    @Test
    void renders_again_only_when_the_incidents_or_maintenances_in_the_snapshot_change() {
        snapshot.set(snapshot(List.of(resolvedIncident()), maintenances()));
        Feeds.Feed rss = feeds.feed("incidents.rss").orElseThrow();
        Feeds.Feed ics = feeds.feed("maintenances.ics").orElseThrow();

        snapshot.set(snapshot(List.of(resolvedIncident()), maintenances())); // rebuilt for monitor states: equal events
        assertThat(feeds.feed("incidents.rss").orElseThrow()).isSameAs(rss);
        assertThat(feeds.feed("maintenances.ics").orElseThrow()).isSameAs(ics);

        snapshot.set(snapshot(List.of(openIncident(), resolvedIncident()), maintenances()));
        Feeds.Feed changed = feeds.feed("incidents.rss").orElseThrow();
        assertThat(changed.etag()).isNotEqualTo(rss.etag());
        assertThat(changed.lastModified()).isEqualTo(openIncident().updatedAt());
        assertThat(feeds.feed("maintenances.ics").orElseThrow()).as("maintenances unchanged").isSameAs(ics);
        assertThat(ics.lastModified()).as("the newest maintenance change").isEqualTo(T);
    }

    @Test
    void the_same_events_give_the_same_bytes_and_etag() {
        snapshot.set(snapshot(List.of(resolvedIncident()), maintenances()));
        Feeds.Feed first = feeds.feed("incidents.atom").orElseThrow();

        Feeds other = new Feeds(snapshot::get, PAGE);
        Feeds.Feed second = other.feed("incidents.atom").orElseThrow();

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.etag()).isEqualTo(first.etag()).matches("\"[0-9a-f]{24}\"");
        assertThat(first.contentType()).isEqualTo("application/atom+xml; charset=utf-8");
        assertThat(feeds.feed("incidents.rss").orElseThrow().contentType()).isEqualTo("application/rss+xml; charset=utf-8");
        assertThat(feeds.feed("maintenances.ics").orElseThrow().contentType()).isEqualTo("text/calendar; charset=utf-8");
    }
}
