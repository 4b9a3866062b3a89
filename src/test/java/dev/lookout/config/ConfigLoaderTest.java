package dev.lookout.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lookout.check.CheckTypes;
import dev.lookout.check.http.HttpSettings;
import dev.lookout.check.tcp.TcpSettings;
import dev.lookout.condition.Condition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(CheckTypes.standard(), Map.of("API_TOKEN", "s3cret", "EMPTY", ""));

    private List<String> errorsOf(String yaml) {
        try {
            loader.parse("lookout.yaml", yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void audit_retention_defaults_to_400_days_and_names_the_key_when_out_of_range() throws Exception {
        assertThat(loader.parse("lookout.yaml", "components: []").retention().audit()).isEqualTo(java.time.Duration.ofDays(400));
        assertThat(loader.parse("lookout.yaml", "retention: { audit: 730d }").retention().audit())
                .isEqualTo(java.time.Duration.ofDays(730));
        assertThat(errorsOf("retention: { audit: 1h, results: 3d }")).containsExactly(
                "lookout.yaml:1:21 retention.audit: must be between 1d and 36500d",
                "lookout.yaml:1:25 retention.results: unknown key 'results'");
    }

    @Test
    void the_bundled_example_is_valid() throws Exception {
        LookoutConfig config = loader.load(Path.of("examples/lookout.yaml"));
        assertThat(config.monitors()).extracting(MonitorConfig::id).containsExactly("lookout-health", "homepage", "db-port", "example-agent");
        assertThat(config.components()).extracting(ComponentConfig::id).contains("website");
        assertThat(config.storage().url()).isEqualTo("sqlite:./data/lookout.db");
    }

    @Test
    void reads_an_http_monitor_with_every_option() throws Exception {
        LookoutConfig config = loader.parse("lookout.yaml", """
                monitors:
                  - id: api
                    type: http
                    url: https://api.example.com/health
                    method: post
                    headers: { X-Probe: lookout, Accept: application/json }
                    body: '{"ping":true}'
                    bearer_token: ${API_TOKEN}
                    follow_redirects: false
                    max_redirects: 2
                    verify_tls: no
                    expected_status: [200, 2xx]
                    interval: 30s
                    timeout: 2500ms
                    failure_threshold: 2
                    success_threshold: 3
                    conditions: [ "latency < 300ms [degraded]" ]
                """);
        MonitorConfig m = config.monitors().get(0);
        HttpSettings s = (HttpSettings) m.settings();
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.headers()).containsEntry("X-Probe", "lookout");
        assertThat(s.bearerToken()).isEqualTo("s3cret");
        assertThat(s.followRedirects()).isFalse();
        assertThat(s.maxRedirects()).isEqualTo(2);
        assertThat(s.verifyTls()).isFalse();
        assertThat(m.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(m.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(m.failureThreshold()).isEqualTo(2);
        assertThat(m.successThreshold()).isEqualTo(3);
        assertThat(m.conditions()).extracting(Condition::source).containsExactly("latency < 300ms [degraded]", "status in [200, 2xx]");
        assertThat(m.definition().toString()).as("the stored definition keeps the reference, not the secret")
                .contains("${API_TOKEN}").doesNotContain("s3cret");
    }

    @Test
    void an_http_monitor_without_status_conditions_accepts_2xx_and_3xx() throws Exception {
        MonitorConfig m = loader.parse("f", "monitors: [ { id: a, type: http, url: 'http://x/' } ]").monitors().get(0);
        assertThat(m.conditions()).extracting(Condition::source).containsExactly("status < 400");
        assertThat(m.failureThreshold()).isEqualTo(3);
        assertThat(m.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void reads_a_tcp_monitor() throws Exception {
        MonitorConfig m = loader.parse("f", """
                monitors:
                  - { id: redis, type: tcp, host: 127.0.0.1, port: 6379, send: "PING\\r\\n", expect: "+PONG", interval: 15s }
                """).monitors().get(0);
        assertThat(m.settings()).isEqualTo(new TcpSettings("127.0.0.1", 6379, "PING\r\n", "+PONG"));
    }

    @Test
    void substitutes_environment_variables_with_defaults() throws Exception {
        LookoutConfig c = loader.parse("f", """
                storage: { url: "${DB_URL:-sqlite:/tmp/x.db}" }
                server: { public_url: "https://${HOST:-status.example.com}" }
                """);
        assertThat(c.storage().url()).isEqualTo("sqlite:/tmp/x.db");
        assertThat(c.server().publicUrl()).isEqualTo("https://status.example.com");
    }

    @Test
    void reports_every_error_with_file_line_column_and_key_path() {
        List<String> errors = errorsOf("""
                server:
                  listen: "nowhere"
                components:
                  - { id: web, name: Web }
                monitors:
                  - id: a
                    type: http
                    url: http://x/
                  - id: b
                    type: http
                    url: http://y/
                    interval: 5x
                    intervall: 10s
                    component: nope
                    conditions: [ "status === 200", "latency < fast" ]
                  - { id: a, type: carrier-pigeon }
                  - { id: c, type: tcp, host: h }
                  - { id: d, type: http, url: "http://z/", token: "${MISSING}" }
                """);
        assertThat(errors).contains(
                "lookout.yaml:2:11 server.listen: 'nowhere' is not host:port (e.g. 127.0.0.1:8080 or :8080)",
                "lookout.yaml:12:15 monitors[1].interval: '5x' is not a duration (use e.g. 500ms, 30s, 5m, 1h, 7d)",
                "lookout.yaml:13:5 monitors[1].intervall: unknown key 'intervall' (did you mean 'interval'?)",
                "lookout.yaml:14:16 monitors[1].component: no component with id 'nope' (declare it under components:)",
                "lookout.yaml:16:11 monitors[2].id: duplicate id 'a'");
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("lookout.yaml:15:19 monitors[1].conditions[0]:"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("lookout.yaml:15:37 monitors[1].conditions[1]:"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("lookout.yaml:16:20 monitors[2].type: unknown type 'carrier-pigeon'"));
        assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("lookout.yaml:17:5 monitors[3].port: is required"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("monitors[4].token: unknown key 'token'"));
        assertThat(errors).hasSize(10);
    }

    @Test
    void an_unset_environment_variable_without_default_is_an_error_naming_it() {
        assertThat(errorsOf("storage: { url: \"${NOPE}\" }"))
                .containsExactly("lookout.yaml:1:17 storage.url: environment variable NOPE is not set (use ${NOPE:-default} for a default)");
    }

    @Test
    void a_condition_on_a_placeholder_the_type_does_not_offer_is_an_error() {
        assertThat(errorsOf("monitors: [ { id: a, type: tcp, host: h, port: 1, conditions: [ 'status == 200' ] } ]"))
                .singleElement().asString().contains("'status' is not available for tcp monitors");
    }

    @Test
    void every_placeholder_of_a_compound_condition_is_checked_against_the_type() {
        assertThat(errorsOf("monitors: [ { id: a, type: tcp, host: h, port: 1, conditions: [ 'connected and status == 200 or body contains x' ] } ]"))
                .hasSize(2)
                .anySatisfy(e -> assertThat(e).contains("'status' is not available for tcp monitors"))
                .anySatisfy(e -> assertThat(e).contains("'body' is not available for tcp monitors"));
    }

    @Test
    void a_condition_error_names_the_column_and_the_source() {
        assertThat(errorsOf("monitors: [ { id: a, type: http, url: 'http://x/', conditions: [ 'status == 200 and latency < ' ] } ]"))
                .singleElement().asString()
                .endsWith("monitors[0].conditions[0]: expected a value after '<' at col 28 of 'status == 200 and latency < '");
    }

    @Test
    void an_http_monitor_adds_no_status_condition_when_any_condition_reads_status() throws Exception {
        MonitorConfig m = loader.parse("f", "monitors: [ { id: a, type: http, url: 'http://x/', conditions: [ 'latency < 1s or status == 503' ] } ]")
                .monitors().get(0);
        assertThat(m.conditions()).extracting(Condition::source).containsExactly("latency < 1s or status == 503");
    }

    @Test
    void a_timeout_longer_than_the_interval_is_an_error() {
        assertThat(errorsOf("monitors: [ { id: a, type: tcp, host: h, port: 1, interval: 10s, timeout: 20s } ]"))
                .singleElement().asString().contains("monitors[0].timeout: must not be longer than the interval (10s)");
    }

    @Test
    void invalid_yaml_is_reported_with_its_position() {
        assertThat(errorsOf("monitors:\n  - id: a\n   type: http\n")).singleElement().asString().startsWith("lookout.yaml:3:");
    }

    @Test
    void a_missing_file_is_a_clear_error() {
        assertThatThrownBy(() -> loader.load(Path.of("does/not/exist.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("does/not/exist.yaml: file not found");
    }

    @Test
    void storage_urls_without_a_database_are_errors_and_never_show_the_password() {
        assertThat(errorsOf("storage: { url: 'sqlite:' }")).singleElement().asString().contains("names no database file");
        assertThat(errorsOf("storage: { url: 'postgresql://lookout:hunter2@db.internal' }")).singleElement().asString()
                .contains("needs a host and a database name").contains("lookout:***@").doesNotContain("hunter2");
        assertThat(errorsOf("storage: { url: 'mysql://x/y' }")).singleElement().asString().contains("is not a storage URL");
    }

    @Test
    void headers_that_lookout_sets_itself_are_rejected() {
        assertThat(errorsOf("monitors: [ { id: a, type: http, url: 'http://x/', headers: { Host: other.example } } ]"))
                .singleElement().asString().contains("header 'Host' is set by Lookout");
    }

    @Test
    void reads_a_configuration_larger_than_snakeyamls_default_limit() throws Exception {
        StringBuilder yaml = new StringBuilder("monitors:\n");
        for (int i = 0; i < 40_000; i++) {
            yaml.append("  - { id: m").append(i).append(", type: http, url: \"http://127.0.0.1:18080/health\", interval: 10s,"
                    + " timeout: 5s, conditions: [ \"status == 200\" ] }\n");
        }
        assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);
        assertThat(loader.parse("big.yaml", yaml.toString()).monitors()).hasSize(40_000);
    }

    @Test
    void an_admin_token_must_be_long_enough_and_is_never_printed() throws Exception {
        var config = loader.parse("t.yaml", "server: { admin_token: \"${API_TOKEN}-and-more-text\" }\nmonitors: []\n");
        assertThat(config.server().adminToken()).isEqualTo("s3cret-and-more-text");
        assertThat(config.server().toString()).doesNotContain("s3cret").contains("adminToken=***");
        assertThatThrownBy(() -> loader.parse("t.yaml", "server:\n  admin_token: short\nmonitors: []\n"))
                .hasMessageContaining("t.yaml:2:16 server.admin_token: must be at least 16 characters");
    }

    @Test
    void reads_the_storage_buffer_and_state_file_with_their_defaults() throws Exception {
        var defaults = loader.parse("/etc/lookout/lookout.yaml", "storage: { url: \"postgresql://db:5432/lookout\" }\n").storage();
        assertThat(defaults.bufferSize()).isEqualTo(100_000);
        assertThat(defaults.stateFile()).isEqualTo(Path.of("/etc/lookout/lookout.identity"));
        assertThat(loader.parse("/etc/lookout/lookout.yaml", "storage: { url: \"sqlite:/var/lib/lookout/l.db\" }\n")
                .storage().stateFile()).isEqualTo(Path.of("/var/lib/lookout/l.db.identity"));
        var set = loader.parse("/etc/lookout/lookout.yaml",
                "storage: { buffer_size: 1000000, state_file: ../../var/lib/lookout/node.identity }\n").storage();
        assertThat(set.bufferSize()).isEqualTo(1_000_000);
        assertThat(set.stateFile().normalize()).isEqualTo(Path.of("/var/lib/lookout/node.identity"));
        assertThat(errorsOf("storage:\n  buffer_size: 10\n")).singleElement().asString()
                .startsWith("lookout.yaml:2:16 storage.buffer_size:").contains("1000");
    }
}
