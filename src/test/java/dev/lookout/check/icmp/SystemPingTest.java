package dev.lookout.check.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback to the system {@code ping} (iputils-ping, installed by .ci/run), with real processes.
 * 198.51.100.7 (TEST-NET-2) never answers here: the sandbox reports it unreachable at once.
 */
class SystemPingTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));
    private static final String NOT_PERMITTED = "ICMP not permitted: run as root";

    @Test
    void the_system_ping_to_loopback_reports_every_reply_and_its_round_trip_times() {
        Probe probe = new IcmpCheck(new IcmpSettings("127.0.0.1", 3, Duration.ofMillis(200), IcmpMethod.SYSTEM), NO_DNS)
                .run(Deadline.after(Duration.ofSeconds(3)));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.message()).isEqualTo("3/3 replies from 127.0.0.1 (system ping)");
        assertThat(probe.observation().value("ping.sent")).contains(3L);
        assertThat(probe.observation().value("ping.loss")).contains(0.0);
        Duration avg = (Duration) probe.observation().value("ping.rtt_avg").orElseThrow();
        assertThat(avg).isPositive();
        assertThat((Duration) probe.observation().value("ping.rtt_min").orElseThrow()).isLessThanOrEqualTo(avg);
        assertThat((Duration) probe.observation().value("ping.rtt_max").orElseThrow()).isGreaterThanOrEqualTo(avg);
    }

    @Test
    void auto_falls_back_to_the_system_ping_where_this_process_may_not_send_icmp() {
        Probe probe = new IcmpCheck(new IcmpSettings("127.0.0.1", 1, Duration.ofMillis(200)), NO_DNS, NOT_PERMITTED,
                SystemPing.find(System.getenv("PATH"))).run(Deadline.after(Duration.ofSeconds(3)));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.message()).endsWith("(system ping)");
    }

    @Test
    void auto_sends_icmp_itself_where_it_may() {
        Probe probe = new IcmpCheck(new IcmpSettings("127.0.0.1", 1, Duration.ofMillis(200)), NO_DNS, null,
                SystemPing.find(System.getenv("PATH"))).run(Deadline.after(Duration.ofSeconds(3)));

        assertThat(probe.message()).isEqualTo("1/1 replies from 127.0.0.1 (ICMP)");
    }

    @Test
    void without_permission_and_without_a_ping_binary_the_error_names_both() {
        Probe probe = new IcmpCheck(new IcmpSettings("127.0.0.1", 1, Duration.ofMillis(200)), NO_DNS, NOT_PERMITTED,
                Optional.empty()).run(Deadline.after(Duration.ofSeconds(1)));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).startsWith(NOT_PERMITTED)
                .contains("the fallback to the system ping failed: no ping binary found on PATH, /usr/bin/ping or /bin/ping");
    }

    @Test
    void method_raw_never_falls_back() {
        Probe probe = new IcmpCheck(new IcmpSettings("127.0.0.1", 1, Duration.ofMillis(200), IcmpMethod.RAW), NO_DNS, NOT_PERMITTED,
                SystemPing.find(System.getenv("PATH"))).run(Deadline.after(Duration.ofSeconds(1)));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo(NOT_PERMITTED);
    }

    @Test
    void many_requests_to_a_host_that_never_answers_are_cut_to_what_fits_in_the_deadline() {
        // 100 requests 200 ms apart would take 20 s; 3 s leave the ping process time to start on a busy machine.
        Probe probe = new IcmpCheck(new IcmpSettings("198.51.100.7", 100, Duration.ofMillis(200), IcmpMethod.SYSTEM), NO_DNS)
                .run(Deadline.after(Duration.ofSeconds(3)));

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat((long) probe.observation().value("ping.sent").orElseThrow()).isBetween(1L, 15L);
        assertThat(probe.observation().value("ping.received")).contains(0L);
        assertThat(probe.observation().value("ping.loss")).contains(1.0);
        assertThat(pingsTo("198.51.100.7")).isEmpty();
    }

    @Test
    void a_ping_that_does_not_end_is_killed_at_the_deadline_with_what_it_started(@TempDir Path dir) throws Exception {
        Path stuck = script(dir, "sleep 600 &\nwait");

        Probe probe = runToLoopback(stuck, Duration.ofMillis(500));

        assertThat(probe.status()).isEqualTo(Probe.Status.TIMEOUT);
        assertThat(probe.message()).startsWith("timeout during ping");
        await().atMost(Duration.ofSeconds(5)).until(() -> processes(stuck.toString()).isEmpty() && processes("sleep 600").isEmpty());
    }

    @Test
    void a_ping_that_refuses_its_arguments_fails_with_its_message(@TempDir Path dir) throws Exception {
        Path refusing = script(dir, "echo \"ping: invalid argument: '$2'\" >&2\nexit 2");

        Probe probe = runToLoopback(refusing, Duration.ofSeconds(2));

        assertThat(probe.status()).isEqualTo(Probe.Status.FAILED);
        assertThat(probe.message()).isEqualTo("ping failed: " + refusing + " exited with 2: ping: invalid argument: '-c'");
    }

    @Test
    void finds_ping_on_the_path_before_the_well_known_places(@TempDir Path dir) throws Exception {
        Path own = script(dir, "exit 0");

        assertThat(SystemPing.find(dir + ":/nonexistent")).contains(own);
        assertThat(SystemPing.find("/nonexistent")).isEqualTo(SystemPing.find(null)).contains(Path.of("/usr/bin/ping"));
    }

    private static Probe runToLoopback(Path pingBinary, Duration timeout) {
        return new IcmpCheck(new IcmpSettings("127.0.0.1", 3, Duration.ofMillis(200), IcmpMethod.SYSTEM), NO_DNS, null,
                Optional.of(pingBinary)).run(Deadline.after(timeout));
    }

    /** An executable shell script named {@code ping} in {@code dir}, standing in for the real one. */
    private static Path script(Path dir, String body) throws Exception {
        Path script = Files.writeString(dir.resolve("ping"), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static List<ProcessHandle> pingsTo(String address) {
        return processes("ping").stream().filter(p -> p.info().commandLine().orElse("").endsWith(address)).toList();
    }

    private static List<ProcessHandle> processes(String commandLinePart) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(commandLinePart)).toList();
    }
}
