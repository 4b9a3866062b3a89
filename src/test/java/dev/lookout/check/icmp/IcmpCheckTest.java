package dev.lookout.check.icmp;

import static dev.lookout.check.DeadlineAssertions.assertEndedByDeadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.CheckTypes;
import dev.lookout.check.Deadline;
import dev.lookout.check.Probe;
import dev.lookout.condition.Condition;
import dev.lookout.config.ConfigException;
import dev.lookout.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ICMP echoes (the tests run as root, like the CI machine). 198.51.100.7 (TEST-NET-2, reserved
 * for documentation and never routed) stands for a host that does not answer; it was checked not to
 * answer on this network, whereas 192.0.2.1 (TEST-NET-1) is the sandbox's gateway and does.
 */
class IcmpCheckTest {
    private static final AddressResolver NO_DNS = new AddressResolver(List.of("127.0.0.1:9"));

    @Test
    void every_echo_to_loopback_comes_back() {
        long start = System.nanoTime();
        Probe probe = run(new IcmpSettings("127.0.0.1", 3, Duration.ofMillis(20)), Duration.ofSeconds(3));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("ping.sent")).contains(3L);
        assertThat(probe.observation().value("ping.received")).contains(3L);
        assertThat(probe.observation().value("ping.loss")).contains(0.0);
        Duration avg = (Duration) probe.observation().value("ping.rtt_avg").orElseThrow();
        assertThat(avg).isPositive();
        assertThat((Duration) probe.observation().value("ping.rtt_min").orElseThrow()).isLessThanOrEqualTo(avg);
        // No echo took longer than the whole check: round trips in the right unit, whatever the machine's load.
        assertThat((Duration) probe.observation().value("ping.rtt_max").orElseThrow()).isGreaterThanOrEqualTo(avg)
                .isLessThanOrEqualTo(elapsed);
        assertThat(probe.observation().value("latency")).contains(avg);
    }

    @Test
    void a_host_that_never_answers_loses_every_echo_within_the_deadline() {
        Duration timeout = Duration.ofSeconds(1);
        long start = System.nanoTime();
        Probe probe = run(new IcmpSettings("198.51.100.7", 2, Duration.ofMillis(200)), timeout);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(probe.status()).as(probe.message()).isEqualTo(Probe.Status.REACHED);
        assertThat(probe.observation().value("ping.sent")).contains(2L);
        assertThat(probe.observation().value("ping.received")).contains(0L);
        assertThat(probe.observation().value("ping.loss")).contains(1.0);
        assertThat(probe.observation().value("ping.rtt_avg")).isEmpty();
        assertEndedByDeadline(elapsed, timeout);
    }

    @Test
    void all_lost_fails_unless_a_condition_on_loss_says_otherwise() throws Exception {
        ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of());
        String yaml = """
                monitors:
                  - { id: plain, type: icmp, host: 127.0.0.1 }
                  - { id: lossy, type: icmp, host: 127.0.0.1, count: 10, packet_interval: 50ms, conditions: [ "ping.loss < 0.2" ] }
                """;
        var monitors = loader.parse("test.yaml", yaml).monitors();

        assertThat(monitors.get(0).conditions()).extracting(Condition::source).containsExactly("ping.received > 0");
        assertThat(monitors.get(1).conditions()).extracting(Condition::source).containsExactly("ping.loss < 0.2");
    }

    @Test
    void method_is_auto_unless_configured_and_must_be_one_of_three() throws Exception {
        ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of());
        var monitors = loader.parse("test.yaml", """
                monitors:
                  - { id: plain, type: icmp, host: 127.0.0.1 }
                  - { id: binary, type: icmp, host: 127.0.0.1, method: system }
                """).monitors();

        assertThat(((IcmpSettings) monitors.get(0).settings()).method()).isEqualTo(IcmpMethod.AUTO);
        assertThat(((IcmpSettings) monitors.get(1).settings()).method()).isEqualTo(IcmpMethod.SYSTEM);
        assertThatThrownBy(() -> loader.parse("test.yaml", "monitors: [ { id: x, type: icmp, host: 127.0.0.1, method: fping } ]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'fping' is not one of auto, raw, system");
    }

    @Test
    void refuses_to_run_without_permission_to_send_icmp(@TempDir Path dir) throws Exception {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nGid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\n");
        Path range = Files.writeString(dir.resolve("ping_group_range"), "1\t0\n");

        assertThat(IcmpCheck.icmpNotPermitted(status, range)).startsWith("ICMP not permitted: run as root, grant CAP_NET_RAW");
        Files.writeString(range, "0\t2147483647\n");
        assertThat(IcmpCheck.icmpNotPermitted(status, range)).isNull();
        Files.writeString(status, "Gid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000002000\n");
        Files.writeString(range, "1\t0\n");
        assertThat(IcmpCheck.icmpNotPermitted(status, range)).isNull();
    }

    private static Probe run(IcmpSettings settings, Duration timeout) {
        return new IcmpCheck(settings, NO_DNS).run(Deadline.after(timeout));
    }
}
