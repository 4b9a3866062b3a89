package dev.lookout.web;

import static dev.lookout.web.IncidentServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/v1/maintenances} against a real server and store. */
class MaintenanceApiTest {
    private static final String UPGRADE = """
            {"name": "Database upgrade", "body": "Writes pause for a few minutes.",
             "scheduled_for": "2026-03-10T14:00:00Z", "scheduled_until": "2026-03-10T15:00:00Z", "components": ["db"]}""";

    @TempDir
    Path dir;
    private IncidentServer server;

    @BeforeEach
    void start() throws Exception {
        server = new IncidentServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_maintenance_is_scheduled_started_by_the_timer_verified_and_completed() throws Exception {
        var created = server.send("POST", "/api/v1/maintenances", UPGRADE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).path("id").asLong();
        assertThat(json(created).path("status").asText()).isEqualTo("scheduled");
        assertThat(json(created).path("scheduled_for").asText()).isEqualTo("2026-03-10T14:00:00Z");
        assertThat(server.get("/api/v1/maintenances?status=upcoming").path("maintenances")).hasSize(1);
        assertThat(server.get("/api/v1/maintenances?status=active").path("maintenances")).isEmpty();

        server.clock.advance(Duration.ofHours(2));
        server.maintenances.tick(server.clock.instant());
        assertThat(server.get("/api/v1/maintenances/" + id).path("status").asText()).isEqualTo("in_progress");
        assertThat(server.get("/api/v1/maintenances?status=active").path("maintenances")).hasSize(1);

        var verifying = server.send("POST", "/api/v1/maintenances/" + id + "/updates", "{\"status\": \"verifying\"}");
        assertThat(verifying.statusCode()).as(verifying.body()).isEqualTo(200);
        assertThat(json(verifying).path("status").asText()).isEqualTo("verifying");
        var completed = server.send("POST", "/api/v1/maintenances/" + id + "/updates",
                "{\"status\": \"completed\", \"body\": \"All done.\"}");
        assertThat(json(completed).path("status").asText()).isEqualTo("completed");
        assertThat(json(completed).path("completed_at").asText()).isEqualTo("2026-03-10T14:00:00Z");
        assertThat(json(completed).path("updates").get(0).path("body").asText()).isEqualTo("All done.");

        var after = server.send("POST", "/api/v1/maintenances/" + id + "/updates", "{\"body\": \"one more\"}");
        assertThat(after.statusCode()).isEqualTo(409);
    }

    @Test
    void bad_input_is_a_400_that_says_what_is_wrong() throws Exception {
        var backwards = server.send("POST", "/api/v1/maintenances", UPGRADE.replace("15:00", "13:00"));
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(json(backwards).path("error").asText()).isEqualTo(
                "scheduled_until (2026-03-10T13:00:00Z) must be after scheduled_for (2026-03-10T14:00:00Z)");
        var notADate = server.send("POST", "/api/v1/maintenances", UPGRADE.replace("2026-03-10T14:00:00Z", "tomorrow"));
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(json(notADate).path("error").asText()).startsWith("field 'scheduled_for'");
        var unknown = server.send("POST", "/api/v1/maintenances", UPGRADE.replace("\"db\"", "\"cache\""));
        assertThat(json(unknown).path("error").asText()).isEqualTo("unknown component 'cache' (known: web, api, db)");
        var filter = server.send("GET", "/api/v1/maintenances?status=soon", null, false);
        assertThat(filter.statusCode()).isEqualTo(400);
        assertThat(server.send("GET", "/api/v1/maintenances/9", null, false).statusCode()).isEqualTo(404);
    }
}
