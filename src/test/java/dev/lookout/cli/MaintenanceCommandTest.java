package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookout maintenance ...} against a running node's admin API. */
class MaintenanceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far enough ahead that the node's maintenance timer does not start it during the test. */
    private static final Instant TOMORROW = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;
    private RunningLookout lookout;

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir);
    }

    @AfterEach
    void stop() {
        lookout.close();
    }

    private long schedule(String title, Instant starts, Instant ends) throws Exception {
        var scheduled = lookout.run("maintenance", "schedule", "--title", title, "--starts", starts.toString(),
                "--ends", ends.toString(), "--component", "api", "--message", "Planned.", "--json");
        assertThat(scheduled.exit()).as(scheduled.err()).isZero();
        return JSON.readTree(scheduled.out()).path("id").asLong();
    }

    @Test
    void a_maintenance_is_scheduled_started_verified_and_completed() throws Exception {
        var scheduled = lookout.runWithInput("We upgrade **PostgreSQL**.", "maintenance", "schedule",
                "--title", "Database upgrade", "--starts", TOMORROW.toString(), "--ends", TOMORROW.plus(Duration.ofHours(1)).toString(),
                "--component", "api", "--component", "web", "--message-file", "-");
        assertThat(scheduled.exit()).as(scheduled.err()).isZero();
        assertThat(scheduled.out()).contains("Scheduled maintenance 1: Database upgrade", "status:      scheduled",
                "window:      " + TOMORROW + " to " + TOMORROW.plus(Duration.ofHours(1)), "components:  api, web",
                "We upgrade **PostgreSQL**.");

        var started = lookout.run("maintenance", "update", "1", "--status", "in_progress");
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(started.out()).contains("Updated maintenance 1", "status:      in_progress", "started:     ",
                "Scheduled maintenance is currently in progress.",
                "(api operational -> under_maintenance, web operational -> under_maintenance)");

        var note = lookout.run("maintenance", "update", "1", "--message", "Half of the tables are migrated.");
        assertThat(note.exit()).as(note.err()).isZero();
        assertThat(note.out()).contains("status:      in_progress", "Half of the tables are migrated.");

        var completed = lookout.run("maintenance", "complete", "1", "--message", "Done, ahead of time.");
        assertThat(completed.exit()).as(completed.err()).isZero();
        assertThat(completed.out()).contains("Completed maintenance 1", "status:      completed", "completed:   ",
                "Done, ahead of time.");

        var shown = lookout.run("maintenance", "show", "1");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("Maintenance 1: Database upgrade", "Updates (4, newest first):");
        assertThat(shown.out().indexOf("Done, ahead of time.")).isLessThan(shown.out().indexOf("Half of the tables"));
        assertThat(shown.out().indexOf("Half of the tables")).isLessThan(shown.out().indexOf("We upgrade"));

        var again = lookout.run("maintenance", "complete", "1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("refused (HTTP 409): maintenance 1 is completed: no further updates");
    }

    @Test
    void list_filters_upcoming_and_active_and_json_prints_the_api_document() throws Exception {
        long upcoming = schedule("Network change", TOMORROW, TOMORROW.plus(Duration.ofHours(2)));
        long active = schedule("Disk swap", Instant.now().minusSeconds(60), TOMORROW);

        var all = lookout.run("maintenance", "list");
        assertThat(all.exit()).isZero();
        assertThat(all.out().lines().findFirst().orElseThrow()).matches("ID +STATUS +STARTS +ENDS +TITLE");
        assertThat(all.out()).containsPattern(upcoming + " +scheduled +" + TOMORROW + " +\\S+ +Network change")
                .containsPattern(active + " +in_progress +\\S+ +" + TOMORROW + " +Disk swap");

        assertThat(lookout.run("maintenance", "list", "--status", "upcoming").out()).contains("Network change").doesNotContain("Disk swap");
        assertThat(lookout.run("maintenance", "list", "--status", "active").out()).contains("Disk swap").doesNotContain("Network change");

        JsonNode shown = JSON.readTree(lookout.run("maintenance", "show", String.valueOf(upcoming), "--json").out());
        assertThat(shown.path("scheduled_for").asText()).isEqualTo(TOMORROW.toString());
        assertThat(shown.path("components").get(0).asText()).isEqualTo("api");
    }

    @Test
    void times_with_an_offset_are_accepted_and_times_without_a_zone_are_usage_errors() throws Exception {
        var withOffset = lookout.run("maintenance", "schedule", "--title", "T", "--message", "m", "--json",
                "--starts", "2099-12-01T23:00:00+01:00", "--ends", "2099-12-02T01:00:00+01:00");
        assertThat(withOffset.exit()).as(withOffset.err()).isZero();
        assertThat(JSON.readTree(withOffset.out()).path("scheduled_for").asText()).isEqualTo("2099-12-01T22:00:00Z");

        var noZone = lookout.run("maintenance", "schedule", "--title", "T", "--message", "m",
                "--starts", "2099-12-01T22:00", "--ends", "2099-12-01T23:00:00Z");
        assertThat(noZone.exit()).isEqualTo(2);
        assertThat(noZone.err()).contains("'2099-12-01T22:00' is not an ISO-8601 time with zone, e.g. 2026-12-01T22:00:00Z");
    }

    @Test
    void refusals_of_the_api_exit_1_with_its_message() throws Exception {
        var backwards = lookout.run("maintenance", "schedule", "--title", "T", "--message", "m",
                "--starts", "2099-12-01T23:00:00Z", "--ends", "2099-12-01T22:00:00Z");
        assertThat(backwards.exit()).isEqualTo(1);
        assertThat(backwards.err()).contains("refused (HTTP 400): scheduled_until (2099-12-01T22:00:00Z) must be after "
                + "scheduled_for (2099-12-01T23:00:00Z)");

        var unknownComponent = lookout.run("maintenance", "schedule", "--title", "T", "--message", "m",
                "--starts", "2099-12-01T22:00:00Z", "--ends", "2099-12-01T23:00:00Z", "--component", "cdn");
        assertThat(unknownComponent.err()).contains("refused (HTTP 400): unknown component 'cdn' (known: api, web)");

        long id = schedule("Network change", TOMORROW, TOMORROW.plus(Duration.ofHours(2)));
        var verifyingTooEarly = lookout.run("maintenance", "update", String.valueOf(id), "--status", "verifying");
        assertThat(verifyingTooEarly.exit()).isEqualTo(1);
        assertThat(verifyingTooEarly.err()).contains("refused (HTTP 409): maintenance " + id + " has not started");

        assertThat(lookout.run("maintenance", "show", "42").err()).contains("refused (HTTP 404): no maintenance with id 42");
    }

    @Test
    void a_wrong_token_exits_1_with_the_apis_message() {
        var refused = RunningLookout.runWith(Map.of("LOOKOUT_ADMIN_TOKEN", "not-the-token-at-all"), "", "maintenance",
                "complete", "1", "--url", lookout.url());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("lookout: refused (HTTP 401): wrong admin token");
    }

    @Test
    void an_unreachable_lookout_exits_3() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var result = RunningLookout.runWith(Map.of(), "", "maintenance", "list", "--url", "http://127.0.0.1:" + closed);
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains("lookout: cannot reach Lookout at http://127.0.0.1:" + closed);
    }

    @Test
    void the_url_and_token_come_from_the_configuration() {
        var scheduled = RunningLookout.runWith(Map.of(), "", "maintenance", "schedule", "--config", lookout.clientConfig.toString(),
                "--title", "From the config", "--message", "m", "--starts", TOMORROW.toString(),
                "--ends", TOMORROW.plusSeconds(600).toString());
        assertThat(scheduled.exit()).as(scheduled.err()).isZero();
        assertThat(scheduled.out()).contains("Scheduled maintenance 1: From the config");
    }

    @Test
    void usage_problems_exit_2() {
        assertThat(lookout.run("maintenance", "schedule", "--title", "T", "--message", "m").exit()).isEqualTo(2);
        var noVerb = RunningLookout.runWith(Map.of(), "", "maintenance");
        assertThat(noVerb.exit()).isEqualTo(2);
        assertThat(noVerb.err()).contains("name what to do: schedule, update, complete, list or show");
        var notANumber = lookout.run("maintenance", "show", "one");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.err()).contains("Invalid value for positional parameter at index 0 (ID): 'one' is not a long");
    }
}
