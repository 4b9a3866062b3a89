package dev.lookout.check.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Output recorded from iputils-ping 20221126 (Debian 12) on this machine kind, and BusyBox's shape. */
class PingSummaryTest {

    @Test
    void reads_counts_and_round_trip_times_of_a_clean_run() {
        String output = """
                PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
                64 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=0.131 ms
                64 bytes from 127.0.0.1: icmp_seq=2 ttl=64 time=0.035 ms
                64 bytes from 127.0.0.1: icmp_seq=3 ttl=64 time=0.038 ms

                --- 127.0.0.1 ping statistics ---
                3 packets transmitted, 3 received, 0% packet loss, time 406ms
                rtt min/avg/max/mdev = 0.035/0.068/0.131/0.044 ms
                """;

        assertThat(PingSummary.parse(output)).contains(new IcmpObservation(3, 3, Duration.ofNanos(35_000),
                Duration.ofNanos(68_000), Duration.ofNanos(131_000)));
    }

    @Test
    void every_request_lost_with_errors_has_no_round_trip_times() {
        String output = """
                PING 198.51.100.7 (198.51.100.7) 56(84) bytes of data.
                From 21.4.11.237 icmp_seq=1 Destination Port Unreachable
                From 21.4.11.237 icmp_seq=2 Destination Port Unreachable

                --- 198.51.100.7 ping statistics ---
                2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 201ms

                """;

        IcmpObservation observation = PingSummary.parse(output).orElseThrow();
        assertThat(observation).isEqualTo(new IcmpObservation(2, 0, null, null, null));
        assertThat(observation.value("ping.loss")).contains(1.0);
    }

    @Test
    void partial_loss_is_computed_from_the_counts_not_the_rounded_percentage() {
        String output = """
                --- 10.0.0.1 ping statistics ---
                3 packets transmitted, 2 received, +1 duplicates, 33.3333% packet loss, time 2003ms
                rtt min/avg/max/mdev = 12.104/15.550/18.997/3.446 ms
                """;

        IcmpObservation observation = PingSummary.parse(output).orElseThrow();
        assertThat(observation.sent()).isEqualTo(3);
        assertThat(observation.received()).isEqualTo(2);
        assertThat(observation.rttMax()).isEqualTo(Duration.ofNanos(18_997_000));
        assertThat((double) observation.value("ping.loss").orElseThrow()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void reads_busybox_wording_too() {
        String output = """
                --- 127.0.0.1 ping statistics ---
                2 packets transmitted, 2 packets received, 0% packet loss
                round-trip min/avg/max = 0.051/0.062/0.073 ms
                """;

        assertThat(PingSummary.parse(output)).contains(new IcmpObservation(2, 2, Duration.ofNanos(51_000),
                Duration.ofNanos(62_000), Duration.ofNanos(73_000)));
    }

    @Test
    void output_without_a_summary_is_no_observation() {
        assertThat(PingSummary.parse("ping: invalid argument: '0.5'\n")).isEmpty();
        assertThat(PingSummary.parse("ping: cannot flood; minimal interval allowed for user is 200ms\n")).isEmpty();
        assertThat(PingSummary.parse("")).isEmpty();
    }
}
