package dev.lookout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The human-readable summaries of the {@code incident} and {@code maintenance} commands, read
 * from the API's JSON (the same fields {@code --json} prints). Times stay in ISO-8601 UTC as the
 * API gives them: unambiguous, and what {@code --starts}/{@code --ends} accept back.
 */
final class IncidentText {
    private IncidentText() {
    }

    static void incident(String verb, JsonNode incident, PrintWriter out) {
        incidentHeader(verb + " incident", incident, out);
        latest(incident.path("updates").path(0), out);
    }

    static void incidentInFull(JsonNode incident, PrintWriter out) {
        incidentHeader("Incident", incident, out);
        updates(incident.path("updates"), out);
        JsonNode postmortem = incident.path("postmortem");
        if (postmortem.isObject()) {
            out.printf("Postmortem (published %s):%n", incident.path("postmortem_published_at").asText());
            indented(postmortem.path("body").asText(), "  ", out);
        }
    }

    static void incidentList(JsonNode incidents, PrintWriter out) {
        if (incidents.isEmpty()) {
            out.println("No incidents.");
            return;
        }
        table(incidents, List.of("ID", "STATUS", "IMPACT", "CREATED", "RESOLVED", "TITLE"), List.of(
                i -> i.path("id").asText(), i -> i.path("status").asText(), i -> i.path("impact").asText(),
                i -> i.path("created_at").asText(), i -> text(i.path("resolved_at")), i -> i.path("name").asText()), out);
    }

    static void maintenance(String verb, JsonNode maintenance, PrintWriter out) {
        maintenanceHeader(verb + " maintenance", maintenance, out);
        latest(maintenance.path("updates").path(0), out);
    }

    static void maintenanceInFull(JsonNode maintenance, PrintWriter out) {
        maintenanceHeader("Maintenance", maintenance, out);
        updates(maintenance.path("updates"), out);
    }

    static void maintenanceList(JsonNode maintenances, PrintWriter out) {
        if (maintenances.isEmpty()) {
            out.println("No maintenances.");
            return;
        }
        table(maintenances, List.of("ID", "STATUS", "STARTS", "ENDS", "TITLE"), List.of(
                m -> m.path("id").asText(), m -> m.path("status").asText(), m -> m.path("scheduled_for").asText(),
                m -> m.path("scheduled_until").asText(), m -> m.path("name").asText()), out);
    }

    /** A value for a query parameter. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void incidentHeader(String what, JsonNode i, PrintWriter out) {
        out.printf("%s %s: %s%n", what, i.path("id").asText(), i.path("name").asText());
        field("status:", i.path("status").asText(), out);
        field("impact:", i.path("impact").asText(), out);
        List<String> components = new ArrayList<>();
        i.path("components").properties().forEach(e -> components.add(e.getKey() + " " + e.getValue().asText()));
        field("components:", components.isEmpty() ? "-" : String.join(", ", components), out);
        field("created:", i.path("created_at").asText(), out);
        field("updated:", i.path("updated_at").asText(), out);
        if (!i.path("resolved_at").isNull()) {
            field("resolved:", i.path("resolved_at").asText(), out);
        }
    }

    private static void maintenanceHeader(String what, JsonNode m, PrintWriter out) {
        out.printf("%s %s: %s%n", what, m.path("id").asText(), m.path("name").asText());
        field("status:", m.path("status").asText(), out);
        field("window:", m.path("scheduled_for").asText() + " to " + m.path("scheduled_until").asText(), out);
        List<String> components = new ArrayList<>();
        m.path("components").forEach(c -> components.add(c.asText()));
        field("components:", components.isEmpty() ? "-" : String.join(", ", components), out);
        if (!m.path("started_at").isNull()) {
            field("started:", m.path("started_at").asText(), out);
        }
        if (!m.path("completed_at").isNull()) {
            field("completed:", m.path("completed_at").asText(), out);
        }
    }

    /** Every update, newest first as the API lists them. */
    private static void updates(JsonNode updates, PrintWriter out) {
        out.printf("Updates (%d, newest first):%n", updates.size());
        for (JsonNode u : updates) {
            out.printf("  %s  %s%n", u.path("created_at").asText(), u.path("status").asText());
            body(u, "    ", out);
        }
    }

    private static void latest(JsonNode u, PrintWriter out) {
        if (!u.isMissingNode()) {
            field("latest:", u.path("created_at").asText() + "  " + u.path("status").asText(), out);
            body(u, " ".repeat(15), out);
        }
    }

    /** An update's text as written, and the component statuses it changed. */
    private static void body(JsonNode u, String indent, PrintWriter out) {
        indented(u.path("body").asText(), indent, out);
        List<String> changes = new ArrayList<>();
        u.path("components").forEach(c -> changes.add(c.path("id").asText() + " " + c.path("old_status").asText() + " -> "
                + c.path("new_status").asText()));
        if (!changes.isEmpty()) {
            out.println(indent + "(" + String.join(", ", changes) + ")");
        }
    }

    private static void field(String label, String value, PrintWriter out) {
        out.printf("  %-12s %s%n", label, value);
    }

    private static void indented(String text, String indent, PrintWriter out) {
        text.strip().lines().forEach(line -> out.println(line.isBlank() ? "" : indent + line));
    }

    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "-" : value.asText();
    }

    private static void table(JsonNode rows, List<String> headings, List<Function<JsonNode, String>> columns, PrintWriter out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(headings);
        rows.forEach(row -> cells.add(columns.stream().map(c -> c.apply(row)).toList()));
        int[] widths = new int[headings.size()];
        cells.forEach(line -> {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        });
        for (List<String> line : cells) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                text.append(c == widths.length - 1 ? line.get(c) : String.format("%-" + widths[c] + "s  ", line.get(c)));
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
