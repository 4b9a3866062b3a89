package dev.lookout.importer.gatus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lookout.condition.Durations;
import dev.lookout.importer.Draft;
import dev.lookout.importer.Node;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gatus maintenance ({@code start: "23:00"}, {@code duration: 1h}, {@code every: [Monday]},
 * {@code timezone}) to a recurring Lookout window: a cron expression that fires at the start on
 * those days (every day without {@code every}).
 */
final class GatusMaintenance {
    private GatusMaintenance() {
    }

    static void translate(Draft draft, JsonNode node, List<String> monitors, String what) {
        GatusConfig window = new GatusConfig(node);
        if (Boolean.FALSE.equals(window.flag("enabled"))) {
            draft.notCarried(what + ": not imported: it is disabled in Gatus");
            return;
        }
        String start = window.text("start");
        Duration duration = GoDuration.parse(window.text("duration"));
        if (start == null || !start.matches("\\d{1,2}:\\d{2}") || duration == null) {
            draft.notCarried(what + ": not imported: it needs start (hh:mm) and duration");
            return;
        }
        if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(Duration.ofDays(7)) > 0) {
            draft.notCarried(what + ": not imported: its duration " + window.text("duration") + " is outside Lookout's 1m..7d");
            return;
        }
        List<String> days = new ArrayList<>();
        for (JsonNode day : window.node("every")) {
            String name = day.asText().trim();
            if (name.length() < 3) {
                draft.notCarried(what + ": not imported: '" + name + "' is not a weekday");
                return;
            }
            days.add(name.substring(0, 3).toUpperCase(Locale.ROOT));
        }
        String zone = window.text("timezone") == null ? "UTC" : window.text("timezone");
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            draft.notCarried(what + ": not imported: '" + zone + "' is not a time zone");
            return;
        }
        String[] hm = start.split(":");
        String cron = Integer.parseInt(hm[1]) + " " + Integer.parseInt(hm[0]) + " * * " + (days.isEmpty() ? "*" : String.join(",", days));
        draft.addMaintenance(what.startsWith("endpoint") ? what.replaceFirst("^endpoint '([^']*)'.*", "$1 maintenance") : "maintenance",
                new Node().put("monitors", monitors).put("cron", cron).put("timezone", zone).put("duration", Durations.format(duration)));
    }
}
