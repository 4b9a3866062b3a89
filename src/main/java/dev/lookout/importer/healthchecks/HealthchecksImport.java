package dev.lookout.importer.healthchecks;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.condition.Durations;
import dev.lookout.importer.Draft;
import dev.lookout.importer.ImportException;
import dev.lookout.importer.Imported;
import dev.lookout.importer.Node;
import dev.lookout.importer.Routes;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lookout import healthchecks --url URL --api-key KEY}: a Healthchecks project, read through
 * its Management API v3, to heartbeat monitors that keep every check's UUID and slug, so that
 * the jobs' ping URLs keep working once their host points at Lookout.
 */
public final class HealthchecksImport {
    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private HealthchecksImport() {
    }

    /** @param siteRoot Healthchecks' SITE_ROOT: https://healthchecks.io, or a self-hosted one's */
    public static Imported fetch(URI siteRoot, String apiKey) throws ImportException {
        HealthchecksApi api = new HealthchecksApi(siteRoot, apiKey);
        JsonNode checks = api.checks();
        for (JsonNode check : checks) {
            if (!check.hasNonNull("uuid")) {
                throw new ImportException(siteRoot + ": this is a read-only API key; it does not reveal the checks' ping URLs (their"
                        + " UUIDs) or their integrations: give the project's read-write API key");
            }
        }
        Draft draft = new Draft();
        Map<String, String> channels = new HealthchecksChannels(draft).translate(api.channels());
        Set<String> slugs = new HashSet<>();
        String pingEndpoint = null;
        for (JsonNode check : checks) {
            translate(draft, check, channels, slugs);
            String url = check.path("ping_url").asText("");
            String uuid = check.path("uuid").asText();
            if (pingEndpoint == null && url.endsWith(uuid)) {
                pingEndpoint = url.substring(0, url.length() - uuid.length());
            }
        }
        if (!slugs.isEmpty()) {
            draft.pingKey(draft.reference("HC_PING_KEY", "imported-ping-key-0000", "the project's ping key (Healthchecks: Project"
                    + " Settings, Ping key), for the slug URLs"));
        }
        if (pingEndpoint != null) {
            draft.note(pingEndpoint.endsWith("/ping/")
                    ? "ping URLs keep their UUIDs and slugs: serve " + pingEndpoint + " with Lookout (its /ping/ has the same form) and"
                    + " they work unchanged"
                    : "ping URLs keep their UUIDs and slugs: change the base " + pingEndpoint + " to https://LOOKOUT/ping/ in the jobs"
                    + " (or map it there in a reverse proxy)");
        }
        return draft.finish(List.of("Imported by `lookout import healthchecks` from " + siteRoot + " (Management API v3)."));
    }

    private static void translate(Draft draft, JsonNode check, Map<String, String> channels, Set<String> slugs) {
        String name = check.path("name").asText("");
        String uuid = check.path("uuid").asText();
        String slug = check.path("slug").asText("");
        String what = "check '" + (name.isBlank() ? uuid : name) + "'";
        Node schedule = schedule(draft, check, what);
        if (schedule == null) {
            return;
        }
        String id = draft.newMonitorId(slug.isBlank() ? name : slug, "check-" + uuid.substring(0, Math.min(8, uuid.length())));
        if (!slug.isBlank() && !slug.matches("[a-z0-9_-]{1,100}")) {
            draft.notCarried(what + ": slug '" + slug + "' not carried over: Lookout's slugs are 1 to 100 of a-z, 0-9, '-', '_'");
            slug = "";
        } else if (!slug.isBlank() && !slugs.add(slug)) {
            draft.notCarried(what + ": slug '" + slug + "' not carried over: another check has it (Healthchecks answered its slug"
                    + " URL with 409 too); its UUID URL works");
            slug = "";
        }
        List<String> tags = new ArrayList<>();
        for (String tag : check.path("tags").asText("").split("\\s+")) {
            if (tag.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
                tags.add(tag);
            } else if (!tag.isBlank()) {
                draft.notCarried(what + ": tag '" + tag + "' not carried over: Lookout's tags are letters, digits, '_', '.', '-'");
            }
        }
        Node monitor = new Node().put("description", check.path("desc").asText("").isBlank() ? null : check.path("desc").asText())
                .put("type", "heartbeat").put("uuid", uuid).put("slug", slug.isBlank() ? null : slug).put("schedule", schedule)
                .put("tags", tags);
        if (check.path("status").asText().equals("paused")) {
            monitor.put("paused", true);
        }
        draft.addMonitor(id, name.isBlank() ? null : name, monitor);
        for (String channel : check.path("channels").asText("").split(",")) {
            String channelId = channels.get(channel.trim());
            if (channelId != null) {
                draft.routes().add(Routes.Selector.MONITORS, id, channelId, null, List.of());
            }
        }
        report(draft, check, what);
    }

    /** {@code every} (simple checks, "period") or {@code cron} with its time zone, and the grace time. */
    private static Node schedule(Draft draft, JsonNode check, String what) {
        Duration grace = Duration.ofSeconds(check.path("grace").asLong(3600));
        Node schedule = new Node();
        if (check.has("timeout")) {
            schedule.put("every", Durations.format(Duration.ofSeconds(Math.max(1, check.path("timeout").asLong()))));
        } else {
            String cron = check.path("schedule").asText("").trim().replaceAll("\\s+", " ");
            String zone = check.path("tz").asText("UTC");
            try {
                UNIX_CRON.parse(cron).validate();
                ZoneId.of(zone);
            } catch (IllegalArgumentException | DateTimeException e) {
                draft.notCarried(what + ": not imported: its schedule '" + cron + "' (" + zone + ") is not a five-field cron expression"
                        + " Lookout reads (an OnCalendar schedule, perhaps); its ping URL answers 404 until it is added by hand");
                return null;
            }
            schedule.put("cron", cron).put("timezone", zone.equals("UTC") ? null : zone);
        }
        return schedule.put("grace", Durations.format(grace));
    }

    /** Settings a Lookout heartbeat has no place for. */
    private static void report(Draft draft, JsonNode check, String what) {
        if (check.path("manual_resume").asBoolean()) {
            draft.notCarried(what + ": manual resume not carried over: a Lookout heartbeat recovers with the next success ping");
        }
        String methods = check.path("methods").asText("");
        if (!methods.isBlank()) {
            draft.notCarried(what + ": only " + methods + " pings counted in Healthchecks; Lookout counts GET, HEAD and POST");
        }
        if (check.path("filter_http_body").asBoolean() || check.path("filter_default_fail").asBoolean()) {
            draft.notCarried(what + ": classifying ping bodies by keywords (" + keywords(check) + ") not carried over: a Lookout"
                    + " success ping can be judged by conditions such as body contains \"...\"");
        }
        if (check.path("filter_subject").asBoolean() || check.path("filter_body").asBoolean()) {
            draft.notCarried(what + ": email pings not carried over: Lookout receives pings over HTTP only");
        }
    }

    private static String keywords(JsonNode check) {
        List<String> words = new ArrayList<>();
        for (String key : List.of("start_kw", "success_kw", "failure_kw")) {
            String value = check.path(key).asText("");
            if (!value.isBlank()) {
                words.add(key + " " + value);
            }
        }
        return words.isEmpty() ? "fail unless a keyword matches" : String.join(", ", words);
    }
}
