package dev.lookout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lookout monitor ...} against a running node's admin API. */
class MonitorCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private RunningLookout lookout;

    @BeforeEach
    void start() throws Exception {
        lookout = new RunningLookout(dir, """
                monitors:
                  - { id: db, name: Database, type: tcp, host: 127.0.0.1, port: 9, interval: 1h, timeout: 1s, component: api }
                """);
    }

    @AfterEach
    void stop() {
        lookout.close();
    }

    @Test
    void pause_with_an_end_then_resume_prints_what_the_monitor_has_now() throws Exception {
        var paused = lookout.run("monitor", "pause", "db", "--reason", "moving racks", "--until", "2h");
        assertThat(paused.exit()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("Paused monitor db.", "paused by admin token at ", ": moving racks");
        String until = paused.out().replaceAll("(?s).* until (\\S+): moving racks.*", "$1").strip();
        assertThat(Duration.between(Instant.now(), Instant.parse(until))).isBetween(Duration.ofMinutes(110),
                Duration.ofMinutes(121));

        JsonNode shown = JSON.readTree(lookout.run("monitor", "pause", "db", "--reason", "still moving", "--json").out());
        assertThat(shown.path("pause").path("reason").asText()).as("a second pause replaces the first").isEqualTo("still moving");
        assertThat(shown.path("pause").path("until").isNull()).isTrue();

        var resumed = lookout.run("monitor", "resume", "db");
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).isEqualTo("Resumed monitor db." + System.lineSeparator());
        assertThat(lookout.run("monitor", "resume", "db").out()).contains("Monitor db was not paused.");
    }

    @Test
    void silence_unsilence_and_check_say_what_they_did() {
        var silenced = lookout.run("monitor", "silence", "db", "--until", "2099-01-01T00:00:00Z", "--reason", "vendor work");
        assertThat(silenced.exit()).as(silenced.err()).isZero();
        assertThat(silenced.out()).contains("Silenced the alerts of monitor db.",
                "alerts silenced by admin token until 2099-01-01T00:00:00Z: vendor work");
        var ended = lookout.run("monitor", "unsilence", "db");
        assertThat(ended.exit()).as(ended.err()).isZero();
        assertThat(ended.out()).contains("Ended the silence of monitor db.");

        var check = lookout.run("monitor", "check", "db");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("Asked for a check of monitor db");
    }

    @Test
    void refusals_exit_1_with_the_apis_words_and_bad_times_exit_2() {
        var unknown = lookout.run("monitor", "pause", "nope", "--reason", "x");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("refused (HTTP 404): no monitor with id 'nope'");

        var past = lookout.run("monitor", "silence", "db", "--until", "2020-01-01T00:00:00Z");
        assertThat(past.exit()).isEqualTo(1);
        assertThat(past.err()).contains("refused (HTTP 400): until (2020-01-01T00:00:00Z) is not in the future");

        var garbled = lookout.run("monitor", "pause", "db", "--reason", "x", "--until", "soon");
        assertThat(garbled.exit()).isEqualTo(2);
        assertThat(garbled.err()).contains("'soon' is neither a duration from now (30m, 2h, 1d) nor an ISO-8601 time");

        var noReason = lookout.run("monitor", "pause", "db");
        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
    }
}
