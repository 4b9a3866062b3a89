package dev.lookout.status;

import dev.lookout.config.PageConfig;
import dev.lookout.incident.Incident;
import dev.lookout.incident.Maintenance;
import java.net.URI;
import java.util.Optional;

/**
 * One public status page as configured under {@code pages:}: its view of the read model's
 * snapshot and history (only its components, and the incidents and maintenances that touch them,
 * with months in its time zone), its text in its language, and its {@code /api/v2} documents and
 * feeds. Each view is made once per snapshot or history the read model hands out and is the same
 * object until then, so that whatever is rendered from it can be kept by identity.
 */
public final class Page {
    private record View<T>(T source, T view) {
    }

    private final PageConfig config;
    private final StatusReadModel model;
    private final PageText text;
    private final ComponentScope scope;
    private final StatuspagePage api;
    private final StatuspageDocuments documents;
    private final Feeds feeds;
    private volatile View<StatusSnapshot> snapshot;
    private volatile View<IncidentHistory> history;

    /** @param publicUrl {@code server.public_url}: the page's address unless it has a host of its own */
    Page(PageConfig config, String publicUrl, StatusReadModel model) {
        this.config = config;
        this.model = model;
        this.text = PageText.of(config.locale(), config.timezone());
        this.scope = config.filtered() ? new ComponentScope(config.components()) : null;
        String root = config.host() == null ? publicUrl : scheme(publicUrl) + "://" + config.host();
        this.api = new StatuspagePage(config.id(), config.title(), root + config.path(), config.timezone().getId(), root);
        this.documents = new StatuspageDocuments(this::snapshot, api);
        this.feeds = new Feeds(this::snapshot, api);
    }

    private static String scheme(String url) {
        String scheme = URI.create(url).getScheme();
        return scheme == null ? "https" : scheme;
    }

    public String id() {
        return config.id();
    }

    public PageConfig config() {
        return config;
    }

    public String title() {
        return config.title();
    }

    public String description() {
        return config.description();
    }

    public PageText text() {
        return text;
    }

    /** What links on the page start with: its path prefix, or {@code ""} for a page at the root of its address. */
    public String base() {
        return config.path();
    }

    /** The logo's address for an {@code <img src>}, or null without a logo. */
    public String logoUrl() {
        if (config.logo() == null) {
            return null;
        }
        return config.logo().url() != null ? config.logo().url() : "/pages/" + config.id() + "/logo";
    }

    /** The page object of its {@code /api/v2} documents. */
    public StatuspagePage api() {
        return api;
    }

    public StatuspageDocuments documents() {
        return documents;
    }

    public Feeds feeds() {
        return feeds;
    }

    /** The read model's snapshot as this page shows it; the same object until the read model's changes. */
    public StatusSnapshot snapshot() {
        StatusSnapshot source = model.snapshot();
        if (scope == null) {
            return source;
        }
        View<StatusSnapshot> v = snapshot;
        if (v == null || v.source() != source) {
            v = new View<>(source, scope.snapshot(source)); // racing callers may both build it, with equal results
            snapshot = v;
        }
        return v.view();
    }

    /** The incident history as this page shows it, by months in its time zone. */
    public IncidentHistory history() {
        IncidentHistory source = model.history();
        View<IncidentHistory> v = history;
        if (v == null || v.source() != source) {
            // The read model's history has already left out an incomplete oldest month: only the grouping changes here.
            v = new View<>(source, scope == null
                    ? new IncidentHistory(source.incidents(), source.maintenances(), source.truncated(), source.generatedAt(),
                            config.timezone())
                    : scope.history(source, config.timezone()));
            history = v;
        }
        return v.view();
    }

    /** An incident this page shows: from the snapshot when among the recent ones (fresher), else from the history. */
    public Optional<Incident> incident(long id) {
        return snapshot().recentIncidents().stream().filter(i -> i.id() == id).findFirst()
                .or(() -> history().incident(id));
    }

    /** A maintenance this page shows: from the snapshot when unfinished or recent, else from the history. */
    public Optional<Maintenance> maintenance(long id) {
        return snapshot().maintenances().stream().filter(m -> m.id() == id).findFirst()
                .or(() -> history().maintenance(id));
    }
}
