package dev.lookout.importer.gatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lookout.importer.Draft;
import dev.lookout.importer.ImportException;
import dev.lookout.importer.Imported;
import dev.lookout.importer.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code lookout import gatus config.yaml}: a Gatus configuration to a Lookout one. Endpoints
 * become monitors with a component each (under their group's heading), alerting providers
 * channels, alerts routes and thresholds, maintenance recurring windows, {@code ui} the page's
 * title. What Gatus does that Lookout does not is reported line by line.
 */
public final class GatusImport {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Top-level keys with no counterpart in Lookout's configuration, and what to do instead. */
    private static final Map<String, String> ELSEWHERE = Map.of(
            "storage", "Lookout keeps its own database (storage.url); Gatus' history is not carried over",
            "security", "Lookout's pages are public and its admin API takes server.admin_token",
            "web", "set server.listen",
            "announcements", "post them as incidents with `lookout incident` or the API",
            "remote", "Lookout has no remote instances; run several nodes on one PostgreSQL instead",
            "tunneling", "Lookout's checks connect directly",
            "connectivity", "Lookout's mass-failure guard tells a failure of its own network from the targets'");

    private GatusImport() {
    }

    public static Imported read(Path file) throws ImportException {
        if (Files.isDirectory(file)) {
            throw new ImportException(file + ": a directory; give one Gatus configuration file (import each file of a split"
                    + " configuration on its own)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImportException(file + ": no such file");
        }
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ImportException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": not YAML ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("endpoints").isArray() && !root.path("external-endpoints").isArray()
                && !root.path("suites").isArray()) {
            throw new ImportException(file + ": not a Gatus configuration (it has no endpoints list)");
        }
        Draft draft = new Draft();
        GatusText text = new GatusText(draft);
        GatusAlerting alerting = new GatusAlerting(draft, text);
        alerting.providers(root.path("alerting"));
        GatusEndpoints endpoints = new GatusEndpoints(draft, text, alerting);
        int index = 0;
        for (JsonNode endpoint : root.path("endpoints")) {
            endpoints.translate(endpoint, index++);
        }
        for (JsonNode external : root.path("external-endpoints")) {
            draft.notCarried("external endpoint '" + external.path("name").asText() + "': not imported: Lookout has no endpoint for"
                    + " Gatus' push API; make it a heartbeat monitor and have the pusher call /ping/UUID");
        }
        for (JsonNode suite : root.path("suites")) {
            draft.notCarried("suite '" + suite.path("name").asText() + "': not imported: Lookout checks one request per monitor,"
                    + " with no context passed between them");
        }
        if (root.has("maintenance")) {
            GatusMaintenance.translate(draft, root.path("maintenance"), endpoints.monitorIds(), "maintenance");
        }
        page(draft, text, root.path("ui"));
        ELSEWHERE.forEach((key, reason) -> {
            if (root.has(key) && !root.get(key).isNull()) {
                draft.notCarried(key + ": not carried over: " + reason);
            }
        });
        return draft.finish(List.of("Imported by `lookout import gatus` from " + file.getFileName() + "."));
    }

    /** Gatus' {@code ui} titles its one dashboard: a Lookout page with every component. */
    private static void page(Draft draft, GatusText text, JsonNode ui) {
        GatusConfig c = new GatusConfig(ui);
        String title = c.text("title") != null ? c.text("title") : c.text("header");
        String description = c.text("dashboard-subheading") != null ? c.text("dashboard-subheading") : c.text("description");
        String logo = c.text("logo");
        if (title == null && description == null && logo == null) {
            return;
        }
        if (logo != null && !logo.startsWith("https://")) {
            draft.notCarried("ui.logo '" + logo + "' not carried over: a Lookout page's logo is an https:// URL or a file beside the configuration");
            logo = null;
        }
        draft.addPage("status", new Node().put("title", text.value(title, "Status")).put("description", text.value(description, "Status"))
                .put("logo", text.value(logo, "https://example.invalid/logo.png")));
        c.ignore("dashboard-heading", "favicon", "dark-mode", "default-sort-by", "default-filter-by", "login-subtitle", "link");
        if (!c.unread().isEmpty()) {
            draft.notCarried("ui: " + String.join(", ", c.unread()) + " not carried over: Lookout's page has no such setting");
        }
    }
}
