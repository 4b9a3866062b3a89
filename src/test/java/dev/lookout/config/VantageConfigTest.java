package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lookout.check.CheckTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code probes:} and a monitor's {@code vantage:} (issue 14). */
class VantageConfigTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of());

    private static final String PROBES = """
            probes:
              - { name: probe-eu, region: eu }
              - { name: probe-eu-2, region: eu, silent_after: 30s }
              - { name: probe-us, region: us }
            """;

    private List<String> errorsOf(String yaml) {
        try {
            loader.parse("lookout.yaml", yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void reads_probes_and_resolves_a_monitors_vantage_points_by_name_and_region() throws Exception {
        LookoutConfig config = loader.parse("lookout.yaml", PROBES + """
                monitors:
                  - { id: plain, type: tcp, host: 127.0.0.1, port: 1 }
                  - id: api
                    type: tcp
                    host: 127.0.0.1
                    port: 2
                    vantage: { from: [server, eu, probe-us], quorum: 2, partial: up }
                  - { id: all, type: tcp, host: 127.0.0.1, port: 3, vantage: { from: [probe-us, eu], quorum: all } }
                  - { id: maj, type: tcp, host: 127.0.0.1, port: 4, vantage: { from: [eu] } }
                """);
        assertThat(config.probes()).extracting(ProbeConfig::name).containsExactly("probe-eu", "probe-eu-2", "probe-us");
        assertThat(config.probe("probe-eu-2").orElseThrow().silentAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.probe("probe-us").orElseThrow().silentAfter()).isEqualTo(ProbeConfig.DEFAULT_SILENT_AFTER);

        VantageConfig plain = config.monitor("plain").orElseThrow().vantage();
        assertThat(plain.serverOnly()).isTrue();
        assertThat(plain.points(config.probes())).containsExactly("server");

        VantageConfig api = config.monitor("api").orElseThrow().vantage();
        assertThat(api.serverOnly()).isFalse();
        assertThat(api.points(config.probes())).containsExactly("server", "probe-eu", "probe-eu-2", "probe-us");
        assertThat(api.needed(4)).isEqualTo(2);
        assertThat(api.needed(1)).as("never more than are healthy").isEqualTo(1);
        assertThat(api.partial()).isEqualTo(VantageConfig.Partial.UP);

        VantageConfig all = config.monitor("all").orElseThrow().vantage();
        assertThat(all.points(config.probes())).containsExactly("probe-us", "probe-eu", "probe-eu-2");
        assertThat(all.needed(3)).isEqualTo(3);
        assertThat(all.needed(2)).isEqualTo(2);

        VantageConfig majority = config.monitor("maj").orElseThrow().vantage();
        assertThat(majority.needed(2)).isEqualTo(2);
        assertThat(majority.needed(3)).isEqualTo(2);
        assertThat(majority.partial()).isEqualTo(VantageConfig.Partial.DEGRADED);
    }

    @Test
    void a_probe_named_like_this_node_is_refused() {
        assertThat(errorsOf("""
                server: { node_name: node-a }
                probes:
                  - { name: node-a }
                """)).containsExactly("lookout.yaml:3:13 probes[0].name: 'node-a' is this node's server.node_name: a probe's"
                + " results are stored under its name as a node's are (give the probe or the node another name)");
    }

    @Test
    void a_bad_probe_or_vantage_names_its_field() {
        assertThat(errorsOf("""
                probes:
                  - { name: server }
                  - { name: eu, region: us }
                  - { name: probe-x, region: eu }
                  - { name: probe-x }
                  - { name: "bad name" }
                  - { region: eu }
                  - { name: probe-y, silent_after: 1s, colour: red }
                monitors:
                  - { id: a, type: tcp, host: 127.0.0.1, port: 1, vantage: { from: [server, nowhere], quorum: 3 } }
                  - { id: b, type: tcp, host: 127.0.0.1, port: 1, vantage: { from: [server, server], quorum: few } }
                  - { id: c, type: tcp, host: 127.0.0.1, port: 1, vantage: { quorum: 1, partial: down } }
                  - { id: d, type: heartbeat, uuid: 6f1c7c1e-2e4b-4d0e-9a0b-1f2e3d4c5b6a, schedule: { every: 1m }, vantage: { from: [server] } }
                """)).containsExactlyInAnyOrder(
                "lookout.yaml:2:13 probes[0].name: 'server' is reserved: in vantage.from it names the Lookout server itself",
                "lookout.yaml:3:13 probes[1].name: 'eu' is also a region: in vantage.from it would name both (give the probe"
                        + " or the region another name)",
                "lookout.yaml:5:13 probes[3].name: duplicate probe name 'probe-x'",
                "lookout.yaml:6:13 probes[4].name: 'bad name' is not a valid probe name (letters, digits, '_', '-', '.'; at"
                        + " most 63)",
                "lookout.yaml:7:5 probes[5].name: is required",
                "lookout.yaml:8:36 probes[6].silent_after: must be between 10s and 1d",
                "lookout.yaml:8:40 probes[6].colour: unknown key 'colour'",
                "lookout.yaml:10:68 monitors[0].vantage.from: 'nowhere' is neither 'server' nor a probe or region declared"
                        + " under probes: (known: eu, us, probe-x, probe-y)",
                "lookout.yaml:10:95 monitors[0].vantage.quorum: 3 is more than the 1 vantage point in from (server)",
                "lookout.yaml:11:68 monitors[1].vantage.from: 'server' is listed twice",
                "lookout.yaml:11:94 monitors[1].vantage.quorum: 'few' is not a quorum (a number from 1, majority, all or any)",
                "lookout.yaml:12:60 monitors[2].vantage: missing key 'from' (e.g. from: [server, probe-eu, probe-us])",
                "lookout.yaml:12:82 monitors[2].vantage.partial: must be degraded or up",
                "lookout.yaml:13:109 monitors[3].vantage: does not apply to pushed monitors: they are not checked from anywhere");
    }
}
