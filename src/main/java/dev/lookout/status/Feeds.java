package dev.lookout.status;

import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import dev.lookout.incident.Update;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The public feeds of the status page: incidents and maintenances as RSS 2.0 and Atom, and
 * maintenances as an iCalendar document. All are rendered from the {@link StatusSnapshot} (the
 * newest incidents and the unfinished and recent maintenances), never by a query per request, and
 * kept as bytes with their ETag until the incidents, the maintenances or the component names in
 * a new snapshot differ from those they were rendered from: a snapshot rebuilt for monitor
 * states alone costs a comparison, not a rendering.
 */
public final class Feeds {
    /** The file names under {@code /feeds/}, as served. */
    public static final List<String> NAMES = List.of("incidents.rss", "incidents.atom", "maintenances.rss",
            "maintenances.atom", "maintenances.ics");

    private static final String RSS = "application/rss+xml; charset=utf-8";
    private static final String ATOM = "application/atom+xml; charset=utf-8";
    private static final String ICS = "text/calendar; charset=utf-8";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * One rendered feed.
     *
     * @param etag         a strong validator: a hash of the bytes
     * @param lastModified the newest change of what the feed shows (the epoch for an empty feed)
     */
    public record Feed(byte[] body, String contentType, String etag, Instant lastModified) {
    }

    /** What one family of feeds was rendered from, to tell whether a new snapshot changes it. */
    private record Source(List<?> events, Map<String, String> componentNames) {
    }

    private record Rendered(StatusSnapshot snapshot, Source incidents, Source maintenances, Map<String, Feed> feeds) {
    }

    private final Supplier<StatusSnapshot> snapshots;
    private final StatuspagePage page;
    private final String base;
    /**
     * What the items' ids start with: the page's address without its path prefix. The ids are
     * the {@code /api/v1} addresses the first versions linked to, kept so that readers do not
     * see every item again; the links go to the HTML pages under {@link #base}.
     */
    private final String root;
    private volatile Rendered rendered;

    /** @param snapshots the status read model's snapshot (cached there) */
    public Feeds(Supplier<StatusSnapshot> snapshots, StatuspagePage page) {
        this.snapshots = snapshots;
        this.page = page;
        this.base = page.url().replaceAll("/+$", "");
        this.root = page.root().replaceAll("/+$", "");
    }

    /** The feed with that file name (one of {@link #NAMES}), or empty for another name. */
    public Optional<Feed> feed(String name) {
        StatusSnapshot snapshot = snapshots.get();
        Rendered r = rendered;
        if (r == null || r.snapshot() != snapshot) {
            r = refresh(r, snapshot);
            rendered = r;
        }
        return Optional.ofNullable(r.feeds().get(name));
    }

    /** Re-renders only the family whose source changed; concurrent callers may both render, with equal results. */
    private Rendered refresh(Rendered previous, StatusSnapshot s) {
        Map<String, String> names = new LinkedHashMap<>();
        s.components().forEach(c -> names.put(c.id(), c.name()));
        Source incidents = new Source(s.recentIncidents(), names);
        Source maintenances = new Source(s.maintenances(), names);
        Map<String, Feed> feeds = new LinkedHashMap<>();
        if (previous != null && previous.incidents().equals(incidents)) {
            feeds.put("incidents.rss", previous.feeds().get("incidents.rss"));
            feeds.put("incidents.atom", previous.feeds().get("incidents.atom"));
        } else {
            renderIncidents(s.recentIncidents(), names, feeds);
        }
        if (previous != null && previous.maintenances().equals(maintenances)) {
            feeds.put("maintenances.rss", previous.feeds().get("maintenances.rss"));
            feeds.put("maintenances.atom", previous.feeds().get("maintenances.atom"));
            feeds.put("maintenances.ics", previous.feeds().get("maintenances.ics"));
        } else {
            renderMaintenances(s.maintenances(), names, feeds);
        }
        return new Rendered(s, incidents, maintenances, Map.copyOf(feeds));
    }

    private void renderIncidents(List<Incident> incidents, Map<String, String> names, Map<String, Feed> out) {
        List<FeedItem> items = incidents.stream().map(i -> new FeedItem(root + "/api/v1/incidents/" + i.id(),
                base + "/incidents/" + i.id(), i.name(), i.createdAt(), i.updatedAt(), incidentHtml(i, names))).toList();
        Instant modified = SyndicationWriter.updated(items);
        String description = "Incidents reported on " + page.name();
        out.put("incidents.rss", feed(SyndicationWriter.rss(channel(page.name() + " incidents", description,
                "incidents.rss"), items), RSS, modified));
        out.put("incidents.atom", feed(SyndicationWriter.atom(channel(page.name() + " incidents", description,
                "incidents.atom"), items), ATOM, modified));
    }

    private void renderMaintenances(List<Maintenance> maintenances, Map<String, String> names, Map<String, Feed> out) {
        List<FeedItem> items = maintenances.stream().map(m -> new FeedItem(root + "/api/v1/maintenances/" + m.id(),
                maintenanceUrl(m.id()), m.name(), m.createdAt(), m.updatedAt(), maintenanceHtml(m, names))).toList();
        Instant modified = SyndicationWriter.updated(items);
        String description = "Scheduled maintenance announced on " + page.name();
        out.put("maintenances.rss", feed(SyndicationWriter.rss(channel(page.name() + " maintenance", description,
                "maintenances.rss"), items), RSS, modified));
        out.put("maintenances.atom", feed(SyndicationWriter.atom(channel(page.name() + " maintenance", description,
                "maintenances.atom"), items), ATOM, modified));
        out.put("maintenances.ics", feed(MaintenanceCalendar.render(page.name() + " maintenance", uidDomain(),
                maintenances, names, this::maintenanceUrl), ICS, MaintenanceCalendar.lastModified(maintenances)));
    }

    private SyndicationWriter.Channel channel(String title, String description, String file) {
        return new SyndicationWriter.Channel(title, description, base + "/feeds/" + file, base + "/", page.name());
    }

    /** The maintenance's HTML page, for people: the feed items' link and the calendar event's URL. */
    private String maintenanceUrl(long id) {
        return base + "/maintenances/" + id;
    }

    private String uidDomain() {
        try {
            String host = URI.create(root).getHost();
            return host == null ? "lookout" : host;
        } catch (IllegalArgumentException e) {
            return "lookout";
        }
    }

    /** The status and time of the latest update, its text (sanitised HTML) and the components it names. */
    private static String incidentHtml(Incident i, Map<String, String> names) {
        Update latest = i.latest();
        StringBuilder html = new StringBuilder();
        html.append("<p><strong>").append(escape(label(i.status().code()))).append("</strong> · ")
                .append(SHOWN.format(latest.createdAt())).append("</p>\n");
        html.append(latest.body().html());
        if (!i.components().isEmpty()) {
            html.append("<p>Affected: ").append(i.components().entrySet().stream()
                    .map(e -> escape(names.getOrDefault(e.getKey(), e.getKey())) + " (" + escape(e.getValue().code().replace('_', ' ')) + ")")
                    .collect(Collectors.joining(", "))).append("</p>\n");
        }
        return html.toString();
    }

    private static String maintenanceHtml(Maintenance m, Map<String, String> names) {
        StringBuilder html = new StringBuilder();
        html.append("<p><strong>").append(escape(label(m.status().code()))).append("</strong> · ")
                .append(SHOWN.format(m.scheduledFor())).append(" to ").append(SHOWN.format(m.scheduledUntil()))
                .append("</p>\n");
        html.append(m.latest().body().html());
        if (!m.componentIds().isEmpty()) {
            html.append("<p>Components: ").append(m.componentIds().stream().map(id -> escape(names.getOrDefault(id, id)))
                    .collect(Collectors.joining(", "))).append("</p>\n");
        }
        return html.toString();
    }

    /** "In progress" from "in_progress". */
    private static String label(String code) {
        String words = code.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** For the few plain texts (component names) put into the HTML we build. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static Feed feed(byte[] body, String contentType, Instant lastModified) {
        return new Feed(body, contentType, etag(body), lastModified);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
