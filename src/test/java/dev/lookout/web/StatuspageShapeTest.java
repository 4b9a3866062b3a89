package dev.lookout.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.lookout.incident.AffectedStatus;
import dev.lookout.incident.Impact;
import dev.lookout.incident.IncidentStatus;
import dev.lookout.status.StatuspageDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our {@code /api/v2/...} documents have the shape of Atlassian Statuspage's: the same keys at
 * every level, values of the types the recorded documents (src/test/resources/statuspage) show,
 * Statuspage's enum values and ISO-8601 times with an offset.
 */
class StatuspageShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMPONENT_STATUSES = Set.of("operational", "degraded_performance", "partial_outage",
            "major_outage", "under_maintenance");
    private static final Set<String> INCIDENT_STATUSES = Set.of("investigating", "identified", "monitoring", "resolved",
            "postmortem");
    private static final Set<String> MAINTENANCE_STATUSES = Set.of("scheduled", "in_progress", "verifying", "completed");
    private static final Set<String> IMPACTS = Set.of("none", "minor", "major", "critical");
    private static final Set<String> INDICATORS = Set.of("none", "minor", "major", "critical", "maintenance");

    @TempDir
    Path dir;
    private IncidentServer server;

    @BeforeEach
    void start() throws Exception {
        server = new IncidentServer(dir);
        var resolved = server.incidents.open("Slow search", IncidentStatus.IDENTIFIED, Impact.MINOR, "Search is slow.",
                Map.of("api", AffectedStatus.DEGRADED_PERFORMANCE));
        server.clock.advance(Duration.ofMinutes(10));
        server.incidents.update(resolved.id(), IncidentStatus.MONITORING, "Index rebuilt.", Map.of(), null);
        server.incidents.resolve(resolved.id(), null, Map.of());
        server.clock.advance(Duration.ofMinutes(10));
        var open = server.incidents.open("Checkout errors", IncidentStatus.INVESTIGATING, Impact.MAJOR, "Payments fail.",
                Map.of("web", AffectedStatus.PARTIAL_OUTAGE));
        server.clock.advance(Duration.ofMinutes(1));
        server.incidents.update(open.id(), IncidentStatus.IDENTIFIED, "A bad deploy; rolling back.", Map.of(), null);
        server.maintenances.schedule("Database upgrade", "Writes pause.", server.clock.instant(),
                server.clock.instant().plus(Duration.ofHours(1)), List.of("db"));
        server.maintenances.schedule("Network work", "Short blips possible.", server.clock.instant().plus(Duration.ofDays(2)),
                server.clock.instant().plus(Duration.ofDays(2).plusHours(2)), List.of("web", "api"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void every_document_has_the_keys_and_value_types_of_the_recorded_statuspage_documents() throws Exception {
        Map<String, JsonNode> references = new HashMap<>();
        for (String path : StatuspageDocuments.PATHS) {
            references.put(path, reference(path));
        }
        Map<String, Set<JsonNodeType>> typesByKey = new HashMap<>();
        references.values().forEach(doc -> collectTypes(doc, typesByKey));

        for (String path : StatuspageDocuments.PATHS) {
            var response = server.send("GET", "/api/v2/" + path, null, false);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            List<String> problems = new ArrayList<>();
            compare(JSON.readTree(response.body()), List.of(references.get(path)), path, typesByKey, problems);
            assertThat(problems).as("differences from the recorded %s", path).isEmpty();
        }
    }

    @Test
    void enum_values_and_times_are_statuspages() throws Exception {
        for (String path : StatuspageDocuments.PATHS) {
            checkValues(server.get("/api/v2/" + path), path);
        }
        JsonNode summary = server.get("/api/v2/summary.json");
        assertThat(summary.path("status").path("indicator").asText()).isEqualTo("major");
        assertThat(summary.path("status").path("description").asText()).isEqualTo("Partial System Outage");
        assertThat(summary.path("incidents")).singleElement().satisfies(i -> {
            assertThat(i.path("name").asText()).isEqualTo("Checkout errors");
            assertThat(i.path("incident_updates").get(0).path("body").asText()).isEqualTo("A bad deploy; rolling back.");
            assertThat(i.path("components").get(0).path("status").asText()).isEqualTo("partial_outage");
        });
        assertThat(summary.path("scheduled_maintenances").findValuesAsText("status")).contains("in_progress", "scheduled");
        assertThat(server.get("/api/v2/scheduled-maintenances/active.json").path("scheduled_maintenances"))
                .singleElement().satisfies(m -> assertThat(m.path("name").asText()).isEqualTo("Database upgrade"));
        assertThat(server.get("/api/v2/scheduled-maintenances/upcoming.json").path("scheduled_maintenances"))
                .singleElement().satisfies(m -> assertThat(m.path("name").asText()).isEqualTo("Network work"));
        assertThat(server.get("/api/v2/incidents/unresolved.json").path("incidents")).hasSize(1);
        assertThat(server.get("/api/v2/incidents.json").path("incidents")).hasSize(2);
        JsonNode components = server.get("/api/v2/components.json").path("components");
        assertThat(components.findValuesAsText("name")).containsExactly("Public", "Web Shop", "API", "Database");
        assertThat(components.get(0).path("components").findValuesAsText("")).isEmpty();
        assertThat(components.get(0).path("components").toString()).isEqualTo("[\"web\",\"api\"]");
        assertThat(components.get(3).path("status").asText()).isEqualTo("under_maintenance");
    }

    @Test
    void documents_come_from_the_snapshot_and_change_as_soon_as_an_incident_does() throws Exception {
        String before = server.send("GET", "/api/v2/incidents/unresolved.json", null, false).body();
        assertThat(server.send("GET", "/api/v2/incidents/unresolved.json", null, false).body()).isEqualTo(before);
        long id = server.get("/api/v2/incidents/unresolved.json").path("incidents").get(0).path("id").asLong();
        server.incidents.resolve(id, null, Map.of());
        assertThat(server.get("/api/v2/incidents/unresolved.json").path("incidents")).isEmpty();
        assertThat(server.get("/api/v2/status.json").path("status").path("indicator").asText()).isEqualTo("maintenance");
    }

    private static JsonNode reference(String path) throws IOException {
        String file = "/statuspage/" + path.replace('/', '-');
        try (InputStream in = StatuspageShapeTest.class.getResourceAsStream(file)) {
            if (in == null) {
                fail("no recorded document " + file);
            }
            return JSON.readTree(in);
        }
    }

    private static void collectTypes(JsonNode node, Map<String, Set<JsonNodeType>> types) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                types.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue().getNodeType());
                collectTypes(e.getValue(), types);
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectTypes(element, types));
        }
    }

    /** Ours against the reference values that may stand at the same place (several for array elements). */
    private static void compare(JsonNode ours, List<JsonNode> candidates, String where, Map<String, Set<JsonNodeType>> types,
                                List<String> problems) {
        if (ours.isObject()) {
            Set<String> keys = keys(ours);
            List<JsonNode> same = candidates.stream().filter(JsonNode::isObject).filter(c -> keys(c).equals(keys)).toList();
            if (same.isEmpty()) {
                problems.add(where + ": keys " + new TreeSet<>(keys) + " match no recorded object; recorded: "
                        + candidates.stream().map(c -> new TreeSet<>(keys(c)).toString()).toList());
                return;
            }
            for (String key : keys) {
                JsonNode value = ours.get(key);
                Set<JsonNodeType> allowed = types.get(key);
                if (!allowed.contains(value.getNodeType()) && !(value.isNumber() && allowed.contains(JsonNodeType.NUMBER))) {
                    problems.add(where + "." + key + ": " + value.getNodeType() + " where the recordings have " + allowed);
                }
                List<JsonNode> next = same.stream().map(c -> c.get(key)).filter(v -> !v.isNull()).toList();
                if (!value.isNull() && !next.isEmpty()) {
                    compare(value, next, where + "." + key, types, problems);
                }
            }
        } else if (ours.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            candidates.forEach(c -> c.forEach(elements::add));
            for (int i = 0; i < ours.size(); i++) {
                if (elements.isEmpty()) {
                    problems.add(where + ": the recordings have no element to compare with");
                } else if (ours.get(i).isContainerNode()) {
                    compare(ours.get(i), elements, where + "[" + i + "]", types, problems);
                } else if (ours.get(i).getNodeType() != elements.getFirst().getNodeType()) {
                    problems.add(where + "[" + i + "]: " + ours.get(i).getNodeType() + " where the recordings have "
                            + elements.getFirst().getNodeType());
                }
            }
        }
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new HashSet<>();
        Iterator<String> names = object.fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }

    private static void checkValues(JsonNode node, String where) {
        if (node.isArray()) {
            node.forEach(element -> checkValues(element, where));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("only_show_if_degraded")) {
            assertThat(COMPONENT_STATUSES).as(where + " component status").contains(node.path("status").asText());
        }
        if (node.has("incident_updates")) {
            boolean maintenance = node.path("impact").asText().equals("maintenance");
            assertThat(maintenance ? MAINTENANCE_STATUSES : INCIDENT_STATUSES).as(where + " status").contains(node.path("status").asText());
            if (!maintenance) {
                assertThat(IMPACTS).as(where + " impact").contains(node.path("impact").asText());
            }
            assertThat(node.has("scheduled_for")).as(where + " scheduled_for on maintenances only").isEqualTo(maintenance);
        }
        if (node.has("display_at")) {
            assertThat(INCIDENT_STATUSES.contains(node.path("status").asText())
                    || MAINTENANCE_STATUSES.contains(node.path("status").asText())).as(where + " update status").isTrue();
        }
        if (node.has("old_status")) {
            assertThat(COMPONENT_STATUSES).contains(node.path("old_status").asText(), node.path("new_status").asText());
        }
        if (node.has("indicator")) {
            assertThat(INDICATORS).as(where + " indicator").contains(node.path("indicator").asText());
        }
        node.properties().forEach(e -> {
            String key = e.getKey();
            if ((key.endsWith("_at") || key.equals("scheduled_for") || key.equals("scheduled_until")) && !e.getValue().isNull()) {
                String text = e.getValue().asText();
                assertThat(OffsetDateTime.parse(text)).as(where + "." + key + " " + text).isNotNull();
                assertThat(text).as(where + "." + key).matches(".*T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
            }
            checkValues(e.getValue(), where + "." + key);
        });
    }
}
