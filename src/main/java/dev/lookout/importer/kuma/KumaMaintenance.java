package dev.lookout.importer.kuma;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.lookout.condition.Durations;
import dev.lookout.importer.Draft;
import dev.lookout.importer.Node;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kuma maintenance to Lookout's {@code maintenance:} windows: a single window as
 * {@code from}/{@code until}; a recurring one (by weekday, day of month, daily, or cron) as the
 * {@code cron} and {@code duration} Kuma computed for it. Manual maintenance (switched on by
 * hand) has no configured form and is reported.
 */
final class KumaMaintenance {
    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final Draft draft;
    private final KumaLayout layout;
    private final Map<Long, String> monitorIds;
    private final Map<Long, String> pageSlugs;

    KumaMaintenance(Draft draft, KumaLayout layout, Map<Long, String> monitorIds, Map<Long, String> pageSlugs) {
        this.draft = draft;
        this.layout = layout;
        this.monitorIds = monitorIds;
        this.pageSlugs = pageSlugs;
    }

    void translate(List<KumaData.Maintenance> maintenances) {
        for (KumaData.Maintenance maintenance : maintenances) {
            KumaRow row = maintenance.row();
            String what = "maintenance '" + row.name() + "'";
            if (row.has("active") && !row.flag("active")) {
                draft.notCarried(what + ": not imported: it is paused in Kuma");
                continue;
            }
            Set<String> monitors = new LinkedHashSet<>();
            Set<String> components = new LinkedHashSet<>();
            for (long id : maintenance.monitorIds()) {
                KumaRow monitor = layout.monitor(id);
                if (monitor != null && KumaLayout.isGroup(monitor) && layout.componentOf(id) != null) {
                    components.add(layout.componentOf(id));
                } else if (monitorIds.containsKey(id)) {
                    monitors.add(monitorIds.get(id));
                }
            }
            if (monitors.isEmpty() && components.isEmpty()) {
                draft.notCarried(what + ": not imported: none of the monitors it covers was imported");
                continue;
            }
            Node window = window(row, what);
            if (window == null) {
                continue;
            }
            draft.addMaintenance(row.name(), new Node().put("monitors", List.copyOf(monitors)).put("components", List.copyOf(components))
                    .putAll(window));
            if (row.text("description") != null) {
                draft.notCarried(what + ": its description not carried over: a Lookout maintenance window has a name only");
            }
            List<String> pages = maintenance.statusPageIds().stream().map(id -> pageSlugs.getOrDefault(id, "#" + id)).toList();
            if (!pages.isEmpty()) {
                draft.notCarried(what + ": not announced on status page " + String.join(", ", pages) + ": a configured window holds"
                        + " alerts and marks its monitors under maintenance; announce it with `lookout maintenance`");
            }
        }
    }

    private Node window(KumaRow row, String what) {
        String strategy = row.text("strategy") == null ? "single" : row.text("strategy");
        ZoneId zone = zone(row, what);
        return switch (strategy) {
            case "manual" -> {
                draft.notCarried(what + ": not imported: it is switched on by hand in Kuma; use `lookout maintenance` for that");
                yield null;
            }
            case "single" -> single(row, zone, what);
            case "recurring-interval", "recurring-weekday", "recurring-day-of-month", "cron" -> recurring(row, strategy, zone, what);
            default -> {
                draft.notCarried(what + ": not imported: Kuma strategy '" + strategy + "' is unknown to the importer");
                yield null;
            }
        };
    }

    private Node single(KumaRow row, ZoneId zone, String what) {
        LocalDateTime from = dateTime(row.text("start_date"));
        LocalDateTime until = dateTime(row.text("end_date"));
        if (from == null || until == null || !until.isAfter(from)) {
            draft.notCarried(what + ": not imported: it has no start and end dates");
            return null;
        }
        return new Node().put("from", iso(from, zone)).put("until", iso(until, zone));
    }

    private Node recurring(KumaRow row, String strategy, ZoneId zone, String what) {
        if (strategy.equals("recurring-interval") && row.number("interval_day", 1) > 1) {
            draft.notCarried(what + ": not imported: every " + row.number("interval_day", 1)
                    + " days cannot be said in cron; add it with an explicit cron expression");
            return null;
        }
        String cron = row.text("cron") == null ? null : row.text("cron").trim().replaceAll("\\s+", " ");
        long seconds = row.number("duration", 0);
        if (cron == null || seconds <= 0) {
            draft.notCarried(what + ": not imported: Kuma stored no schedule for it (cron and duration are empty)");
            return null;
        }
        try {
            UNIX_CRON.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            draft.notCarried(what + ": not imported: its schedule '" + cron + "' is not a five-field Unix cron expression ("
                    + e.getMessage() + ")");
            return null;
        }
        Duration duration = Duration.ofSeconds(seconds);
        if (duration.compareTo(Duration.ofDays(7)) > 0 || duration.compareTo(Duration.ofMinutes(1)) < 0) {
            draft.notCarried(what + ": not imported: its duration " + Durations.format(duration) + " is outside Lookout's 1m..7d");
            return null;
        }
        if (row.text("end_date") != null || row.text("start_date") != null) {
            draft.notCarried(what + ": its date range (" + dateText(row.text("start_date")) + " to " + dateText(row.text("end_date"))
                    + ") not carried over: a recurring Lookout window repeats without end");
        }
        return new Node().put("cron", cron).put("timezone", zone.getId().equals("Z") ? "UTC" : zone.getId())
                .put("duration", Durations.format(duration));
    }

    private ZoneId zone(KumaRow row, String what) {
        String text = row.text("timezone");
        if (text == null || text.equals("SAME_AS_SERVER")) {
            draft.notCarried(what + ": its time zone was the Kuma server's; UTC is used, set maintenance[].timezone if that differs");
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            draft.notCarried(what + ": time zone '" + text + "' is unknown; UTC is used");
            return ZoneOffset.UTC;
        }
    }

    /** Kuma writes "2026-01-01T00:00", "2026-01-01 00:00:00" or with seconds and a fraction, all local time. */
    private static LocalDateTime dateTime(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().replace(' ', 'T');
        try {
            return LocalDateTime.parse(t.length() > 19 ? t.substring(0, 19) : t);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String dateText(String text) {
        return text == null ? "open" : text.trim();
    }

    private static String iso(LocalDateTime local, ZoneId zone) {
        return local.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
